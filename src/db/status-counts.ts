// Status counts as SQL select lists: how many of a set of commitments are in each status. Statistics, the
// partnerships' and pillars' statusCounts and the compiled execution all count with these columns, so that
// every count of a dashboard is the same arithmetic.
import type { CommitmentStatus } from '../common/enums';
import { Prisma } from '../generated/prisma/client';

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

/** `unassessed` is null where it is not counted (the timeline's points, counted from the history alone). */
export type StatusCountsRow = Record<StatusCountField | 'total', number> & { unassessed: number | null };

const COUNT_FIELDS = [...Object.values(STATUS_COUNT_FIELDS), 'total', 'unassessed'] as const;

// DISTINCT: under the COUNTRY, ACTOR and TAG groupings a commitment is joined to several groups, and the
// overall row (the empty grouping set) must still count it once.
export const COUNT_COLUMNS = Prisma.raw(
  [
    ...Object.entries(STATUS_COUNT_FIELDS).map(([status, field]) => `count(DISTINCT c.id) FILTER (WHERE c.status = '${status}')::int AS "${field}"`),
    'count(DISTINCT c.id)::int AS total',
    'count(DISTINCT c.id) FILTER (WHERE c.last_assessed_at IS NULL)::int AS unassessed',
  ].join(', '),
);

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
  return Object.fromEntries(COUNT_FIELDS.map((field) => [field, row?.[field] ?? 0])) as StatusCountsRow;
}
