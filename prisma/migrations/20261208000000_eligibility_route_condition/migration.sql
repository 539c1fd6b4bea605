-- What a route asks beyond its program or months, as its issuer states it (the CMA's program must be
-- accredited, the COA's work under an ophthalmologist): said beside the route wherever it is used.
ALTER TABLE "eligibility_route" ADD COLUMN "condition" TEXT;
