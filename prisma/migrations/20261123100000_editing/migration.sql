-- Optimistic locking: every editable record carries a version that each update increments.
ALTER TABLE "track" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "organization" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "source" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "role" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "certification" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "training_program" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "transition" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "labor_figure" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;

-- CreateEnum
CREATE TYPE "ApiKeyScope" AS ENUM ('editor', 'admin');

-- CreateTable
CREATE TABLE "api_key" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "scope" "ApiKeyScope" NOT NULL,
    "key_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMP(3),
    "last_used_at" TIMESTAMP(3),

    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_key" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_key_name_key" ON "api_key"("name");

-- CreateIndex
CREATE UNIQUE INDEX "api_key_key_hash_key" ON "api_key"("key_hash");

-- CreateIndex
CREATE INDEX "audit_event_entity_type_entity_key_idx" ON "audit_event"("entity_type", "entity_key");

-- CreateIndex
CREATE INDEX "audit_event_at_idx" ON "audit_event"("at");

-- Rules Prisma's schema language cannot express.
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_name_not_blank" CHECK (length(trim("name")) > 0);
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_hash_is_sha256" CHECK ("key_hash" ~ '^[0-9a-f]{64}$');
