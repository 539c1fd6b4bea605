-- Prerequisites the pathway engine models (docs/cost-model.md): a track that bridges the others,
-- programs that need other programs first, what a role implies its holder has completed or holds,
-- and eligibility routes that ask to hold another certification or that have no condition.

ALTER TABLE "track" ADD COLUMN "bridging" BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE "eligibility_route" ADD COLUMN "certification_held_id" INTEGER;
ALTER TABLE "eligibility_route" ADD COLUMN "open" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "eligibility_route" ADD CONSTRAINT "eligibility_route_certification_held_id_fkey"
  FOREIGN KEY ("certification_held_id") REFERENCES "certification"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE INDEX "eligibility_route_certification_held_id_idx" ON "eligibility_route"("certification_held_id");
-- A route has at most one condition.
ALTER TABLE "eligibility_route" ADD CONSTRAINT "eligibility_route_one_condition" CHECK (
  (("program_id" IS NOT NULL)::int + ("min_months_experience" IS NOT NULL)::int
   + ("certification_held_id" IS NOT NULL)::int + "open"::int) <= 1
);

CREATE TABLE "program_prerequisite" (
    "program_id" INTEGER NOT NULL,
    "prerequisite_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "program_prerequisite_pkey" PRIMARY KEY ("program_id", "prerequisite_id"),
    CONSTRAINT "program_prerequisite_not_itself" CHECK ("program_id" <> "prerequisite_id")
);
CREATE INDEX "program_prerequisite_prerequisite_id_idx" ON "program_prerequisite"("prerequisite_id");
ALTER TABLE "program_prerequisite" ADD CONSTRAINT "program_prerequisite_program_id_fkey"
  FOREIGN KEY ("program_id") REFERENCES "training_program"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "program_prerequisite" ADD CONSTRAINT "program_prerequisite_prerequisite_id_fkey"
  FOREIGN KEY ("prerequisite_id") REFERENCES "training_program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "role_implied_program" (
    "role_id" INTEGER NOT NULL,
    "program_id" INTEGER NOT NULL,
    CONSTRAINT "role_implied_program_pkey" PRIMARY KEY ("role_id", "program_id")
);
CREATE INDEX "role_implied_program_program_id_idx" ON "role_implied_program"("program_id");
ALTER TABLE "role_implied_program" ADD CONSTRAINT "role_implied_program_role_id_fkey"
  FOREIGN KEY ("role_id") REFERENCES "role"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "role_implied_program" ADD CONSTRAINT "role_implied_program_program_id_fkey"
  FOREIGN KEY ("program_id") REFERENCES "training_program"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "role_implied_certification" (
    "role_id" INTEGER NOT NULL,
    "certification_id" INTEGER NOT NULL,
    CONSTRAINT "role_implied_certification_pkey" PRIMARY KEY ("role_id", "certification_id")
);
CREATE INDEX "role_implied_certification_certification_id_idx" ON "role_implied_certification"("certification_id");
ALTER TABLE "role_implied_certification" ADD CONSTRAINT "role_implied_certification_role_id_fkey"
  FOREIGN KEY ("role_id") REFERENCES "role"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "role_implied_certification" ADD CONSTRAINT "role_implied_certification_certification_id_fkey"
  FOREIGN KEY ("certification_id") REFERENCES "certification"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
