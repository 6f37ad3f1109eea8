// Status counts as SQL select lists: how many of a set of commitments are in each status. Statistics, the
// partnerships' and pillars' statusCounts and the compiled execution all count with these columns, so that
// every count of a dashboard is the same arithmetic.
import type { CommitmentStatus } from '../common/enums';
import { Prisma } from '../generated/prisma/client';
import { hasTargetMetSql, targetMetSql } from './target.sql';

/** The camelCase column (and StatusCounts field) that counts each status. */
export const STATUS_COUNT_FIELDS = {
  ANNOUNCED: 'announced',
  IN_PROGRESS: 'inProgress',
  PARTIALLY_COMPLETED: 'partiallyCompleted',
  COMPLETED: 'completed',
  STALLED: 'stalled',
  ABANDONED: 'abandoned',
  SUPERSEDED: 'superseded',
} as const satisfies Record<CommitmentStatus, string>;

export type StatusCountField = (typeof STATUS_COUNT_FIELDS)[CommitmentStatus];

/** targetsMet is null where only statuses are counted (the status timeline's points); `unassessed` likewise (the history tells the statuses of the past, not when each commitment was first assessed). */
export type StatusCountsRow = Record<StatusCountField | 'total', number> & { targetsMet: number | null; unassessed: number | null };

const COUNT_FIELDS = [...Object.values(STATUS_COUNT_FIELDS), 'total', 'unassessed'] as const;

/**
 * Follow-through by targets: a commitment neither COMPLETED nor PARTIALLY_COMPLETED that has at least one
 * target met (target.sql.ts) counts as followed through, as partial delivery does. Commitments without a
 * met target count by their status alone, as before targets existed.
 */
const notDelivered = (alias: string) => Prisma.raw(`${alias}.status NOT IN ('COMPLETED', 'PARTIALLY_COMPLETED')`);

// DISTINCT: under the COUNTRY, ACTOR and TAG groupings a commitment is joined to several groups, and the
// overall row (the empty grouping set) must still count it once.
const STATUS_COLUMNS = Prisma.raw(
  [
    ...Object.entries(STATUS_COUNT_FIELDS).map(([status, field]) => `count(DISTINCT c.id) FILTER (WHERE c.status = '${status}')::int AS "${field}"`),
    'count(DISTINCT c.id)::int AS total',
    'count(DISTINCT c.id) FILTER (WHERE c.last_assessed_at IS NULL)::int AS unassessed',
  ].join(', '),
);

/** The counts of the commitments `c`; targets are met by readings observed by `date` (LocalDate) when given, by every reading otherwise. */
export function countColumns(date?: string): Prisma.Sql {
  return Prisma.sql`${STATUS_COLUMNS}, count(DISTINCT c.id) FILTER (WHERE ${notDelivered('c')} AND ${hasTargetMetSql(Prisma.sql`c.id`, date)})::int AS "targetsMet"`;
}

export const COUNT_COLUMNS = countColumns();

/**
 * targetsMet of the non-archived commitments whose `parentColumn` (partnership_id or pillar_id) is `parentId`:
 * the column that goes with STORED_COUNT_COLUMNS, read from the targets (few) rather than the commitments.
 */
export function storedTargetsMet(parentColumn: string, parentId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT count(DISTINCT t.commitment_id)::int FROM commitment_target t JOIN commitment tc ON tc.id = t.commitment_id
    WHERE tc.${Prisma.raw(parentColumn)} = ${parentId} AND tc.archived_at IS NULL AND ${notDelivered('tc')} AND ${targetMetSql('t')}) AS "targetsMet"`;
}

/** The same columns, summed over the rows of commitment_status_count (alias `c`). */
export const STORED_COUNT_COLUMNS = Prisma.raw(
  [
    ...Object.entries(STATUS_COUNT_FIELDS).map(([status, field]) => `coalesce(sum(c.count) FILTER (WHERE c.status = '${status}'), 0)::int AS "${field}"`),
    'coalesce(sum(c.count), 0)::int AS total',
    'coalesce(sum(c.unassessed), 0)::int AS unassessed',
  ].join(', '),
);

/** Just the counts of a row that has them among other columns; zero for no row (a parent without commitments). */
export function statusCountsOf(row: Partial<StatusCountsRow> | undefined): StatusCountsRow {
  const counts = Object.fromEntries(COUNT_FIELDS.map((field) => [field, row?.[field] ?? 0])) as Record<(typeof COUNT_FIELDS)[number], number>;
  return { ...counts, targetsMet: row?.targetsMet ?? 0 };
}
