-- AlterTable
ALTER TABLE "status_change" ADD COLUMN     "holds_until" DATE;

-- ---------------------------------------------------------------------------------------------------
-- Hand-written below (Prisma's diff tracks neither functions, triggers nor checks).
--
-- A correction may be dated before entries already recorded (an earlier status found late). The history
-- stays append-only, so the entry that followed it keeps its from_status, the status it left as recorded.
-- The correction says instead, in holds_until, when its status ended: the effective date of the next entry
-- when it was recorded. Every count over the history then reads a back-dated correction as two moves:
-- from the status in effect to the corrected one on its day, and back on holds_until, where the recorded
-- history resumes (the next entry leaving the status it names). Reads of a day (latest entry by effective
-- date) need nothing: on days in [effective_on, holds_until) the correction is the latest entry.
ALTER TABLE "status_change" ADD CONSTRAINT "status_change_holds_until_check"
  CHECK ("holds_until" IS NULL OR ("correction" AND "holds_until" > "effective_on"));

-- The deltas of one history entry: status_change_deltas, and for a back-dated correction the move back.
CREATE FUNCTION "history_deltas"(from_status commitment_status, to_status commitment_status, effective_on date, holds_until date, deadline date)
RETURNS TABLE (month date, status commitment_status, delta int, overdue_delta int)
LANGUAGE sql IMMUTABLE AS $$
  SELECT * FROM status_change_deltas(from_status, to_status, effective_on, deadline)
  UNION ALL
  SELECT * FROM status_change_deltas(to_status, from_status, holds_until, deadline) WHERE holds_until IS NOT NULL
$$;

-- The two functions that keep status_delta_monthly and status_delta_monthly_partnership, as in
-- 20261206023559_status_delta_monthly_partnership, with history_deltas in place of status_change_deltas.
CREATE OR REPLACE FUNCTION "status_delta_on_history_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO status_delta_monthly AS t (month, pillar_id, status, delta, overdue_delta)
  SELECT d.month, c.pillar_id, d.status, sum(d.delta), sum(d.overdue_delta)
  FROM inserted i
  JOIN commitment c ON c.id = i.commitment_id
  CROSS JOIN LATERAL history_deltas(i.from_status, i.to_status, i.effective_on, i.holds_until, c.deadline) d
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
  CROSS JOIN LATERAL history_deltas(i.from_status, i.to_status, i.effective_on, i.holds_until, c.deadline) d
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
    CROSS JOIN LATERAL history_deltas(sc.from_status, sc.to_status, sc.effective_on, sc.holds_until, m.deadline) d
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
      CROSS JOIN LATERAL history_deltas(sc.from_status, sc.to_status, sc.effective_on, sc.holds_until, m.deadline) d
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
