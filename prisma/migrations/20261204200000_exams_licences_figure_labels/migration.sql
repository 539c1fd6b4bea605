-- Curated data that reads aloud (#19): an exam is not a licence, figures the articles give that no kind
-- held, and two figures of one source that only a label tells apart (docs/dataset-format.md).

-- An exam such as the NCLEX or the PANCE, which leads to a licence or certification but is not one.
ALTER TYPE "CertificationKind" ADD VALUE 'EXAM';

-- Shares of a workforce by setting, exam pass rates, shares of the working day by kind of task, how
-- far a group's pay sits above the national median, and the wage a top share of earners exceeds.
ALTER TYPE "FigureKind" ADD VALUE 'WORKFORCE_SHARE';
ALTER TYPE "FigureKind" ADD VALUE 'EXAM_PASS_RATE';
ALTER TYPE "FigureKind" ADD VALUE 'TIME_SHARE';
ALTER TYPE "FigureKind" ADD VALUE 'WAGE_PREMIUM';
ALTER TYPE "FigureKind" ADD VALUE 'TOP_EARNERS_WAGE';

-- What tells a figure from another of the same role, kind, unit, source, data year and geography:
-- the part of the workforce ("experienced or certified"), the setting ("Physicians' offices") or the
-- passage that gives it ("key points"). Empty for a source's only figure of its key.
ALTER TABLE "labor_figure" ADD COLUMN "label" TEXT NOT NULL DEFAULT '';
DROP INDEX "labor_figure_role_id_kind_unit_source_id_data_year_geography_key";
CREATE UNIQUE INDEX "labor_figure_role_id_kind_unit_source_id_data_year_geography_label_key"
    ON "labor_figure"("role_id", "kind", "unit", "source_id", "data_year", "geography", "label") NULLS NOT DISTINCT;
