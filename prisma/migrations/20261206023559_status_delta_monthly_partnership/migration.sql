-- CreateTable
CREATE TABLE "status_delta_monthly_partnership" (
    "partnership_id" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "announced" INTEGER NOT NULL DEFAULT 0,
    "in_progress" INTEGER NOT NULL DEFAULT 0,
    "partially_completed" INTEGER NOT NULL DEFAULT 0,
    "completed" INTEGER NOT NULL DEFAULT 0,
    "stalled" INTEGER NOT NULL DEFAULT 0,
    "abandoned" INTEGER NOT NULL DEFAULT 0,
    "superseded" INTEGER NOT NULL DEFAULT 0,
    "overdue_announced" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "status_delta_monthly_partnership_pkey" PRIMARY KEY ("partnership_id","month")
);

-- ---------------------------------------------------------------------------------------------------
-- Hand-written below: the triggers that keep status_delta_monthly_partnership right. Prisma's diff tracks
-- neither functions nor triggers. How the table is read: fastDeltas in src/timeline/timeline.service.ts.
--
-- status_delta_monthly_partnership holds the deltas of status_delta_monthly (see its migration) summed per
-- partnership and month instead of per pillar, month and status: one row per partnership and month, one
-- column per status. A timeline over all commitments, or a few partnerships, reads ~100 rows a month
-- instead of up to 4,200 (600 pillars × 7 statuses) at 1M commitments. It is keyed by the commitment's own
-- partnership_id, the column the general path (and every commitment filter) reads, so it stays exact even
-- if a commitment's partnership were changed apart from its pillar (the API never does: a commitment stays
-- in its partnership, but ad-hoc SQL could).
--
-- The two trigger functions of status_delta_monthly now keep both tables, in the writer's transaction.
-- Lock order: each function writes status_delta_monthly first, then status_delta_monthly_partnership,
-- each upsert in primary key order, so concurrent writers lock the rows of both tables in the same order
-- (and after commitment_status_count's: writes to commitment come before those to status_change).

-- Nothing may be written to commitment or status_change while the functions are swapped and the table is
-- filled from the history: a writer that committed in between would have run the old functions (the new
-- ones are not visible before this migration commits) and be missed by the backfill.
LOCK TABLE "commitment", "status_change" IN SHARE ROW EXCLUSIVE MODE;

-- New history rows, once per statement (a bulk load of millions of rows is one grouped upsert per table).
-- Archived commitments contribute nothing; the API refuses status changes to them anyway.
CREATE OR REPLACE FUNCTION "status_delta_on_history_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO status_delta_monthly AS t (month, pillar_id, status, delta, overdue_delta)
  SELECT d.month, c.pillar_id, d.status, sum(d.delta), sum(d.overdue_delta)
  FROM inserted i
  JOIN commitment c ON c.id = i.commitment_id
  CROSS JOIN LATERAL status_change_deltas(i.from_status, i.to_status, i.effective_on, c.deadline) d
  WHERE c.archived_at IS NULL
  GROUP BY c.pillar_id, d.month, d.status
  ORDER BY c.pillar_id, d.month, d.status
  ON CONFLICT (pillar_id, month, status) DO UPDATE
    SET delta = t.delta + EXCLUDED.delta, overdue_delta = t.overdue_delta + EXCLUDED.overdue_delta;

  INSERT INTO status_delta_monthly_partnership AS t (partnership_id, month, announced, in_progress, partially_completed,
    completed, stalled, abandoned, superseded, overdue_announced)
  SELECT c.partnership_id, d.month,
    coalesce(sum(d.delta) FILTER (WHERE d.status = 'ANNOUNCED'), 0),
    coalesce(sum(d.delta) FILTER (WHERE d.status = 'IN_PROGRESS'), 0),
    coalesce(sum(d.delta) FILTER (WHERE d.status = 'PARTIALLY_COMPLETED'), 0),
    coalesce(sum(d.delta) FILTER (WHERE d.status = 'COMPLETED'), 0),
    coalesce(sum(d.delta) FILTER (WHERE d.status = 'STALLED'), 0),
    coalesce(sum(d.delta) FILTER (WHERE d.status = 'ABANDONED'), 0),
    coalesce(sum(d.delta) FILTER (WHERE d.status = 'SUPERSEDED'), 0),
    sum(d.overdue_delta)
  FROM inserted i
  JOIN commitment c ON c.id = i.commitment_id
  CROSS JOIN LATERAL status_change_deltas(i.from_status, i.to_status, i.effective_on, c.deadline) d
  WHERE c.archived_at IS NULL
  GROUP BY c.partnership_id, d.month
  ORDER BY c.partnership_id, d.month
  ON CONFLICT (partnership_id, month) DO UPDATE SET
    announced = t.announced + EXCLUDED.announced,
    in_progress = t.in_progress + EXCLUDED.in_progress,
    partially_completed = t.partially_completed + EXCLUDED.partially_completed,
    completed = t.completed + EXCLUDED.completed,
    stalled = t.stalled + EXCLUDED.stalled,
    abandoned = t.abandoned + EXCLUDED.abandoned,
    superseded = t.superseded + EXCLUDED.superseded,
    overdue_announced = t.overdue_announced + EXCLUDED.overdue_announced;
  RETURN NULL;
END;
$$;

-- A commitment moved to another pillar or partnership, archived or unarchived, or given another deadline:
-- its whole contribution is taken out as it was (old pillar, partnership and deadline, if it counted) and
-- put back as it is now, in one upsert per table that the change concerns. On the partnership table, a
-- month whose deltas net to nothing (a pillar move, the months a deadline change does not touch) is not
-- written.
CREATE OR REPLACE FUNCTION "status_delta_on_commitment_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.pillar_id IS DISTINCT FROM NEW.pillar_id
     OR OLD.deadline IS DISTINCT FROM NEW.deadline
     OR (OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL) THEN
    INSERT INTO status_delta_monthly AS t (month, pillar_id, status, delta, overdue_delta)
    SELECT d.month, m.pillar_id, d.status, sum(m.sign * d.delta), sum(m.sign * d.overdue_delta)
    FROM (VALUES (OLD.pillar_id, OLD.deadline, -1, OLD.archived_at IS NULL),
                 (NEW.pillar_id, NEW.deadline, 1, NEW.archived_at IS NULL)) AS m(pillar_id, deadline, sign, counted)
    JOIN status_change sc ON sc.commitment_id = NEW.id
    CROSS JOIN LATERAL status_change_deltas(sc.from_status, sc.to_status, sc.effective_on, m.deadline) d
    WHERE m.counted
    GROUP BY m.pillar_id, d.month, d.status
    ORDER BY m.pillar_id, d.month, d.status
    ON CONFLICT (pillar_id, month, status) DO UPDATE
      SET delta = t.delta + EXCLUDED.delta, overdue_delta = t.overdue_delta + EXCLUDED.overdue_delta;
  END IF;

  IF OLD.partnership_id IS DISTINCT FROM NEW.partnership_id
     OR OLD.deadline IS DISTINCT FROM NEW.deadline
     OR (OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL) THEN
    INSERT INTO status_delta_monthly_partnership AS t (partnership_id, month, announced, in_progress, partially_completed,
      completed, stalled, abandoned, superseded, overdue_announced)
    SELECT s.* FROM (
      SELECT m.partnership_id, d.month,
        coalesce(sum(m.sign * d.delta) FILTER (WHERE d.status = 'ANNOUNCED'), 0) AS announced,
        coalesce(sum(m.sign * d.delta) FILTER (WHERE d.status = 'IN_PROGRESS'), 0) AS in_progress,
        coalesce(sum(m.sign * d.delta) FILTER (WHERE d.status = 'PARTIALLY_COMPLETED'), 0) AS partially_completed,
        coalesce(sum(m.sign * d.delta) FILTER (WHERE d.status = 'COMPLETED'), 0) AS completed,
        coalesce(sum(m.sign * d.delta) FILTER (WHERE d.status = 'STALLED'), 0) AS stalled,
        coalesce(sum(m.sign * d.delta) FILTER (WHERE d.status = 'ABANDONED'), 0) AS abandoned,
        coalesce(sum(m.sign * d.delta) FILTER (WHERE d.status = 'SUPERSEDED'), 0) AS superseded,
        sum(m.sign * d.overdue_delta) AS overdue_announced
      FROM (VALUES (OLD.partnership_id, OLD.deadline, -1, OLD.archived_at IS NULL),
                   (NEW.partnership_id, NEW.deadline, 1, NEW.archived_at IS NULL)) AS m(partnership_id, deadline, sign, counted)
      JOIN status_change sc ON sc.commitment_id = NEW.id
      CROSS JOIN LATERAL status_change_deltas(sc.from_status, sc.to_status, sc.effective_on, m.deadline) d
      WHERE m.counted
      GROUP BY m.partnership_id, d.month
    ) s
    WHERE (s.announced, s.in_progress, s.partially_completed, s.completed, s.stalled, s.abandoned, s.superseded, s.overdue_announced)
          <> (0, 0, 0, 0, 0, 0, 0, 0)
    ORDER BY s.partnership_id, s.month
    ON CONFLICT (partnership_id, month) DO UPDATE SET
      announced = t.announced + EXCLUDED.announced,
      in_progress = t.in_progress + EXCLUDED.in_progress,
      partially_completed = t.partially_completed + EXCLUDED.partially_completed,
      completed = t.completed + EXCLUDED.completed,
      stalled = t.stalled + EXCLUDED.stalled,
      abandoned = t.abandoned + EXCLUDED.abandoned,
      superseded = t.superseded + EXCLUDED.superseded,
      overdue_announced = t.overdue_announced + EXCLUDED.overdue_announced;
  END IF;
  RETURN NULL;
END;
$$;

-- The trigger now also fires when a commitment's partnership changes.
CREATE OR REPLACE TRIGGER "commitment_status_delta" AFTER UPDATE OF "pillar_id", "partnership_id", "deadline", "archived_at" ON "commitment"
  FOR EACH ROW
  WHEN (OLD.pillar_id IS DISTINCT FROM NEW.pillar_id
        OR OLD.partnership_id IS DISTINCT FROM NEW.partnership_id
        OR OLD.deadline IS DISTINCT FROM NEW.deadline
        OR (OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL))
  EXECUTE FUNCTION "status_delta_on_commitment_update"();

-- The history recorded before this migration.
INSERT INTO status_delta_monthly_partnership (partnership_id, month, announced, in_progress, partially_completed,
  completed, stalled, abandoned, superseded, overdue_announced)
SELECT c.partnership_id, d.month,
  coalesce(sum(d.delta) FILTER (WHERE d.status = 'ANNOUNCED'), 0),
  coalesce(sum(d.delta) FILTER (WHERE d.status = 'IN_PROGRESS'), 0),
  coalesce(sum(d.delta) FILTER (WHERE d.status = 'PARTIALLY_COMPLETED'), 0),
  coalesce(sum(d.delta) FILTER (WHERE d.status = 'COMPLETED'), 0),
  coalesce(sum(d.delta) FILTER (WHERE d.status = 'STALLED'), 0),
  coalesce(sum(d.delta) FILTER (WHERE d.status = 'ABANDONED'), 0),
  coalesce(sum(d.delta) FILTER (WHERE d.status = 'SUPERSEDED'), 0),
  sum(d.overdue_delta)
FROM status_change sc
JOIN commitment c ON c.id = sc.commitment_id
CROSS JOIN LATERAL status_change_deltas(sc.from_status, sc.to_status, sc.effective_on, c.deadline) d
WHERE c.archived_at IS NULL
GROUP BY c.partnership_id, d.month
ORDER BY c.partnership_id, d.month;

-- No parallel scans of status_delta_monthly (~330k rows at 1M commitments, read whole by the PILLAR
-- grouping): on a small machine serving concurrent requests, the two workers the planner would add
-- triple the CPU of such a read and made it slower, not faster (measured on 2 cores: 231 ms of CPU and
-- 356 ms per read serially, 525 ms with workers). status_delta_monthly_partnership is far below the size
-- at which the planner considers a parallel scan.
ALTER TABLE "status_delta_monthly" SET (parallel_workers = 0);
