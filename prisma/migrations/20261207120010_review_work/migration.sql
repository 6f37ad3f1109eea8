-- AlterTable
ALTER TABLE "commitment_status_count" ADD COLUMN     "unassessed" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "status_change" ADD COLUMN     "correction" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "corrects_id" INTEGER;

-- CreateIndex
CREATE INDEX "commitment_last_assessed_at_id_idx" ON "commitment"("last_assessed_at", "id");

-- AddForeignKey
ALTER TABLE "status_change" ADD CONSTRAINT "status_change_corrects_id_fkey" FOREIGN KEY ("corrects_id") REFERENCES "status_change"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------
-- Hand-written below (Prisma's diff tracks neither functions, triggers nor checks).

-- A correction names an entry of the same commitment, and only a correction names one.
ALTER TABLE "status_change" ADD CONSTRAINT "status_change_corrects_check"
  CHECK ("corrects_id" IS NULL OR ("correction" AND "corrects_id" <> "id"));

-- "Assessed" means: the commitment has a history entry after its first (a status change or a correction) or
-- a progress note; last_assessed_at is when the latest of them was recorded. The API's writes set it in
-- their own statements; this trigger keeps it true for every other writer too (the seed loader's dated
-- history, bulk loads), in the writer's transaction. It writes only when the column would move forward, so
-- after the API's own update it finds nothing to do.
CREATE FUNCTION "commitment_assessed_on_history_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE commitment c SET last_assessed_at = a.recorded_at
  FROM (SELECT i.commitment_id, max(i.recorded_at) AS recorded_at FROM inserted i
        WHERE i.from_status IS NOT NULL GROUP BY i.commitment_id) a
  WHERE c.id = a.commitment_id AND (c.last_assessed_at IS NULL OR c.last_assessed_at < a.recorded_at);
  RETURN NULL;
END;
$$;

CREATE TRIGGER "status_change_assessed" AFTER INSERT ON "status_change"
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION "commitment_assessed_on_history_insert"();

CREATE FUNCTION "commitment_assessed_on_note_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE commitment c SET last_assessed_at = a.recorded_at
  FROM (SELECT i.commitment_id, max(i.recorded_at) AS recorded_at FROM inserted i GROUP BY i.commitment_id) a
  WHERE c.id = a.commitment_id AND (c.last_assessed_at IS NULL OR c.last_assessed_at < a.recorded_at);
  RETURN NULL;
END;
$$;

CREATE TRIGGER "progress_note_assessed" AFTER INSERT ON "progress_note"
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION "commitment_assessed_on_note_insert"();

UPDATE commitment c SET last_assessed_at = a.recorded_at
FROM (SELECT commitment_id, max(recorded_at) AS recorded_at FROM (
        SELECT commitment_id, recorded_at FROM status_change WHERE from_status IS NOT NULL
        UNION ALL SELECT commitment_id, recorded_at FROM progress_note) h
      GROUP BY commitment_id) a
WHERE c.id = a.commitment_id AND (c.last_assessed_at IS NULL OR c.last_assessed_at < a.recorded_at);

-- commitment_status_count also counts the never-assessed commitments of each row (StatusCounts.unassessed),
-- by the same triggers: they now also fire when a commitment is first assessed.
CREATE OR REPLACE FUNCTION "commitment_status_count_on_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO commitment_status_count AS t (partnership_id, pillar_id, status, count, unassessed)
  SELECT i.partnership_id, i.pillar_id, i.status, count(*)::int, count(*) FILTER (WHERE i.last_assessed_at IS NULL)::int
  FROM inserted i
  WHERE i.archived_at IS NULL
  GROUP BY i.pillar_id, i.partnership_id, i.status
  ORDER BY i.pillar_id, i.partnership_id, i.status
  ON CONFLICT (pillar_id, partnership_id, status) DO UPDATE SET count = t.count + EXCLUDED.count, unassessed = t.unassessed + EXCLUDED.unassessed;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION "commitment_status_count_on_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO commitment_status_count AS t (partnership_id, pillar_id, status, count, unassessed)
  SELECT m.partnership_id, m.pillar_id, m.status, sum(m.delta)::int, sum(m.delta * m.unassessed)::int
  FROM (VALUES (OLD.partnership_id, OLD.pillar_id, OLD.status, -1, OLD.archived_at IS NULL, (OLD.last_assessed_at IS NULL)::int),
               (NEW.partnership_id, NEW.pillar_id, NEW.status, 1, NEW.archived_at IS NULL, (NEW.last_assessed_at IS NULL)::int))
       AS m(partnership_id, pillar_id, status, delta, counted, unassessed)
  WHERE m.counted
  GROUP BY m.pillar_id, m.partnership_id, m.status
  HAVING sum(m.delta) <> 0 OR sum(m.delta * m.unassessed) <> 0
  ORDER BY m.pillar_id, m.partnership_id, m.status
  ON CONFLICT (pillar_id, partnership_id, status) DO UPDATE SET count = t.count + EXCLUDED.count, unassessed = t.unassessed + EXCLUDED.unassessed;
  RETURN NULL;
END;
$$;

DROP TRIGGER "commitment_status_count_update" ON "commitment";
CREATE TRIGGER "commitment_status_count_update" AFTER UPDATE ON "commitment"
  FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status
        OR OLD.pillar_id IS DISTINCT FROM NEW.pillar_id
        OR OLD.partnership_id IS DISTINCT FROM NEW.partnership_id
        OR (OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL)
        OR (OLD.last_assessed_at IS NULL) <> (NEW.last_assessed_at IS NULL))
  EXECUTE FUNCTION "commitment_status_count_on_update"();

CREATE OR REPLACE FUNCTION "commitment_status_count_on_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO commitment_status_count AS t (partnership_id, pillar_id, status, count, unassessed)
  SELECT d.partnership_id, d.pillar_id, d.status, -count(*)::int, -(count(*) FILTER (WHERE d.last_assessed_at IS NULL))::int
  FROM deleted d
  WHERE d.archived_at IS NULL
  GROUP BY d.pillar_id, d.partnership_id, d.status
  ORDER BY d.pillar_id, d.partnership_id, d.status
  ON CONFLICT (pillar_id, partnership_id, status) DO UPDATE SET count = t.count + EXCLUDED.count, unassessed = t.unassessed + EXCLUDED.unassessed;
  RETURN NULL;
END;
$$;

-- The commitments as they are (DROP/CREATE TRIGGER above locked commitment against writes until this commits).
UPDATE commitment_status_count t SET unassessed = coalesce(
  (SELECT count(*)::int FROM commitment c
   WHERE c.pillar_id = t.pillar_id AND c.partnership_id = t.partnership_id AND c.status = t.status
     AND c.archived_at IS NULL AND c.last_assessed_at IS NULL), 0);
