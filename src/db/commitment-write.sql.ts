// The statements of the commitment write path: the row lock every write starts with, and the status change,
// which is all of a write in one statement (see CommitmentWriteService.updateStatus for why).
import type { AuthorKind, CommitmentStatus } from '../generated/prisma/enums';
import { Prisma } from '../generated/prisma/client';
import type { StatementKey, StatementResult } from './idempotency-key.sql';
import type { StatementRunner } from './statements';
import { parseRowJson, rowJson, selectList } from './tables/columns';
import { COMMITMENT_COLUMNS, type CommitmentRow } from './tables/commitment';
import { STATUS_CHANGE_COLUMNS } from './tables/status-change';
import type { ChangeEventValues } from './change-event.sql';

const COMMITMENT_SELECT = selectList('commitment', COMMITMENT_COLUMNS);
const STATUS_CHANGE_RESPONSE = Prisma.sql`jsonb_build_object('commitment', ${rowJson('u', COMMITMENT_COLUMNS)}, 'statusChange', ${rowJson('i', STATUS_CHANGE_COLUMNS)})`;

/**
 * Locks the commitment's row for the rest of the transaction and reads it, in one statement: concurrent
 * writers to the same commitment wait here for each other, and each reads the row as the one before it
 * committed it.
 */
export async function lockCommitmentRow(tx: Prisma.TransactionClient, id: number): Promise<CommitmentRow | undefined> {
  const [row] = await tx.$queryRaw<CommitmentRow[]>`SELECT ${COMMITMENT_SELECT} FROM commitment WHERE id = ${id} FOR UPDATE`;
  return row;
}

/**
 * The statement's one result row: what it wrote, or, when it wrote nothing, the commitment as it found it
 * (under its lock; undefined when there is none), from which the caller tells why.
 */
export type StatusChangeResult = StatementResult & { current: CommitmentRow | undefined };

/** The status change to write, its rules' status part already turned into `refusedFrom`. */
export interface StatusChangeWrite {
  commitmentId: number;
  status: CommitmentStatus;
  /** LocalDate. */
  effectiveOn: string;
  rationale: string;
  expectedVersion: number | null;
  evidence: { url: string | null; title: string; sourceDocumentId: number | null; publishedOn: string } | undefined;
  author: { authorKind: AuthorKind; authorId: string; authorName: string | null };
  /** Statuses the commitment may not move from to `status`, whatever the dates. */
  refusedFrom: CommitmentStatus[];
  /** When it is recorded (ISO timestamp). */
  now: string;
  /** Set for a correction of the history (correctStatusHistory), naming the entry it corrects when there is one. */
  correction?: { correctsId: number | null };
  /** The change's kind, as the notification names it. */
  kind: string;
  /** The INSERT into the outbox of a change whose values are these SQL expressions over `from`. */
  announcement(values: ChangeEventValues, from: Prisma.Sql): Prisma.Sql;
}

/**
 * One statement: locks the commitment's row (waiting for any writer ahead of it, then reading the row as
 * that writer committed it), checks expectedVersion and the rules against it, updates it, appends the
 * history entry, records the change in the outbox (which NOTIFIES) and, with a key, stores the response under the key.
 * The row as found is sent back only when nothing was written: a successful change's response has the row as written.
 * Data-modifying CTEs all run, on one snapshot; each reads the one before, so each happens only if the one
 * before did, and the update only if the rules held. Returns the row as found (undefined when there is
 * none) and, when written, the response as jsonb text. Runs as a prepared statement (db/statements.ts): the
 * hot write's text is parsed and planned once per connection.
 */
export async function writeStatusChange(statements: StatementRunner, key: StatementKey | undefined, write: StatusChangeWrite): Promise<StatusChangeResult> {
  const { commitmentId: id, status, effectiveOn, expectedVersion, evidence, author, refusedFrom, now } = write;
  const documentId = evidence?.sourceDocumentId ?? null;
  const correctsId = write.correction?.correctsId ?? null;
  // The commitment, its partnership and its pillar come from the updated row `u`, the history entry from `i`.
  const announcement = write.announcement(
    {
      kind: Prisma.sql`${write.kind}::text`,
      commitmentId: Prisma.sql`u.id`,
      partnershipId: Prisma.sql`u.partnership_id`,
      pillarId: Prisma.sql`u.pillar_id`,
      statusChangeId: Prisma.sql`i.id`,
      commitment: Prisma.sql`u`,
    },
    Prisma.sql`updated u, inserted i`,
  );
  const [row] = await statements.rows<StatementResult & { current: string | null }>(Prisma.sql`
    WITH ${key ? key.ctes : Prisma.empty}
    current AS MATERIALIZED (
      SELECT * FROM commitment
      WHERE id = ${id} ${key ? Prisma.sql`AND ${key.free}` : Prisma.empty}
      FOR UPDATE
    ), allowed AS (
      SELECT c.* FROM current c
      WHERE (${expectedVersion}::int IS NULL OR c.version = ${expectedVersion}::int)
        AND c.archived_at IS NULL
        AND c.status <> ALL (${refusedFrom}::commitment_status[])
        AND ${effectiveOn}::date >= c.announced_on AND ${effectiveOn}::date >= c.status_since
        AND (${documentId}::int IS NULL OR EXISTS (SELECT FROM source_document WHERE id = ${documentId}::int))
        AND (${correctsId}::int IS NULL OR EXISTS (SELECT FROM status_change WHERE id = ${correctsId}::int AND commitment_id = c.id))
    ), updated AS (
      UPDATE commitment c
      SET status = ${status}::commitment_status, status_since = ${effectiveOn}::date,
          last_assessed_at = ${now}::timestamptz, version = c.version + 1, updated_at = ${now}::timestamptz
      FROM allowed a
      WHERE c.id = a.id
      RETURNING c.*
    ), inserted AS (
      INSERT INTO status_change (commitment_id, from_status, to_status, effective_on, recorded_at, rationale,
                                 evidence_url, evidence_title, evidence_date, evidence_document_id, author_kind, author_id, author_name,
                                 correction, corrects_id)
      SELECT u.id, a.status, ${status}::commitment_status, ${effectiveOn}::date,
             ${now}::timestamptz, ${write.rationale}, ${evidence?.url ?? null}, ${evidence?.title ?? null},
             ${evidence?.publishedOn ?? null}::date, ${documentId}::int,
             ${author.authorKind}::author_kind, ${author.authorId}, ${author.authorName},
             ${write.correction !== undefined}::boolean, ${correctsId}::int
      FROM updated u, allowed a
      RETURNING *
    ), written AS (
      SELECT ${STATUS_CHANGE_RESPONSE} AS response FROM updated u, inserted i
    ), ${key ? Prisma.sql`${key.store(Prisma.sql`w.response`, Prisma.sql`written w`)},` : Prisma.empty}
    announced AS (${announcement})
    SELECT CASE WHEN NOT EXISTS (SELECT FROM written) THEN (SELECT ${rowJson('c', COMMITMENT_COLUMNS)}::text FROM current c) END AS current,
           (SELECT response::text FROM written) AS response, (SELECT count(*)::int FROM announced) AS announced
           ${key ? Prisma.sql`, ${key.columns}` : Prisma.empty}`);
  const { current, ...result } = row!;
  return { ...result, current: current === null ? undefined : parseRowJson<CommitmentRow>(current) };
}
