-- Every figure the five articles give is stored (#19): entry-level pay, a single point no kind held,
-- and figures about a whole sector rather than a role (employers' benefits, healthcare resignations).

-- Pay at entry level ("starting near $36,000"): never a median, so nothing ranks or chooses by it.
ALTER TYPE "FigureKind" ADD VALUE 'ENTRY_WAGE';
-- Percent of employers doing what the label names, from a survey of employers.
ALTER TYPE "FigureKind" ADD VALUE 'EMPLOYER_SHARE';
-- A number of workers doing what the label names ("resigning each month").
ALTER TYPE "FigureKind" ADD VALUE 'WORKER_COUNT';
-- A flow of people per month, so that a monthly count is never read as a head count.
ALTER TYPE "FigureUnit" ADD VALUE 'PEOPLE_PER_MONTH';
-- A figure about a whole sector: it belongs to no role.
ALTER TYPE "FigureScope" ADD VALUE 'SECTOR';

ALTER TABLE "labor_figure" ALTER COLUMN "role_id" DROP NOT NULL;
-- A figure has a role exactly when it describes a role or an occupation. The new enum value cannot be
-- used in the transaction that adds it, so the scope is compared as text.
ALTER TABLE "labor_figure" ADD CONSTRAINT "labor_figure_role_unless_sector"
    CHECK (("role_id" IS NULL) = ("scope"::text = 'SECTOR'));
