-- CreateTable
CREATE TABLE "party_assessment" (
    "id" SERIAL NOT NULL,
    "commitment_id" INTEGER NOT NULL,
    "country_code" CHAR(2) NOT NULL,
    "status" "commitment_status" NOT NULL,
    "score" INTEGER,
    "rationale" TEXT NOT NULL,
    "evidence_url" VARCHAR(2000),
    "evidence_title" VARCHAR(500),
    "evidence_date" DATE,
    "evidence_document_id" INTEGER,
    "assessed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "author_kind" "author_kind" NOT NULL,
    "author_id" VARCHAR(200) NOT NULL,
    "author_name" VARCHAR(200),

    CONSTRAINT "party_assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "commitment_target" (
    "id" SERIAL NOT NULL,
    "commitment_id" INTEGER NOT NULL,
    "description" VARCHAR(1000) NOT NULL,
    "unit" VARCHAR(60) NOT NULL,
    "baseline" DECIMAL(24,6) NOT NULL,
    "target_value" DECIMAL(24,6) NOT NULL,
    "due_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "commitment_target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "target_reading" (
    "id" SERIAL NOT NULL,
    "target_id" INTEGER NOT NULL,
    "value" DECIMAL(24,6) NOT NULL,
    "observed_on" DATE NOT NULL,
    "source_url" VARCHAR(2000),
    "source_document_id" INTEGER,
    "note" TEXT,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "author_kind" "author_kind" NOT NULL,
    "author_id" VARCHAR(200) NOT NULL,
    "author_name" VARCHAR(200),

    CONSTRAINT "target_reading_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "party_assessment_commitment_id_country_code_assessed_at_id_idx" ON "party_assessment"("commitment_id", "country_code", "assessed_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "commitment_target_commitment_id_idx" ON "commitment_target"("commitment_id");

-- CreateIndex
CREATE INDEX "target_reading_target_id_observed_on_id_idx" ON "target_reading"("target_id", "observed_on" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "party_assessment" ADD CONSTRAINT "party_assessment_commitment_id_fkey" FOREIGN KEY ("commitment_id") REFERENCES "commitment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "party_assessment" ADD CONSTRAINT "party_assessment_country_code_fkey" FOREIGN KEY ("country_code") REFERENCES "country"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "party_assessment" ADD CONSTRAINT "party_assessment_evidence_document_id_fkey" FOREIGN KEY ("evidence_document_id") REFERENCES "source_document"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment_target" ADD CONSTRAINT "commitment_target_commitment_id_fkey" FOREIGN KEY ("commitment_id") REFERENCES "commitment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_reading" ADD CONSTRAINT "target_reading_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "commitment_target"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "target_reading" ADD CONSTRAINT "target_reading_source_document_id_fkey" FOREIGN KEY ("source_document_id") REFERENCES "source_document"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------
-- Hand-written below: rules the Prisma schema language cannot express (see the first migration).

-- Party assessments and target readings are history: append-only, as status_change is. A target itself
-- may be corrected (updateTarget); its readings never are.
CREATE TRIGGER "party_assessment_append_only" BEFORE UPDATE OR DELETE ON "party_assessment"
  FOR EACH ROW EXECUTE FUNCTION "reject_history_change"();
CREATE TRIGGER "party_assessment_no_truncate" BEFORE TRUNCATE ON "party_assessment"
  FOR EACH STATEMENT EXECUTE FUNCTION "reject_history_change"();

CREATE TRIGGER "target_reading_append_only" BEFORE UPDATE OR DELETE ON "target_reading"
  FOR EACH ROW EXECUTE FUNCTION "reject_history_change"();
CREATE TRIGGER "target_reading_no_truncate" BEFORE TRUNCATE ON "target_reading"
  FOR EACH STATEMENT EXECUTE FUNCTION "reject_history_change"();

-- CHECK constraints.
ALTER TABLE "party_assessment" ADD CONSTRAINT "party_assessment_score_check" CHECK ("score" BETWEEN -1 AND 1);
-- Progress is measured from the baseline towards the target value: they must differ.
ALTER TABLE "commitment_target" ADD CONSTRAINT "commitment_target_range_check" CHECK ("target_value" <> "baseline");
