// The outbox of commitment changes (see the migration 20261207140000_change_outbox): written in each write's
// transaction, read by subscriptions for the commitment as the write left it and for what a reconnecting
// subscriber missed.
import { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from './prisma';
import { parseRowJson, rowJson } from './tables/columns';
import { COMMITMENT_COLUMNS, type CommitmentRow } from './tables/commitment';

/** What an event records of a change (the commitment domain's CommitmentChange). */
export interface ChangeEventFields {
  kind: string;
  commitmentId: number;
  partnershipId: number;
  pillarId: number;
  statusChangeId: number | null;
}

/** The columns of an event, as SQL expressions of the statement that writes it. */
export type ChangeEventValues = Record<keyof ChangeEventFields, Prisma.Sql> & { commitment: Prisma.Sql };

/**
 * The INSERT of an event whose values are expressions over `from` (an SQL FROM list), for a write that
 * announces itself in the statement that writes. `commitment` is the row the write left, as a record.
 */
export function insertChangeEventSql(values: ChangeEventValues, from: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO commitment_change_event (kind, commitment_id, partnership_id, pillar_id, status_change_id, commitment)
    SELECT ${values.kind}, ${values.commitmentId}, ${values.partnershipId}, ${values.pillarId}, ${values.statusChangeId}, to_jsonb(${values.commitment})
    FROM ${from}
    RETURNING id`;
}

/** Records a change in the write's transaction `tx`, with the commitment as `tx` sees it now (after the write). */
export async function insertChangeEvent(tx: Prisma.TransactionClient, change: ChangeEventFields): Promise<void> {
  await tx.$executeRaw(
    insertChangeEventSql(
      {
        kind: Prisma.sql`${change.kind}`,
        commitmentId: Prisma.sql`c.id`,
        partnershipId: Prisma.sql`c.partnership_id`,
        pillarId: Prisma.sql`c.pillar_id`,
        statusChangeId: Prisma.sql`${change.statusChangeId}::int`,
        commitment: Prisma.sql`c`,
      },
      Prisma.sql`commitment c WHERE c.id = ${change.commitmentId}::int`,
    ),
  );
}

/** The snapshot as a commitment row, from the event `e` (a record of the outbox). */
const SNAPSHOT = Prisma.sql`jsonb_populate_record(NULL::commitment, e.commitment)`;

/** The commitment as event `eventId`'s write left it; undefined once the event has been pruned. */
export async function readChangeEventCommitment(prisma: PrismaClient, eventId: bigint): Promise<CommitmentRow | undefined> {
  const [row] = await prisma.$queryRaw<{ commitment: string }[]>`
    SELECT ${rowJson('c', COMMITMENT_COLUMNS)}::text AS commitment
    FROM commitment_change_event e CROSS JOIN LATERAL ${SNAPSHOT} c
    WHERE e.id = ${eventId}::bigint`;
  return row && parseRowJson<CommitmentRow>(row.commitment);
}

/** Whether the commitment as event `eventId`'s write left it meets `where` (the filter compiler's condition on `c`). */
export async function changeEventMatches(prisma: PrismaClient, eventId: bigint, where: Prisma.Sql): Promise<boolean> {
  const [row] = await prisma.$queryRaw<{ matches: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM commitment_change_event e CROSS JOIN LATERAL ${SNAPSHOT} c WHERE e.id = ${eventId}::bigint AND ${where}) AS matches`;
  return row!.matches;
}

export interface StoredChangeEvent extends ChangeEventFields {
  eventId: bigint;
  commitment: CommitmentRow;
}

interface StoredChangeEventRow {
  eventId: bigint;
  kind: string;
  commitmentId: number;
  partnershipId: number;
  pillarId: number;
  statusChangeId: number | null;
  commitment: string;
}

/** Up to `limit` events after `afterId`, in id (that is, commit) order, each with its snapshot. */
export async function readChangeEventsAfter(prisma: PrismaClient, afterId: bigint, limit: number): Promise<StoredChangeEvent[]> {
  const rows = await prisma.$queryRaw<StoredChangeEventRow[]>`
    SELECT e.id AS "eventId", e.kind, e.commitment_id AS "commitmentId", e.partnership_id AS "partnershipId", e.pillar_id AS "pillarId",
           e.status_change_id AS "statusChangeId", ${rowJson('c', COMMITMENT_COLUMNS)}::text AS commitment
    FROM commitment_change_event e CROSS JOIN LATERAL ${SNAPSHOT} c
    WHERE e.id > ${afterId}::bigint
    ORDER BY e.id
    LIMIT ${limit}::int`;
  return rows.map((row) => ({ ...row, commitment: parseRowJson<CommitmentRow>(row.commitment) }));
}

/** The bounds a resume position must lie within: above what pruning removed, at most the last id handed out. */
export async function readChangeEventBounds(prisma: PrismaClient): Promise<{ prunedThrough: bigint; lastIssued: bigint }> {
  const [row] = await prisma.$queryRaw<{ prunedThrough: bigint; lastIssued: bigint }[]>`
    SELECT h.pruned_through AS "prunedThrough",
           (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM commitment_change_event_id_seq) AS "lastIssued"
    FROM commitment_change_event_horizon h`;
  return row!;
}

/**
 * Deletes up to `batchSize` events recorded before `before`, oldest first, and moves the horizon past them,
 * in one statement. Returns how many it deleted: a caller prunes in batches until fewer come back, so that no
 * one statement holds many row locks or a long transaction.
 */
export async function pruneChangeEvents(prisma: PrismaClient, before: Date, batchSize: number): Promise<number> {
  const [row] = await prisma.$queryRaw<{ deleted: number }[]>`
    WITH doomed AS (
      SELECT id FROM commitment_change_event WHERE recorded_at < ${before}::timestamptz ORDER BY id LIMIT ${batchSize}::int
    ), deleted AS (
      DELETE FROM commitment_change_event e USING doomed d WHERE e.id = d.id RETURNING e.id
    ), horizon AS (
      UPDATE commitment_change_event_horizon SET pruned_through = GREATEST(pruned_through, (SELECT max(id) FROM deleted))
      WHERE EXISTS (SELECT FROM deleted)
    )
    SELECT count(*)::int AS deleted FROM deleted`;
  return row!.deleted;
}

/** The last committed event's id (or the pruning horizon when none is kept): where a new reader starts. */
export async function readLastChangeEventId(prisma: PrismaClient): Promise<bigint> {
  const [row] = await prisma.$queryRaw<{ last: bigint }[]>`
    SELECT GREATEST((SELECT max(id) FROM commitment_change_event), (SELECT pruned_through FROM commitment_change_event_horizon)) AS last`;
  return row!.last;
}

/**
 * The rows of the commitment table holding the commitment as event `eventId`'s write left it, or as it is
 * now once the event has been pruned (where the resolvers fall back to it too): a FROM source for SQL that
 * reads the commitment in place, as the compiled subscription payloads do.
 */
export function changeEventCommitmentSql(eventId: Prisma.Sql, commitmentId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT c.* FROM commitment_change_event e CROSS JOIN LATERAL ${SNAPSHOT} c WHERE e.id = ${eventId}
    UNION ALL
    SELECT c.* FROM commitment c WHERE c.id = ${commitmentId} AND NOT EXISTS (SELECT FROM commitment_change_event e WHERE e.id = ${eventId}))`;
}
