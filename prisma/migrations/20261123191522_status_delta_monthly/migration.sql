-- CreateTable
CREATE TABLE "status_delta_monthly" (
    "month" DATE NOT NULL,
    "pillar_id" INTEGER NOT NULL,
    "status" "commitment_status" NOT NULL,
    "delta" INTEGER NOT NULL DEFAULT 0,
    "overdue_delta" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "status_delta_monthly_pkey" PRIMARY KEY ("pillar_id","month","status")
);

-- ---------------------------------------------------------------------------------------------------
-- Hand-written below: the triggers that keep status_delta_monthly right. Prisma's diff tracks neither
-- functions nor triggers. Why the table exists and how it is read: src/timeline/timeline.service.ts.
--
-- Every status change is a pair of deltas on its effective date: -1 for from_status (none for the first
-- entry) and +1 for to_status, so the number of commitments in a status as of a date D is the sum of the
-- deltas effective on or before D. That holds because the write path refuses a change dated before the
-- commitment's current status took effect: per commitment, effective order is recording order, and each
-- change leaves the status the previous one entered.
--
-- For the compliance score, "announced, never started and past the deadline" is counted the same way:
-- while a commitment is ANNOUNCED it is overdue from the day after its deadline on, so entering ANNOUNCED
-- on day E adds +1 on greatest(E, deadline + 1), and leaving it on day E adds -1 on the same expression
-- (a -1 that falls on the +1's day cancels it: the commitment left ANNOUNCED before becoming overdue).

-- The deltas one status change contributes, by month, for a commitment with this deadline.
CREATE FUNCTION "status_change_deltas"(from_status commitment_status, to_status commitment_status, effective_on date, deadline date)
RETURNS TABLE (month date, status commitment_status, delta int, overdue_delta int)
LANGUAGE sql IMMUTABLE AS $$
  SELECT date_trunc('month', effective_on::timestamp)::date, to_status, 1, 0
  UNION ALL
  SELECT date_trunc('month', effective_on::timestamp)::date, from_status, -1, 0 WHERE from_status IS NOT NULL
  UNION ALL
  SELECT date_trunc('month', greatest(effective_on, deadline + 1)::timestamp)::date, 'ANNOUNCED', 0, 1
  WHERE deadline IS NOT NULL AND to_status = 'ANNOUNCED'
  UNION ALL
  SELECT date_trunc('month', greatest(effective_on, deadline + 1)::timestamp)::date, 'ANNOUNCED', 0, -1
  WHERE deadline IS NOT NULL AND from_status = 'ANNOUNCED'
$$;

-- New history rows, once per statement (a bulk load of millions of rows is one grouped upsert, not one
-- per row). Rows are upserted in key order so that concurrent writers lock them in the same order.
-- Archived commitments contribute nothing; the API refuses status changes to them anyway.
CREATE FUNCTION "status_delta_on_history_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
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
  RETURN NULL;
END;
$$;

CREATE TRIGGER "status_change_status_delta" AFTER INSERT ON "status_change"
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION "status_delta_on_history_insert"();

-- A commitment moved to another pillar, archived or unarchived, or given another deadline: its whole
-- contribution is taken out as it was (old pillar and deadline, if it counted) and put back as it is now,
-- in one upsert.
CREATE FUNCTION "status_delta_on_commitment_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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
  RETURN NULL;
END;
$$;

CREATE TRIGGER "commitment_status_delta" AFTER UPDATE OF "pillar_id", "deadline", "archived_at" ON "commitment"
  FOR EACH ROW
  WHEN (OLD.pillar_id IS DISTINCT FROM NEW.pillar_id
        OR OLD.deadline IS DISTINCT FROM NEW.deadline
        OR (OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL))
  EXECUTE FUNCTION "status_delta_on_commitment_update"();

-- The history recorded before this migration.
INSERT INTO status_delta_monthly (month, pillar_id, status, delta, overdue_delta)
SELECT d.month, c.pillar_id, d.status, sum(d.delta), sum(d.overdue_delta)
FROM status_change sc
JOIN commitment c ON c.id = sc.commitment_id
CROSS JOIN LATERAL status_change_deltas(sc.from_status, sc.to_status, sc.effective_on, c.deadline) d
WHERE c.archived_at IS NULL
GROUP BY c.pillar_id, d.month, d.status;
