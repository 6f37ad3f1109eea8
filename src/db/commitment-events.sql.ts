// A commitment's timeline as SQL: its announcement, status changes, progress notes, evidence and target readings as one list
// of dated events. Pages for many commitments come from one statement: the events of all of them are
// numbered per commitment with a window function (row_number), and each keeps its first `size + 1`.
import { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from './prisma';

export enum CommitmentEventKind {
  ANNOUNCED = 'ANNOUNCED',
  STATUS_CHANGE = 'STATUS_CHANGE',
  PROGRESS_NOTE = 'PROGRESS_NOTE',
  EVIDENCE = 'EVIDENCE',
  TARGET_READING = 'TARGET_READING',
}

/** The order of kinds on one day, oldest first: a commitment is announced before anything happens to it. */
export const KIND_RANK: Record<CommitmentEventKind, number> = { ANNOUNCED: 0, STATUS_CHANGE: 1, PROGRESS_NOTE: 2, EVIDENCE: 3, TARGET_READING: 4 };

export interface EventRow {
  commitmentId: number;
  kind: CommitmentEventKind;
  occurredOn: Date;
  rank: number;
  /** The primary key of the row the event stands for (the commitment's own, for ANNOUNCED). */
  sourceId: number;
  /** ANNOUNCED only: the first ORIGIN mention, if any. */
  provenanceId: number | null;
  /** ANNOUNCED only: the first history entry (from no status), if any. */
  statusChangeId: number | null;
}

/** Where a page starts: an event's (day, kind rank, row id), the order's key. */
export type EventPosition = [string, number, number];

/** Every event of the commitments `ids` as (commitmentId, kind, occurredOn, rank, sourceId, provenanceId, statusChangeId). */
function eventsOf(ids: number[]): Prisma.Sql {
  const event = (kind: CommitmentEventKind) => Prisma.sql`${kind}::text AS kind, ${KIND_RANK[kind]}::int AS rank`;
  return Prisma.sql`
    SELECT c.id AS "commitmentId", ${event(CommitmentEventKind.ANNOUNCED)}, c.announced_on AS "occurredOn", c.id AS "sourceId",
      (SELECT pv.id FROM provenance pv WHERE pv.commitment_id = c.id AND pv.role = 'ORIGIN' ORDER BY pv.id LIMIT 1) AS "provenanceId",
      (SELECT sc.id FROM status_change sc WHERE sc.commitment_id = c.id AND sc.from_status IS NULL ORDER BY sc.id LIMIT 1) AS "statusChangeId"
    FROM commitment c WHERE c.id = ANY(${ids}::int[])
    UNION ALL
    -- The first entry (from no status) is the announcement, shown by the ANNOUNCED event.
    SELECT sc.commitment_id, ${event(CommitmentEventKind.STATUS_CHANGE)}, sc.effective_on, sc.id, NULL, NULL
    FROM status_change sc WHERE sc.commitment_id = ANY(${ids}::int[]) AND sc.from_status IS NOT NULL
    UNION ALL
    SELECT pn.commitment_id, ${event(CommitmentEventKind.PROGRESS_NOTE)}, pn.effective_on, pn.id, NULL, NULL
    FROM progress_note pn WHERE pn.commitment_id = ANY(${ids}::int[])
    UNION ALL
    SELECT ev.commitment_id, ${event(CommitmentEventKind.EVIDENCE)}, coalesce(ev.published_on, (ev.recorded_at AT TIME ZONE 'UTC')::date), ev.id, NULL, NULL
    FROM evidence ev WHERE ev.commitment_id = ANY(${ids}::int[])
    UNION ALL
    SELECT tg.commitment_id, ${event(CommitmentEventKind.TARGET_READING)}, tr.observed_on, tr.id, NULL, NULL
    FROM target_reading tr JOIN commitment_target tg ON tg.id = tr.target_id WHERE tg.commitment_id = ANY(${ids}::int[])`;
}

/**
 * Up to `limit` events of each commitment beyond `position`, newest first (by day, then kind, then record)
 * when forward; a backward read walks the order in reverse from the position. Ordered by commitment, then n.
 */
export function readEventPages(
  prisma: PrismaClient,
  commitmentIds: number[],
  { forward, position, limit }: { forward: boolean; position: EventPosition | undefined; limit: number },
): Promise<(EventRow & { n: bigint })[]> {
  const direction = Prisma.raw(forward ? 'DESC' : 'ASC');
  const beyond = position
    ? Prisma.sql`(e."occurredOn", e.rank, e."sourceId") ${Prisma.raw(forward ? '<' : '>')} (${position[0]}::date, ${position[1]}::int, ${position[2]}::int)`
    : Prisma.sql`TRUE`;
  return prisma.$queryRaw<(EventRow & { n: bigint })[]>(Prisma.sql`
    SELECT w.* FROM (
      SELECT e.*, row_number() OVER (PARTITION BY e."commitmentId" ORDER BY e."occurredOn" ${direction}, e.rank ${direction}, e."sourceId" ${direction}) AS n
      FROM (${eventsOf(commitmentIds)}) e
      WHERE ${beyond}
    ) w
    WHERE w.n <= ${limit}
    ORDER BY w."commitmentId", w.n`);
}

/** How many events each commitment has. */
export function countEvents(prisma: PrismaClient, commitmentIds: number[]): Promise<{ commitmentId: number; n: number }[]> {
  return prisma.$queryRaw<{ commitmentId: number; n: number }[]>(
    Prisma.sql`SELECT e."commitmentId", count(*)::int AS n FROM (${eventsOf(commitmentIds)}) e GROUP BY 1`,
  );
}
