-- CreateEnum
CREATE TYPE "RoleLevel" AS ENUM ('ENTRY', 'INTERMEDIATE', 'ADVANCED', 'SUPERVISORY', 'MANAGEMENT', 'EXECUTIVE');

-- CreateEnum
CREATE TYPE "OrganizationKind" AS ENUM ('CERTIFYING_BODY', 'GOVERNMENT_AGENCY', 'PUBLISHER', 'EMPLOYER', 'ACCREDITOR');

-- CreateEnum
CREATE TYPE "CertificationKind" AS ENUM ('CERTIFICATION', 'LICENSE');

-- CreateEnum
CREATE TYPE "Credential" AS ENUM ('CERTIFICATE', 'DIPLOMA', 'ASSOCIATE', 'BACHELOR', 'MASTER');

-- CreateEnum
CREATE TYPE "TransitionKind" AS ENUM ('ADVANCEMENT', 'LATERAL', 'SPECIALIZATION', 'CROSS_TRACK');

-- CreateEnum
CREATE TYPE "FigureKind" AS ENUM ('MEDIAN_WAGE', 'MEAN_WAGE', 'WAGE_RANGE', 'EMPLOYMENT', 'PROJECTED_GROWTH', 'ANNUAL_OPENINGS');

-- CreateEnum
CREATE TYPE "FigureUnit" AS ENUM ('USD_PER_YEAR', 'USD_PER_HOUR', 'PERCENT', 'JOBS');

-- CreateTable
CREATE TABLE "track" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "track_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "organization" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "acronym" TEXT,
    "kind" "OrganizationKind" NOT NULL,
    "url" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "source" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "publisher_id" INTEGER NOT NULL,
    "url" TEXT,
    "year" INTEGER NOT NULL,
    "official" BOOLEAN NOT NULL,
    "note" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "role" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "alternate_titles" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "track_id" INTEGER NOT NULL,
    "level" "RoleLevel" NOT NULL,
    "summary" TEXT NOT NULL,
    "duties" TEXT[],
    "skills" TEXT[],
    "work_settings" TEXT[],
    "typical_education" TEXT NOT NULL,
    "soc_code" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "role_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "role_source" (
    "role_id" INTEGER NOT NULL,
    "source_id" INTEGER NOT NULL,

    CONSTRAINT "role_source_pkey" PRIMARY KEY ("role_id","source_id")
);

-- CreateTable
CREATE TABLE "certification" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "acronym" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "CertificationKind" NOT NULL,
    "issuer_id" INTEGER NOT NULL,
    "exam_questions" INTEGER,
    "exam_minutes" INTEGER,
    "renewal_months" INTEGER,
    "renewal_requirement" TEXT,
    "exam_fee_usd" INTEGER,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "certification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "eligibility_route" (
    "id" SERIAL NOT NULL,
    "certification_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "program_id" INTEGER,
    "min_months_experience" INTEGER,

    CONSTRAINT "eligibility_route_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "certification_source" (
    "certification_id" INTEGER NOT NULL,
    "source_id" INTEGER NOT NULL,

    CONSTRAINT "certification_source_pkey" PRIMARY KEY ("certification_id","source_id")
);

-- CreateTable
CREATE TABLE "training_program" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "credential" "Credential" NOT NULL,
    "min_months" INTEGER NOT NULL,
    "max_months" INTEGER NOT NULL,
    "typical_cost_usd" INTEGER,
    "description" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "training_program_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_program_source" (
    "program_id" INTEGER NOT NULL,
    "source_id" INTEGER NOT NULL,

    CONSTRAINT "training_program_source_pkey" PRIMARY KEY ("program_id","source_id")
);

-- CreateTable
CREATE TABLE "transition" (
    "id" SERIAL NOT NULL,
    "from_role_id" INTEGER NOT NULL,
    "to_role_id" INTEGER NOT NULL,
    "kind" "TransitionKind" NOT NULL,
    "min_years_experience" DECIMAL(4,1) NOT NULL,
    "rationale" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "transition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "requirement_group" (
    "id" SERIAL NOT NULL,
    "transition_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "requirement_group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "requirement_option" (
    "group_id" INTEGER NOT NULL,
    "certification_id" INTEGER NOT NULL,

    CONSTRAINT "requirement_option_pkey" PRIMARY KEY ("group_id","certification_id")
);

-- CreateTable
CREATE TABLE "transition_training" (
    "transition_id" INTEGER NOT NULL,
    "program_id" INTEGER NOT NULL,

    CONSTRAINT "transition_training_pkey" PRIMARY KEY ("transition_id","program_id")
);

-- CreateTable
CREATE TABLE "transition_source" (
    "transition_id" INTEGER NOT NULL,
    "source_id" INTEGER NOT NULL,

    CONSTRAINT "transition_source_pkey" PRIMARY KEY ("transition_id","source_id")
);

-- CreateTable
CREATE TABLE "labor_figure" (
    "id" SERIAL NOT NULL,
    "role_id" INTEGER NOT NULL,
    "kind" "FigureKind" NOT NULL,
    "unit" "FigureUnit" NOT NULL,
    "value" DECIMAL(12,2),
    "low" DECIMAL(12,2),
    "high" DECIMAL(12,2),
    "year" INTEGER NOT NULL,
    "period_end_year" INTEGER,
    "geography" TEXT NOT NULL DEFAULT 'US',
    "occupation" TEXT NOT NULL,
    "note" TEXT,
    "source_id" INTEGER NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "labor_figure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "track_slug_key" ON "track"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "organization_slug_key" ON "organization"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "source_slug_key" ON "source"("slug");

-- CreateIndex
CREATE INDEX "source_publisher_id_idx" ON "source"("publisher_id");

-- CreateIndex
CREATE UNIQUE INDEX "role_slug_key" ON "role"("slug");

-- CreateIndex
CREATE INDEX "role_track_id_idx" ON "role"("track_id");

-- CreateIndex
CREATE INDEX "role_source_source_id_idx" ON "role_source"("source_id");

-- CreateIndex
CREATE UNIQUE INDEX "certification_slug_key" ON "certification"("slug");

-- CreateIndex
CREATE INDEX "certification_issuer_id_idx" ON "certification"("issuer_id");

-- CreateIndex
CREATE INDEX "eligibility_route_program_id_idx" ON "eligibility_route"("program_id");

-- CreateIndex
CREATE UNIQUE INDEX "eligibility_route_certification_id_position_key" ON "eligibility_route"("certification_id", "position");

-- CreateIndex
CREATE INDEX "certification_source_source_id_idx" ON "certification_source"("source_id");

-- CreateIndex
CREATE UNIQUE INDEX "training_program_slug_key" ON "training_program"("slug");

-- CreateIndex
CREATE INDEX "training_program_source_source_id_idx" ON "training_program_source"("source_id");

-- CreateIndex
CREATE INDEX "transition_to_role_id_idx" ON "transition"("to_role_id");

-- CreateIndex
CREATE UNIQUE INDEX "transition_from_role_id_to_role_id_key" ON "transition"("from_role_id", "to_role_id");

-- CreateIndex
CREATE UNIQUE INDEX "requirement_group_transition_id_position_key" ON "requirement_group"("transition_id", "position");

-- CreateIndex
CREATE INDEX "requirement_option_certification_id_idx" ON "requirement_option"("certification_id");

-- CreateIndex
CREATE INDEX "transition_training_program_id_idx" ON "transition_training"("program_id");

-- CreateIndex
CREATE INDEX "transition_source_source_id_idx" ON "transition_source"("source_id");

-- CreateIndex
CREATE INDEX "labor_figure_source_id_idx" ON "labor_figure"("source_id");

-- CreateIndex
CREATE UNIQUE INDEX "labor_figure_role_id_kind_unit_source_id_year_geography_key" ON "labor_figure"("role_id", "kind", "unit", "source_id", "year", "geography");

-- AddForeignKey
ALTER TABLE "source" ADD CONSTRAINT "source_publisher_id_fkey" FOREIGN KEY ("publisher_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role" ADD CONSTRAINT "role_track_id_fkey" FOREIGN KEY ("track_id") REFERENCES "track"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_source" ADD CONSTRAINT "role_source_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "role"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_source" ADD CONSTRAINT "role_source_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certification" ADD CONSTRAINT "certification_issuer_id_fkey" FOREIGN KEY ("issuer_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "eligibility_route" ADD CONSTRAINT "eligibility_route_certification_id_fkey" FOREIGN KEY ("certification_id") REFERENCES "certification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "eligibility_route" ADD CONSTRAINT "eligibility_route_program_id_fkey" FOREIGN KEY ("program_id") REFERENCES "training_program"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certification_source" ADD CONSTRAINT "certification_source_certification_id_fkey" FOREIGN KEY ("certification_id") REFERENCES "certification"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certification_source" ADD CONSTRAINT "certification_source_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_program_source" ADD CONSTRAINT "training_program_source_program_id_fkey" FOREIGN KEY ("program_id") REFERENCES "training_program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_program_source" ADD CONSTRAINT "training_program_source_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transition" ADD CONSTRAINT "transition_from_role_id_fkey" FOREIGN KEY ("from_role_id") REFERENCES "role"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transition" ADD CONSTRAINT "transition_to_role_id_fkey" FOREIGN KEY ("to_role_id") REFERENCES "role"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "requirement_group" ADD CONSTRAINT "requirement_group_transition_id_fkey" FOREIGN KEY ("transition_id") REFERENCES "transition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "requirement_option" ADD CONSTRAINT "requirement_option_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "requirement_group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "requirement_option" ADD CONSTRAINT "requirement_option_certification_id_fkey" FOREIGN KEY ("certification_id") REFERENCES "certification"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transition_training" ADD CONSTRAINT "transition_training_transition_id_fkey" FOREIGN KEY ("transition_id") REFERENCES "transition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transition_training" ADD CONSTRAINT "transition_training_program_id_fkey" FOREIGN KEY ("program_id") REFERENCES "training_program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transition_source" ADD CONSTRAINT "transition_source_transition_id_fkey" FOREIGN KEY ("transition_id") REFERENCES "transition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transition_source" ADD CONSTRAINT "transition_source_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "labor_figure" ADD CONSTRAINT "labor_figure_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "role"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "labor_figure" ADD CONSTRAINT "labor_figure_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Rules Prisma's schema language cannot express; the database enforces them for every writer.
ALTER TABLE "track" ADD CONSTRAINT "track_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE "organization" ADD CONSTRAINT "organization_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE "source" ADD CONSTRAINT "source_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE "role" ADD CONSTRAINT "role_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE "certification" ADD CONSTRAINT "certification_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE "training_program" ADD CONSTRAINT "training_program_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');

ALTER TABLE "role" ADD CONSTRAINT "role_lists_not_null"
    CHECK ("alternate_titles" IS NOT NULL AND "duties" IS NOT NULL AND "skills" IS NOT NULL AND "work_settings" IS NOT NULL);

ALTER TABLE "certification" ADD CONSTRAINT "certification_non_negative"
    CHECK (coalesce("exam_questions", 0) >= 0 AND coalesce("exam_minutes", 0) >= 0
       AND coalesce("renewal_months", 0) >= 0 AND coalesce("exam_fee_usd", 0) >= 0);
ALTER TABLE "eligibility_route" ADD CONSTRAINT "eligibility_route_non_negative"
    CHECK (coalesce("min_months_experience", 0) >= 0);

ALTER TABLE "training_program" ADD CONSTRAINT "training_program_months"
    CHECK ("min_months" >= 0 AND "max_months" >= "min_months");
ALTER TABLE "training_program" ADD CONSTRAINT "training_program_cost_non_negative"
    CHECK (coalesce("typical_cost_usd", 0) >= 0);

ALTER TABLE "transition" ADD CONSTRAINT "transition_no_self_loop" CHECK ("from_role_id" <> "to_role_id");
ALTER TABLE "transition" ADD CONSTRAINT "transition_years_non_negative" CHECK ("min_years_experience" >= 0);

ALTER TABLE "labor_figure" ADD CONSTRAINT "labor_figure_values"
    CHECK (CASE WHEN "kind" = 'WAGE_RANGE'
                THEN "low" IS NOT NULL AND "high" IS NOT NULL AND "high" >= "low"
                ELSE "value" IS NOT NULL END);
ALTER TABLE "labor_figure" ADD CONSTRAINT "labor_figure_period"
    CHECK ("period_end_year" IS NULL OR "period_end_year" >= "year");

-- A transition must rest on at least one source and every requirement group must offer at least
-- one certification. Checked at commit, so a transition and its rows can be written in any order.
CREATE FUNCTION "check_transition_sourced"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    tid INTEGER;
BEGIN
    IF TG_TABLE_NAME = 'transition' THEN
        tid := NEW."id";
    ELSE
        tid := OLD."transition_id";
    END IF;
    IF EXISTS (SELECT 1 FROM "transition" WHERE "id" = tid)
       AND NOT EXISTS (SELECT 1 FROM "transition_source" WHERE "transition_id" = tid) THEN
        RAISE EXCEPTION 'transition % must cite at least one source', tid
            USING ERRCODE = 'check_violation', CONSTRAINT = 'transition_sourced';
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "transition_sourced" AFTER INSERT ON "transition"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "check_transition_sourced"();
CREATE CONSTRAINT TRIGGER "transition_source_removed" AFTER DELETE OR UPDATE ON "transition_source"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "check_transition_sourced"();

CREATE FUNCTION "check_requirement_group_not_empty"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    gid INTEGER;
BEGIN
    IF TG_TABLE_NAME = 'requirement_group' THEN
        gid := NEW."id";
    ELSE
        gid := OLD."group_id";
    END IF;
    IF EXISTS (SELECT 1 FROM "requirement_group" WHERE "id" = gid)
       AND NOT EXISTS (SELECT 1 FROM "requirement_option" WHERE "group_id" = gid) THEN
        RAISE EXCEPTION 'requirement group % must offer at least one certification', gid
            USING ERRCODE = 'check_violation', CONSTRAINT = 'requirement_group_not_empty';
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "requirement_group_not_empty" AFTER INSERT ON "requirement_group"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "check_requirement_group_not_empty"();
CREATE CONSTRAINT TRIGGER "requirement_option_removed" AFTER DELETE OR UPDATE ON "requirement_option"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "check_requirement_group_not_empty"();
