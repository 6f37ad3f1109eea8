-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateEnum
CREATE TYPE "commitment_status" AS ENUM ('ANNOUNCED', 'IN_PROGRESS', 'PARTIALLY_COMPLETED', 'COMPLETED', 'STALLED', 'ABANDONED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "partnership_level" AS ENUM ('STRATEGIC_PARTNERSHIP', 'COMPREHENSIVE_STRATEGIC_PARTNERSHIP', 'COMPREHENSIVE_PARTNERSHIP', 'OTHER');

-- CreateEnum
CREATE TYPE "milestone_kind" AS ENUM ('ESTABLISHED', 'UPGRADED', 'FRAMEWORK');

-- CreateEnum
CREATE TYPE "date_precision" AS ENUM ('YEAR', 'MONTH', 'DAY');

-- CreateEnum
CREATE TYPE "date_basis" AS ENUM ('STATED', 'INFERRED');

-- CreateEnum
CREATE TYPE "document_kind" AS ENUM ('JOINT_STATEMENT', 'FACT_SHEET', 'NEWS_REPORT', 'PRESS_RELEASE', 'OTHER');

-- CreateEnum
CREATE TYPE "mention_role" AS ENUM ('ORIGIN', 'LATER_MENTION', 'EVIDENCE');

-- CreateEnum
CREATE TYPE "actor_kind" AS ENUM ('GOVERNMENT', 'MINISTRY', 'GOVERNMENT_AGENCY', 'COMPANY', 'UNIVERSITY', 'INTERNATIONAL_ORGANISATION', 'PERSON', 'OTHER');

-- CreateEnum
CREATE TYPE "actor_role" AS ENUM ('LEAD', 'SUPPORTING', 'PARTICIPANT');

-- CreateEnum
CREATE TYPE "pillar_basis" AS ENUM ('STATED', 'ASSIGNED');

-- CreateEnum
CREATE TYPE "author_kind" AS ENUM ('SYSTEM', 'API_KEY', 'JWT');

-- CreateEnum
CREATE TYPE "role" AS ENUM ('VIEWER', 'EDITOR', 'ADMIN');

-- CreateEnum
CREATE TYPE "idempotency_state" AS ENUM ('IN_PROGRESS', 'COMPLETED');

-- CreateTable
CREATE TABLE "country" (
    "code" CHAR(2) NOT NULL,
    "name" VARCHAR(120) NOT NULL,

    CONSTRAINT "country_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "partnership" (
    "id" SERIAL NOT NULL,
    "slug" VARCHAR(120) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "description" TEXT,
    "level" "partnership_level" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "partnership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "partnership_party" (
    "partnership_id" INTEGER NOT NULL,
    "country_code" CHAR(2) NOT NULL,

    CONSTRAINT "partnership_party_pkey" PRIMARY KEY ("partnership_id","country_code")
);

-- CreateTable
CREATE TABLE "partnership_milestone" (
    "id" SERIAL NOT NULL,
    "partnership_id" INTEGER NOT NULL,
    "kind" "milestone_kind" NOT NULL,
    "level" "partnership_level",
    "title" VARCHAR(300) NOT NULL,
    "occurred_on" DATE NOT NULL,
    "occurred_precision" "date_precision" NOT NULL,
    "source_document_id" INTEGER,
    "quote" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "partnership_milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pillar" (
    "id" SERIAL NOT NULL,
    "slug" VARCHAR(120) NOT NULL,
    "partnership_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "name" VARCHAR(300) NOT NULL,
    "description" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pillar_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "actor" (
    "id" SERIAL NOT NULL,
    "slug" VARCHAR(120) NOT NULL,
    "name" VARCHAR(300) NOT NULL,
    "kind" "actor_kind" NOT NULL,
    "country_code" CHAR(2),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "actor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "commitment" (
    "id" SERIAL NOT NULL,
    "slug" VARCHAR(160) NOT NULL,
    "partnership_id" INTEGER NOT NULL,
    "pillar_id" INTEGER NOT NULL,
    "pillar_basis" "pillar_basis" NOT NULL DEFAULT 'STATED',
    "title" VARCHAR(300) NOT NULL,
    "description" TEXT,
    "status" "commitment_status" NOT NULL DEFAULT 'ANNOUNCED',
    "status_since" DATE NOT NULL,
    "announced_on" DATE NOT NULL,
    "last_assessed_at" TIMESTAMPTZ(3),
    "deadline" DATE,
    "deadline_precision" "date_precision",
    "tags" VARCHAR(60)[] DEFAULT ARRAY[]::VARCHAR(60)[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "commitment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "commitment_actor" (
    "commitment_id" INTEGER NOT NULL,
    "actor_id" INTEGER NOT NULL,
    "role" "actor_role" NOT NULL,

    CONSTRAINT "commitment_actor_pkey" PRIMARY KEY ("commitment_id","actor_id")
);

-- CreateTable
CREATE TABLE "commitment_amount" (
    "id" SERIAL NOT NULL,
    "commitment_id" INTEGER NOT NULL,
    "value" DECIMAL(20,2) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "original_text" VARCHAR(200) NOT NULL,

    CONSTRAINT "commitment_amount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "source_document" (
    "id" SERIAL NOT NULL,
    "slug" VARCHAR(120) NOT NULL,
    "title" VARCHAR(500) NOT NULL,
    "publisher" VARCHAR(200) NOT NULL,
    "kind" "document_kind" NOT NULL,
    "published_on" DATE NOT NULL,
    "published_precision" "date_precision" NOT NULL,
    "published_basis" "date_basis" NOT NULL,
    "published_reasoning" TEXT,
    "url" VARCHAR(2000),
    "language" VARCHAR(35) NOT NULL,
    "text" TEXT NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "source_document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "provenance" (
    "id" SERIAL NOT NULL,
    "commitment_id" INTEGER NOT NULL,
    "source_document_id" INTEGER NOT NULL,
    "quote" TEXT NOT NULL,
    "start_offset" INTEGER NOT NULL,
    "end_offset" INTEGER NOT NULL,
    "role" "mention_role" NOT NULL,
    "reported_status" "commitment_status",
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provenance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "status_change" (
    "id" SERIAL NOT NULL,
    "commitment_id" INTEGER NOT NULL,
    "from_status" "commitment_status",
    "to_status" "commitment_status" NOT NULL,
    "effective_on" DATE NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rationale" TEXT NOT NULL,
    "evidence_url" VARCHAR(2000),
    "evidence_title" VARCHAR(500),
    "evidence_date" DATE,
    "evidence_document_id" INTEGER,
    "author_kind" "author_kind" NOT NULL,
    "author_id" VARCHAR(200) NOT NULL,
    "author_name" VARCHAR(200),

    CONSTRAINT "status_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "progress_note" (
    "id" SERIAL NOT NULL,
    "commitment_id" INTEGER NOT NULL,
    "effective_on" DATE NOT NULL,
    "note" TEXT NOT NULL,
    "evidence_url" VARCHAR(2000),
    "evidence_title" VARCHAR(500),
    "evidence_date" DATE,
    "evidence_document_id" INTEGER,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "author_kind" "author_kind" NOT NULL,
    "author_id" VARCHAR(200) NOT NULL,
    "author_name" VARCHAR(200),

    CONSTRAINT "progress_note_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evidence" (
    "id" SERIAL NOT NULL,
    "commitment_id" INTEGER NOT NULL,
    "url" VARCHAR(2000),
    "source_document_id" INTEGER,
    "title" VARCHAR(500) NOT NULL,
    "published_on" DATE,
    "note" TEXT,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "author_kind" "author_kind" NOT NULL,
    "author_id" VARCHAR(200) NOT NULL,
    "author_name" VARCHAR(200),

    CONSTRAINT "evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_key" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "role" "role" NOT NULL,
    "prefix" VARCHAR(16) NOT NULL,
    "hash" CHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_key" (
    "principal" VARCHAR(200) NOT NULL,
    "key" VARCHAR(255) NOT NULL,
    "operation" VARCHAR(100) NOT NULL,
    "request_hash" CHAR(64) NOT NULL,
    "state" "idempotency_state" NOT NULL DEFAULT 'IN_PROGRESS',
    "response" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "idempotency_key_pkey" PRIMARY KEY ("principal","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "partnership_slug_key" ON "partnership"("slug");

-- CreateIndex
CREATE INDEX "partnership_party_country_code_idx" ON "partnership_party"("country_code");

-- CreateIndex
CREATE UNIQUE INDEX "partnership_milestone_partnership_id_kind_occurred_on_key" ON "partnership_milestone"("partnership_id", "kind", "occurred_on");

-- CreateIndex
CREATE UNIQUE INDEX "pillar_slug_key" ON "pillar"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "pillar_partnership_id_position_key" ON "pillar"("partnership_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "actor_slug_key" ON "actor"("slug");

-- CreateIndex
CREATE INDEX "actor_country_code_idx" ON "actor"("country_code");

-- CreateIndex
CREATE UNIQUE INDEX "commitment_slug_key" ON "commitment"("slug");

-- CreateIndex
CREATE INDEX "commitment_status_idx" ON "commitment"("status");

-- CreateIndex
CREATE INDEX "commitment_partnership_id_status_idx" ON "commitment"("partnership_id", "status");

-- CreateIndex
CREATE INDEX "commitment_pillar_id_status_idx" ON "commitment"("pillar_id", "status");

-- CreateIndex
CREATE INDEX "commitment_status_since_id_idx" ON "commitment"("status_since", "id");

-- CreateIndex
CREATE INDEX "commitment_updated_at_id_idx" ON "commitment"("updated_at", "id");

-- CreateIndex
CREATE INDEX "commitment_deadline_id_idx" ON "commitment"("deadline", "id");

-- CreateIndex
CREATE INDEX "commitment_tags_idx" ON "commitment" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "commitment_title_trgm_idx" ON "commitment" USING GIN ("title" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "commitment_description_trgm_idx" ON "commitment" USING GIN ("description" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "commitment_actor_actor_id_idx" ON "commitment_actor"("actor_id");

-- CreateIndex
CREATE INDEX "commitment_amount_commitment_id_idx" ON "commitment_amount"("commitment_id");

-- CreateIndex
CREATE UNIQUE INDEX "source_document_slug_key" ON "source_document"("slug");

-- CreateIndex
CREATE INDEX "provenance_source_document_id_idx" ON "provenance"("source_document_id");

-- CreateIndex
CREATE INDEX "provenance_quote_trgm_idx" ON "provenance" USING GIN ("quote" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "provenance_commitment_id_source_document_id_start_offset_key" ON "provenance"("commitment_id", "source_document_id", "start_offset");

-- CreateIndex
CREATE INDEX "status_change_commitment_id_effective_on_id_idx" ON "status_change"("commitment_id", "effective_on" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "status_change_effective_on_idx" ON "status_change"("effective_on");

-- CreateIndex
CREATE INDEX "status_change_recorded_at_idx" ON "status_change"("recorded_at");

-- CreateIndex
CREATE INDEX "progress_note_commitment_id_effective_on_idx" ON "progress_note"("commitment_id", "effective_on" DESC);

-- CreateIndex
CREATE INDEX "evidence_commitment_id_idx" ON "evidence"("commitment_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_key_hash_key" ON "api_key"("hash");

-- CreateIndex
CREATE INDEX "idempotency_key_expires_at_idx" ON "idempotency_key"("expires_at");

-- AddForeignKey
ALTER TABLE "partnership_party" ADD CONSTRAINT "partnership_party_partnership_id_fkey" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "partnership_party" ADD CONSTRAINT "partnership_party_country_code_fkey" FOREIGN KEY ("country_code") REFERENCES "country"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "partnership_milestone" ADD CONSTRAINT "partnership_milestone_partnership_id_fkey" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "partnership_milestone" ADD CONSTRAINT "partnership_milestone_source_document_id_fkey" FOREIGN KEY ("source_document_id") REFERENCES "source_document"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pillar" ADD CONSTRAINT "pillar_partnership_id_fkey" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "actor" ADD CONSTRAINT "actor_country_code_fkey" FOREIGN KEY ("country_code") REFERENCES "country"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_partnership_id_fkey" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_pillar_id_fkey" FOREIGN KEY ("pillar_id") REFERENCES "pillar"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment_actor" ADD CONSTRAINT "commitment_actor_commitment_id_fkey" FOREIGN KEY ("commitment_id") REFERENCES "commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment_actor" ADD CONSTRAINT "commitment_actor_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "actor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment_amount" ADD CONSTRAINT "commitment_amount_commitment_id_fkey" FOREIGN KEY ("commitment_id") REFERENCES "commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provenance" ADD CONSTRAINT "provenance_commitment_id_fkey" FOREIGN KEY ("commitment_id") REFERENCES "commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provenance" ADD CONSTRAINT "provenance_source_document_id_fkey" FOREIGN KEY ("source_document_id") REFERENCES "source_document"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "status_change" ADD CONSTRAINT "status_change_commitment_id_fkey" FOREIGN KEY ("commitment_id") REFERENCES "commitment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "status_change" ADD CONSTRAINT "status_change_evidence_document_id_fkey" FOREIGN KEY ("evidence_document_id") REFERENCES "source_document"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "progress_note" ADD CONSTRAINT "progress_note_commitment_id_fkey" FOREIGN KEY ("commitment_id") REFERENCES "commitment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "progress_note" ADD CONSTRAINT "progress_note_evidence_document_id_fkey" FOREIGN KEY ("evidence_document_id") REFERENCES "source_document"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_commitment_id_fkey" FOREIGN KEY ("commitment_id") REFERENCES "commitment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_source_document_id_fkey" FOREIGN KEY ("source_document_id") REFERENCES "source_document"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------
-- Hand-written below: rules the Prisma schema language cannot express. Prisma's diff tracks neither
-- triggers nor CHECK constraints, so they never show up as drift against prisma/schema.prisma.

-- History is append-only: a correction is a new row, never an edit of an old one.
-- SQLSTATE 55000 (object_not_in_prerequisite_state) lets callers tell this refusal from other errors.
CREATE FUNCTION "reject_history_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = '55000', HINT = 'Record a new row instead.';
END;
$$;

CREATE TRIGGER "status_change_append_only" BEFORE UPDATE OR DELETE ON "status_change"
  FOR EACH ROW EXECUTE FUNCTION "reject_history_change"();
CREATE TRIGGER "status_change_no_truncate" BEFORE TRUNCATE ON "status_change"
  FOR EACH STATEMENT EXECUTE FUNCTION "reject_history_change"();

CREATE TRIGGER "progress_note_append_only" BEFORE UPDATE OR DELETE ON "progress_note"
  FOR EACH ROW EXECUTE FUNCTION "reject_history_change"();
CREATE TRIGGER "progress_note_no_truncate" BEFORE TRUNCATE ON "progress_note"
  FOR EACH STATEMENT EXECUTE FUNCTION "reject_history_change"();

CREATE TRIGGER "evidence_append_only" BEFORE UPDATE OR DELETE ON "evidence"
  FOR EACH ROW EXECUTE FUNCTION "reject_history_change"();
CREATE TRIGGER "evidence_no_truncate" BEFORE TRUNCATE ON "evidence"
  FOR EACH STATEMENT EXECUTE FUNCTION "reject_history_change"();

-- CHECK constraints.
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_version_check" CHECK ("version" >= 1);
-- A deadline and its precision come together: "by 2030" is 2030-12-31 with precision YEAR.
ALTER TABLE "commitment" ADD CONSTRAINT "commitment_deadline_precision_check"
  CHECK (("deadline" IS NULL) = ("deadline_precision" IS NULL));
ALTER TABLE "commitment_amount" ADD CONSTRAINT "commitment_amount_value_check" CHECK ("value" >= 0);
ALTER TABLE "provenance" ADD CONSTRAINT "provenance_offsets_check"
  CHECK ("start_offset" >= 0 AND "end_offset" > "start_offset");
ALTER TABLE "partnership_milestone" ADD CONSTRAINT "partnership_milestone_level_check"
  CHECK ("kind" NOT IN ('ESTABLISHED', 'UPGRADED') OR "level" IS NOT NULL);
ALTER TABLE "status_change" ADD CONSTRAINT "status_change_status_check"
  CHECK ("from_status" IS DISTINCT FROM "to_status");
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_source_check"
  CHECK ("url" IS NOT NULL OR "source_document_id" IS NOT NULL);
