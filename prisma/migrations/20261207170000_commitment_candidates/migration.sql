-- CreateEnum
CREATE TYPE "candidate_state" AS ENUM ('PENDING', 'ACCEPTED', 'REJECTED', 'MERGED');

-- CreateTable
CREATE TABLE "commitment_candidate" (
    "id" SERIAL NOT NULL,
    "source_document_id" INTEGER NOT NULL,
    "partnership_id" INTEGER,
    "quote" TEXT NOT NULL,
    "start_offset" INTEGER NOT NULL,
    "end_offset" INTEGER NOT NULL,
    "title" VARCHAR(300) NOT NULL,
    "actors" JSONB NOT NULL DEFAULT '[]',
    "deadline" DATE,
    "deadline_precision" "date_precision",
    "deadline_text" TEXT,
    "amounts" JSONB NOT NULL DEFAULT '[]',
    "proposed_status" "commitment_status" NOT NULL,
    "negated" BOOLEAN NOT NULL DEFAULT false,
    "suggested_pillar_id" INTEGER,
    "confidence" DOUBLE PRECISION NOT NULL,
    "restates_id" INTEGER,
    "restates_similarity" DOUBLE PRECISION,
    "state" "candidate_state" NOT NULL DEFAULT 'PENDING',
    "decided_at" TIMESTAMPTZ(3),
    "decided_by_kind" "author_kind",
    "decided_by_id" VARCHAR(200),
    "decided_by_name" VARCHAR(200),
    "rejection_reason" TEXT,
    "commitment_id" INTEGER,
    "provenance_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "commitment_candidate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "commitment_candidate_state_id_idx" ON "commitment_candidate"("state", "id");

-- CreateIndex
CREATE INDEX "commitment_candidate_source_document_id_state_id_idx" ON "commitment_candidate"("source_document_id", "state", "id");

-- AddForeignKey
ALTER TABLE "commitment_candidate" ADD CONSTRAINT "commitment_candidate_source_document_id_fkey" FOREIGN KEY ("source_document_id") REFERENCES "source_document"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment_candidate" ADD CONSTRAINT "commitment_candidate_partnership_id_fkey" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment_candidate" ADD CONSTRAINT "commitment_candidate_suggested_pillar_id_fkey" FOREIGN KEY ("suggested_pillar_id") REFERENCES "pillar"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment_candidate" ADD CONSTRAINT "commitment_candidate_restates_id_fkey" FOREIGN KEY ("restates_id") REFERENCES "commitment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment_candidate" ADD CONSTRAINT "commitment_candidate_commitment_id_fkey" FOREIGN KEY ("commitment_id") REFERENCES "commitment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment_candidate" ADD CONSTRAINT "commitment_candidate_provenance_id_fkey" FOREIGN KEY ("provenance_id") REFERENCES "provenance"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------
-- Hand-written below (Prisma's diff tracks no checks).

-- A quote is a non-empty span of its document; its offsets and text are checked against the document by the
-- service that stores it (the text is not repeated here).
ALTER TABLE "commitment_candidate" ADD CONSTRAINT "commitment_candidate_offsets_check"
  CHECK ("start_offset" >= 0 AND "end_offset" > "start_offset");

ALTER TABLE "commitment_candidate" ADD CONSTRAINT "commitment_candidate_confidence_check"
  CHECK ("confidence" >= 0 AND "confidence" <= 1);

-- A decision is whole or absent: pending candidates carry none of it; decided ones say who and when, a
-- rejection says why, an acceptance or merge names the commitment and the provenance the quote became.
ALTER TABLE "commitment_candidate" ADD CONSTRAINT "commitment_candidate_decision_check"
  CHECK (CASE "state"
    WHEN 'PENDING' THEN "decided_at" IS NULL AND "decided_by_kind" IS NULL AND "decided_by_id" IS NULL
                        AND "rejection_reason" IS NULL AND "commitment_id" IS NULL AND "provenance_id" IS NULL
    WHEN 'REJECTED' THEN "decided_at" IS NOT NULL AND "decided_by_kind" IS NOT NULL AND "decided_by_id" IS NOT NULL
                         AND "rejection_reason" IS NOT NULL AND "commitment_id" IS NULL
    ELSE "decided_at" IS NOT NULL AND "decided_by_kind" IS NOT NULL AND "decided_by_id" IS NOT NULL
         AND "commitment_id" IS NOT NULL AND "provenance_id" IS NOT NULL AND "rejection_reason" IS NULL
  END);
