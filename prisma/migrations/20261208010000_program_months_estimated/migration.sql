-- A program's shortest or longest length that no cited source gives: the curators' usual length for
-- such programs, said as such wherever the length is given.
ALTER TABLE "training_program" ADD COLUMN "min_months_estimated" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "training_program" ADD COLUMN "max_months_estimated" BOOLEAN NOT NULL DEFAULT false;
