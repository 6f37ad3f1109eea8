-- CreateTable
CREATE TABLE "commitment_status_count" (
    "partnership_id" INTEGER NOT NULL,
    "pillar_id" INTEGER NOT NULL,
    "status" "commitment_status" NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "commitment_status_count_pkey" PRIMARY KEY ("pillar_id","partnership_id","status")
);

-- CreateIndex
CREATE INDEX "commitment_status_count_partnership_id_idx" ON "commitment_status_count"("partnership_id");

-- AddForeignKey
ALTER TABLE "commitment_status_count" ADD CONSTRAINT "commitment_status_count_partnership_id_fkey" FOREIGN KEY ("partnership_id") REFERENCES "partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commitment_status_count" ADD CONSTRAINT "commitment_status_count_pillar_id_fkey" FOREIGN KEY ("pillar_id") REFERENCES "pillar"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------
-- Hand-written below: the triggers that keep commitment_status_count exact. Prisma's diff tracks neither
-- functions nor triggers. How the table is read: statusCountsOf in src/stats/stats.service.ts.
--
-- A row holds how many non-archived commitments (archived_at IS NULL) of a pillar (and partnership) are in
-- a status now. Every writer of commitment goes through these triggers, in its own transaction, so the
-- counts are exact whatever writes (API, seed loader, bulk loads, ad-hoc SQL). Counts that fall to 0 are
-- kept; a missing row reads as 0.
--
-- Lock order: every upsert below writes its rows sorted by the primary key (pillar_id, partnership_id,
-- status), so concurrent writers lock counter rows in the same order and cannot deadlock on them. (Writes
-- to commitment come before those to status_change in every write path, so these rows are also always
-- locked before those of status_delta_monthly; this update trigger's name sorts before
-- commitment_status_delta's, so on a pillar move it fires first too.)

-- New commitments, once per statement: a bulk load of millions of rows is one grouped upsert.
CREATE FUNCTION "commitment_status_count_on_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO commitment_status_count AS t (partnership_id, pillar_id, status, count)
  SELECT i.partnership_id, i.pillar_id, i.status, count(*)::int
  FROM inserted i
  WHERE i.archived_at IS NULL
  GROUP BY i.pillar_id, i.partnership_id, i.status
  ORDER BY i.pillar_id, i.partnership_id, i.status
  ON CONFLICT (pillar_id, partnership_id, status) DO UPDATE SET count = t.count + EXCLUDED.count;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "commitment_status_count_insert" AFTER INSERT ON "commitment"
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION "commitment_status_count_on_insert"();

-- A commitment whose status, pillar, partnership or archived-ness changed: its old contribution (if it
-- counted) is taken out and its new one (if it counts) put in, in one upsert in key order. A change that
-- nets to nothing on a row (both sides archived) writes nothing.
CREATE FUNCTION "commitment_status_count_on_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO commitment_status_count AS t (partnership_id, pillar_id, status, count)
  SELECT m.partnership_id, m.pillar_id, m.status, sum(m.delta)::int
  FROM (VALUES (OLD.partnership_id, OLD.pillar_id, OLD.status, -1, OLD.archived_at IS NULL),
               (NEW.partnership_id, NEW.pillar_id, NEW.status, 1, NEW.archived_at IS NULL))
       AS m(partnership_id, pillar_id, status, delta, counted)
  WHERE m.counted
  GROUP BY m.pillar_id, m.partnership_id, m.status
  HAVING sum(m.delta) <> 0
  ORDER BY m.pillar_id, m.partnership_id, m.status
  ON CONFLICT (pillar_id, partnership_id, status) DO UPDATE SET count = t.count + EXCLUDED.count;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "commitment_status_count_update" AFTER UPDATE ON "commitment"
  FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status
        OR OLD.pillar_id IS DISTINCT FROM NEW.pillar_id
        OR OLD.partnership_id IS DISTINCT FROM NEW.partnership_id
        OR (OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL))
  EXECUTE FUNCTION "commitment_status_count_on_update"();

-- Deleted commitments (the API never deletes; for completeness), once per statement.
CREATE FUNCTION "commitment_status_count_on_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO commitment_status_count AS t (partnership_id, pillar_id, status, count)
  SELECT d.partnership_id, d.pillar_id, d.status, -count(*)::int
  FROM deleted d
  WHERE d.archived_at IS NULL
  GROUP BY d.pillar_id, d.partnership_id, d.status
  ORDER BY d.pillar_id, d.partnership_id, d.status
  ON CONFLICT (pillar_id, partnership_id, status) DO UPDATE SET count = t.count + EXCLUDED.count;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "commitment_status_count_delete" AFTER DELETE ON "commitment"
  REFERENCING OLD TABLE AS deleted
  FOR EACH STATEMENT EXECUTE FUNCTION "commitment_status_count_on_delete"();

-- TRUNCATE commitment leaves no commitment to count.
CREATE FUNCTION "commitment_status_count_on_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM commitment_status_count;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "commitment_status_count_truncate" AFTER TRUNCATE ON "commitment"
  FOR EACH STATEMENT EXECUTE FUNCTION "commitment_status_count_on_truncate"();

-- The commitments made before this migration. (CREATE TRIGGER above locked commitment against writes
-- until this migration commits, so none is missed or counted twice.)
INSERT INTO commitment_status_count (partnership_id, pillar_id, status, count)
SELECT partnership_id, pillar_id, status, count(*)::int
FROM commitment
WHERE archived_at IS NULL
GROUP BY pillar_id, partnership_id, status
ORDER BY pillar_id, partnership_id, status;
