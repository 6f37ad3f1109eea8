-- The outbox of commitment changes: every committed write to a commitment leaves one row here, in the
-- write's own transaction, with the commitment as the write left it. Subscriptions are fed from it (the
-- NOTIFY below names the row), judge their filters against that snapshot rather than against the row as it
-- is by the time they look, and a subscriber that reconnects replays what it missed from it.
CREATE TABLE "commitment_change_event" (
    "id" BIGSERIAL NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" VARCHAR(40) NOT NULL,
    "commitment_id" INTEGER NOT NULL,
    "partnership_id" INTEGER NOT NULL,
    "pillar_id" INTEGER NOT NULL,
    "status_change_id" INTEGER,
    "commitment" JSONB NOT NULL,

    CONSTRAINT "commitment_change_event_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "commitment_change_event_recorded_at_idx" ON "commitment_change_event"("recorded_at");

-- How far pruning has gone: a resume from an id at or below it would miss pruned events, so it is refused.
CREATE TABLE "commitment_change_event_horizon" (
    "singleton" BOOLEAN NOT NULL DEFAULT true,
    "pruned_through" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "commitment_change_event_horizon_pkey" PRIMARY KEY ("singleton"),
    CONSTRAINT "commitment_change_event_horizon_singleton" CHECK ("singleton")
);
INSERT INTO "commitment_change_event_horizon" DEFAULT VALUES;

-- Ids in commit order. A sequence hands out ids in the order writers ask, not the order they commit: a
-- writer that took id 10 could commit after one that took 11, and a subscriber that had seen 11 would
-- resume past 10 and never see it. Each writer takes this lock before its id and holds it to its commit, so
-- the id order is the commit order. It costs little: a transaction that NOTIFYs already holds PostgreSQL's
-- notification queue lock through its commit, and the event is the last thing a write does.
CREATE FUNCTION commitment_change_event_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('commitment_change_event'));
  NEW.id := nextval(pg_get_serial_sequence('commitment_change_event', 'id'));
  RETURN NEW;
END $$;

CREATE TRIGGER commitment_change_event_sequence BEFORE INSERT ON "commitment_change_event"
  FOR EACH ROW EXECUTE FUNCTION commitment_change_event_sequence();

-- The announcement to every server instance, sent when (and only if) the write commits. Ids only: a
-- payload has an 8000-byte limit, and the snapshot is read from the row by whoever needs it. The id is text
-- because a bigint outgrows a JavaScript number.
CREATE FUNCTION commitment_change_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('commitment_changes', json_build_object(
    'eventId', NEW.id::text, 'kind', NEW.kind, 'commitmentId', NEW.commitment_id, 'partnershipId', NEW.partnership_id,
    'pillarId', NEW.pillar_id, 'statusChangeId', NEW.status_change_id)::text);
  RETURN NULL;
END $$;

CREATE TRIGGER commitment_change_event_notify AFTER INSERT ON "commitment_change_event"
  FOR EACH ROW EXECUTE FUNCTION commitment_change_event_notify();
