-- A figure the source gives as a floor ("over 650,000 employed", "$45,000 or more") says so in a
-- field, not only in its note: clients showed such figures as exact numbers.
CREATE TYPE "FigureBound" AS ENUM ('EXACT', 'AT_LEAST');
ALTER TABLE "labor_figure" ADD COLUMN "bound" "FigureBound" NOT NULL DEFAULT 'EXACT';
