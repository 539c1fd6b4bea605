-- A lower exam fee the certifying body's fee page gives some candidates (the CMA's $125 for completing
-- students, recent graduates and AAMA members, against $250), and who pays it: explanations name it.
ALTER TABLE "certification" ADD COLUMN "exam_reduced_fee_usd" INTEGER;
ALTER TABLE "certification" ADD COLUMN "exam_reduced_fee_for" TEXT;
ALTER TABLE "certification" ADD CONSTRAINT "certification_reduced_fee_below_fee"
    CHECK (("exam_reduced_fee_usd" IS NULL) = ("exam_reduced_fee_for" IS NULL)
           AND ("exam_reduced_fee_usd" IS NULL
                OR ("exam_fee_usd" IS NOT NULL AND "exam_reduced_fee_usd" >= 0
                    AND "exam_reduced_fee_usd" < "exam_fee_usd")));
