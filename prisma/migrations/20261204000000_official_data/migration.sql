-- Official labour-market data (O*NET 29.3, BLS OEWS and Employment Projections, IPEDS), the
-- mapping of curated roles to O*NET occupations, figure scope and data year, and the sources of
-- program costs and exam fees. See docs/official-data.md.

-- CreateEnum
CREATE TYPE "FigureScope" AS ENUM ('ROLE', 'OCCUPATION');
CREATE TYPE "OccupationFit" AS ENUM ('EXACT', 'SPECIALTY', 'BROADER');
CREATE TYPE "EducationLevel" AS ENUM ('DOCTORAL_OR_PROFESSIONAL_DEGREE', 'MASTERS_DEGREE', 'BACHELORS_DEGREE', 'ASSOCIATES_DEGREE', 'POSTSECONDARY_NONDEGREE_AWARD', 'SOME_COLLEGE_NO_DEGREE', 'HIGH_SCHOOL_DIPLOMA_OR_EQUIVALENT', 'NO_FORMAL_EDUCATIONAL_CREDENTIAL');
CREATE TYPE "WorkExperience" AS ENUM ('FIVE_YEARS_OR_MORE', 'LESS_THAN_FIVE_YEARS', 'NONE');
CREATE TYPE "OnTheJobTraining" AS ENUM ('INTERNSHIP_OR_RESIDENCY', 'APPRENTICESHIP', 'LONG_TERM', 'MODERATE_TERM', 'SHORT_TERM', 'NONE');
CREATE TYPE "RelatedTier" AS ENUM ('PRIMARY_SHORT', 'PRIMARY_LONG', 'SUPPLEMENTAL');
CREATE TYPE "OccupationTitleKind" AS ENUM ('TITLE', 'ALTERNATE', 'SHORT', 'REPORTED');
CREATE TYPE "TaskType" AS ENUM ('CORE', 'SUPPLEMENTAL');
CREATE TYPE "EstimateQualifier" AS ENUM ('EXACT', 'AT_LEAST', 'NOT_AVAILABLE');
CREATE TYPE "BlsCoverage" AS ENUM ('SAME', 'BROADER');
CREATE TYPE "CostSchools" AS ENUM ('ALL_PROGRAM_REPORTERS', 'PUBLIC_PROGRAM_REPORTERS');

-- CreateTable
CREATE TABLE "job_zone" (
    "zone" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "experience" TEXT NOT NULL,
    "education" TEXT NOT NULL,
    "training" TEXT NOT NULL,
    "examples" TEXT NOT NULL,
    "svp_range" TEXT NOT NULL,

    CONSTRAINT "job_zone_pkey" PRIMARY KEY ("zone")
);

-- CreateTable
CREATE TABLE "occupation" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "soc_code" TEXT NOT NULL,
    "major_group" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "job_zone" INTEGER,
    "typical_education" "EducationLevel",
    "work_experience" "WorkExperience",
    "on_the_job_training" "OnTheJobTraining",

    CONSTRAINT "occupation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "occupation_title" (
    "id" SERIAL NOT NULL,
    "occupation_id" INTEGER NOT NULL,
    "kind" "OccupationTitleKind" NOT NULL,
    "title" TEXT NOT NULL,

    CONSTRAINT "occupation_title_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "occupation_task" (
    "id" SERIAL NOT NULL,
    "occupation_id" INTEGER NOT NULL,
    "task_id" INTEGER NOT NULL,
    "type" "TaskType",
    "statement" TEXT NOT NULL,

    CONSTRAINT "occupation_task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "occupation_skill" (
    "occupation_id" INTEGER NOT NULL,
    "element_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "importance" DECIMAL(4,2),
    "level" DECIMAL(4,2),

    CONSTRAINT "occupation_skill_pkey" PRIMARY KEY ("occupation_id","element_id")
);

-- CreateTable
CREATE TABLE "related_occupation" (
    "occupation_id" INTEGER NOT NULL,
    "related_id" INTEGER NOT NULL,
    "tier" "RelatedTier" NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "related_occupation_pkey" PRIMARY KEY ("occupation_id","related_id")
);

-- CreateTable
CREATE TABLE "occupation_wage" (
    "id" SERIAL NOT NULL,
    "occupation_id" INTEGER NOT NULL,
    "source_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "bls_code" TEXT NOT NULL,
    "bls_title" TEXT NOT NULL,
    "coverage" "BlsCoverage" NOT NULL,
    "employment" INTEGER,
    "employment_q" "EstimateQualifier" NOT NULL,
    "hourly_mean" DECIMAL(10,2),
    "hourly_mean_q" "EstimateQualifier" NOT NULL,
    "hourly_p10" DECIMAL(10,2),
    "hourly_p10_q" "EstimateQualifier" NOT NULL,
    "hourly_p25" DECIMAL(10,2),
    "hourly_p25_q" "EstimateQualifier" NOT NULL,
    "hourly_median" DECIMAL(10,2),
    "hourly_median_q" "EstimateQualifier" NOT NULL,
    "hourly_p75" DECIMAL(10,2),
    "hourly_p75_q" "EstimateQualifier" NOT NULL,
    "hourly_p90" DECIMAL(10,2),
    "hourly_p90_q" "EstimateQualifier" NOT NULL,
    "annual_mean" DECIMAL(10,2),
    "annual_mean_q" "EstimateQualifier" NOT NULL,
    "annual_p10" DECIMAL(10,2),
    "annual_p10_q" "EstimateQualifier" NOT NULL,
    "annual_p25" DECIMAL(10,2),
    "annual_p25_q" "EstimateQualifier" NOT NULL,
    "annual_median" DECIMAL(10,2),
    "annual_median_q" "EstimateQualifier" NOT NULL,
    "annual_p75" DECIMAL(10,2),
    "annual_p75_q" "EstimateQualifier" NOT NULL,
    "annual_p90" DECIMAL(10,2),
    "annual_p90_q" "EstimateQualifier" NOT NULL,

    CONSTRAINT "occupation_wage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "occupation_projection" (
    "id" SERIAL NOT NULL,
    "occupation_id" INTEGER NOT NULL,
    "source_id" INTEGER NOT NULL,
    "bls_code" TEXT NOT NULL,
    "bls_title" TEXT NOT NULL,
    "coverage" "BlsCoverage" NOT NULL,
    "base_year" INTEGER NOT NULL,
    "projected_year" INTEGER NOT NULL,
    "employment_base" INTEGER,
    "employment_projected" INTEGER,
    "employment_change" INTEGER,
    "change_percent" DECIMAL(6,1),
    "annual_openings" INTEGER,

    CONSTRAINT "occupation_projection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "program_cost_median" (
    "id" SERIAL NOT NULL,
    "cip_code" TEXT NOT NULL,
    "schools" "CostSchools" NOT NULL,
    "school_count" INTEGER NOT NULL,
    "median_usd" DECIMAL(10,1) NOT NULL,
    "year" INTEGER NOT NULL,
    "source_id" INTEGER NOT NULL,

    CONSTRAINT "program_cost_median_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "official_data_load" (
    "name" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "loaded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "official_data_load_pkey" PRIMARY KEY ("name")
);

-- AlterTable: roles map to an occupation
ALTER TABLE "role" ADD COLUMN "occupation_id" INTEGER, ADD COLUMN "occupation_fit" "OccupationFit";
ALTER TABLE "role" ADD CONSTRAINT "role_occupation_pair"
    CHECK (("occupation_id" IS NULL) = ("occupation_fit" IS NULL));

-- AlterTable: an exam fee names the certifying body's page it comes from
ALTER TABLE "certification" ADD COLUMN "exam_fee_source_id" INTEGER;
-- A fee without the page it comes from is not kept; `npm run db:seed` reloads the cited ones.
UPDATE "certification" SET "exam_fee_usd" = NULL;
ALTER TABLE "certification" ADD CONSTRAINT "certification_exam_fee_sourced"
    CHECK (("exam_fee_usd" IS NULL) = ("exam_fee_source_id" IS NULL));

-- AlterTable: a program's cost names its source, year and (for IPEDS) the schools it describes
ALTER TABLE "training_program"
    ADD COLUMN "typical_cost_source_id" INTEGER,
    ADD COLUMN "typical_cost_year" INTEGER,
    ADD COLUMN "typical_cost_schools" "CostSchools",
    ADD COLUMN "typical_cost_school_count" INTEGER,
    ADD COLUMN "cip_code" TEXT;
-- Likewise a cost without its source.
UPDATE "training_program" SET "typical_cost_usd" = NULL;
ALTER TABLE "training_program" ADD CONSTRAINT "training_program_cost_sourced"
    CHECK (("typical_cost_usd" IS NULL) = ("typical_cost_source_id" IS NULL)
       AND ("typical_cost_usd" IS NULL) = ("typical_cost_year" IS NULL)
       AND ("typical_cost_schools" IS NULL) = ("typical_cost_school_count" IS NULL)
       AND coalesce("typical_cost_school_count", 1) > 0);
ALTER TABLE "training_program" ADD CONSTRAINT "training_program_cip_format"
    CHECK ("cip_code" IS NULL OR "cip_code" ~ '^[0-9]{2}\.[0-9]{4}$');

-- AlterTable: a figure's scope, and its data year apart from the source's publication year.
-- Existing rows are marked ROLE until `npm run db:seed` loads the curated scopes; their year stays
-- their data year.
ALTER TABLE "labor_figure" ADD COLUMN "scope" "FigureScope" NOT NULL DEFAULT 'ROLE';
ALTER TABLE "labor_figure" ALTER COLUMN "scope" DROP DEFAULT;
ALTER TABLE "labor_figure" DROP CONSTRAINT "labor_figure_period";
DROP INDEX "labor_figure_role_id_kind_unit_source_id_year_geography_key";
ALTER TABLE "labor_figure" RENAME COLUMN "year" TO "data_year";
ALTER TABLE "labor_figure" ALTER COLUMN "data_year" DROP NOT NULL;
CREATE UNIQUE INDEX "labor_figure_role_id_kind_unit_source_id_data_year_geography_key"
    ON "labor_figure"("role_id", "kind", "unit", "source_id", "data_year", "geography") NULLS NOT DISTINCT;
ALTER TABLE "labor_figure" ADD CONSTRAINT "labor_figure_period"
    CHECK ("period_end_year" IS NULL OR "data_year" IS NULL OR "period_end_year" >= "data_year");

-- CreateIndex
CREATE UNIQUE INDEX "occupation_code_key" ON "occupation"("code");
CREATE INDEX "occupation_soc_code_idx" ON "occupation"("soc_code");
CREATE INDEX "occupation_major_group_idx" ON "occupation"("major_group");
CREATE INDEX "occupation_job_zone_idx" ON "occupation"("job_zone");
CREATE INDEX "occupation_title_occupation_id_idx" ON "occupation_title"("occupation_id");
-- Title search: every word of the query must begin a word of one title (to_tsquery 'word:*').
CREATE INDEX "occupation_title_search_idx" ON "occupation_title" USING GIN (to_tsvector('simple'::regconfig, "title"));
CREATE INDEX "occupation_task_occupation_id_idx" ON "occupation_task"("occupation_id");
CREATE INDEX "related_occupation_related_id_idx" ON "related_occupation"("related_id");
CREATE UNIQUE INDEX "occupation_wage_occupation_id_year_key" ON "occupation_wage"("occupation_id", "year");
CREATE INDEX "occupation_wage_source_id_idx" ON "occupation_wage"("source_id");
CREATE UNIQUE INDEX "occupation_projection_occupation_id_key" ON "occupation_projection"("occupation_id");
CREATE INDEX "occupation_projection_source_id_idx" ON "occupation_projection"("source_id");
CREATE UNIQUE INDEX "program_cost_median_cip_code_schools_key" ON "program_cost_median"("cip_code", "schools");
CREATE INDEX "program_cost_median_source_id_idx" ON "program_cost_median"("source_id");
CREATE INDEX "role_occupation_id_idx" ON "role"("occupation_id");
CREATE INDEX "certification_exam_fee_source_id_idx" ON "certification"("exam_fee_source_id");
CREATE INDEX "training_program_typical_cost_source_id_idx" ON "training_program"("typical_cost_source_id");

-- AddForeignKey
ALTER TABLE "occupation" ADD CONSTRAINT "occupation_job_zone_fkey" FOREIGN KEY ("job_zone") REFERENCES "job_zone"("zone") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "occupation_title" ADD CONSTRAINT "occupation_title_occupation_id_fkey" FOREIGN KEY ("occupation_id") REFERENCES "occupation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "occupation_task" ADD CONSTRAINT "occupation_task_occupation_id_fkey" FOREIGN KEY ("occupation_id") REFERENCES "occupation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "occupation_skill" ADD CONSTRAINT "occupation_skill_occupation_id_fkey" FOREIGN KEY ("occupation_id") REFERENCES "occupation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "related_occupation" ADD CONSTRAINT "related_occupation_occupation_id_fkey" FOREIGN KEY ("occupation_id") REFERENCES "occupation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "related_occupation" ADD CONSTRAINT "related_occupation_related_id_fkey" FOREIGN KEY ("related_id") REFERENCES "occupation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "occupation_wage" ADD CONSTRAINT "occupation_wage_occupation_id_fkey" FOREIGN KEY ("occupation_id") REFERENCES "occupation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "occupation_wage" ADD CONSTRAINT "occupation_wage_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "occupation_projection" ADD CONSTRAINT "occupation_projection_occupation_id_fkey" FOREIGN KEY ("occupation_id") REFERENCES "occupation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "occupation_projection" ADD CONSTRAINT "occupation_projection_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "program_cost_median" ADD CONSTRAINT "program_cost_median_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "role" ADD CONSTRAINT "role_occupation_id_fkey" FOREIGN KEY ("occupation_id") REFERENCES "occupation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "certification" ADD CONSTRAINT "certification_exam_fee_source_id_fkey" FOREIGN KEY ("exam_fee_source_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "training_program" ADD CONSTRAINT "training_program_typical_cost_source_id_fkey" FOREIGN KEY ("typical_cost_source_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
