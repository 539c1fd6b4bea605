-- Years of experience no source states, which the curators estimated (supervisory and management
-- moves, where 0 would mislead): said as an estimate wherever the years are given.
ALTER TABLE "transition" ADD COLUMN "years_estimated" BOOLEAN NOT NULL DEFAULT false;
