// Reads of commitments: keyset orders and pages, on their own or under each of many parents in one statement.
import type { Page, PageRequest } from '../common/page';
import { Prisma } from '../generated/prisma/client';
import { commitmentsAsOf } from './as-of';
import { compileCommitmentFilter, type CommitmentFilterQuery } from './commitment-filter';
import { fetchPage, fetchPagesPerParent, Keyset, type KeysetOrder, type RunSql, type SortValue, type SortValueType } from './keyset';
import { selectList } from './tables/columns';
import { COMMITMENT_COLUMNS, type CommitmentRow } from './tables/commitment';

/** The parents a connection of commitments can hang under, and how a commitment is tied to each. */
export type CommitmentScope = 'partnership' | 'pillar' | 'actor';

const SCOPES: Record<CommitmentScope, { parentColumn: Prisma.Sql; from: Prisma.Sql }> = {
  partnership: { parentColumn: Prisma.sql`c.partnership_id`, from: Prisma.sql`commitment c` },
  pillar: { parentColumn: Prisma.sql`c.pillar_id`, from: Prisma.sql`commitment c` },
  actor: { parentColumn: Prisma.sql`ca.actor_id`, from: Prisma.sql`commitment c JOIN commitment_actor ca ON ca.commitment_id = c.id` },
};

export type CommitmentSortField =
  | 'UPDATED_AT'
  | 'DEADLINE'
  | 'TITLE'
  | 'STATUS_SINCE'
  | 'ANNOUNCED_ON'
  | 'LAST_ASSESSED_AT'
  | 'STATUS'
  | 'PILLAR'
  | 'PARTNERSHIP';

const SORTS: Record<CommitmentSortField, { column: string; type: SortValueType; nullable: boolean; valueOf(row: CommitmentRow): SortValue }> = {
  UPDATED_AT: { column: 'c.updated_at', type: 'timestamptz', nullable: false, valueOf: (row) => row.updatedAt },
  DEADLINE: { column: 'c.deadline', type: 'date', nullable: true, valueOf: (row) => row.deadline },
  TITLE: { column: 'c.title', type: 'text', nullable: false, valueOf: (row) => row.title },
  STATUS_SINCE: { column: 'c.status_since', type: 'date', nullable: false, valueOf: (row) => row.statusSince },
  ANNOUNCED_ON: { column: 'c.announced_on', type: 'date', nullable: false, valueOf: (row) => row.announcedOn },
  LAST_ASSESSED_AT: { column: 'c.last_assessed_at', type: 'timestamptz', nullable: true, valueOf: (row) => row.lastAssessedAt },
  STATUS: { column: 'c.status', type: 'status', nullable: false, valueOf: (row) => row.status },
  PILLAR: { column: 'c.pillar_id', type: 'int', nullable: false, valueOf: (row) => row.pillarId },
  PARTNERSHIP: { column: 'c.partnership_id', type: 'int', nullable: false, valueOf: (row) => row.partnershipId },
};

/** Most recently updated first: the order of a connection of commitments that gives none. */
const DEFAULT_ORDER = { field: 'UPDATED_AT', direction: 'DESC' } as const;

/** The keyset order over `c`; its name goes into cursors, so a cursor of another order is refused. */
export function commitmentOrder(orderBy: { field: `${CommitmentSortField}`; direction: 'ASC' | 'DESC' } | null | undefined): KeysetOrder<CommitmentRow> {
  const { field, direction } = orderBy ?? DEFAULT_ORDER;
  const sort = SORTS[field];
  return { ...sort, name: `${field}:${direction}`, column: Prisma.raw(sort.column), id: Prisma.raw('c.id'), direction };
}

const COLUMNS = selectList('c', COMMITMENT_COLUMNS);

/**
 * A page of the commitments the filter selects; with `asOf` (a LocalDate), of the commitments as they stood
 * that day (db/as-of.ts): selected, sorted and returned with their status and statusSince of then.
 */
export function readCommitmentPage(
  run: RunSql,
  filter: CommitmentFilterQuery | undefined,
  order: KeysetOrder<CommitmentRow>,
  request: PageRequest,
  asOf?: string | null,
): Promise<Page<CommitmentRow>> {
  const from = asOf ? Prisma.sql`${commitmentsAsOf({ date: asOf })} c` : Prisma.sql`commitment c`;
  const where = compileCommitmentFilter(filter, asOf ?? undefined);
  return fetchPage(run, new Keyset(order, request), { select: COLUMNS, from, where }, (row) => row as CommitmentRow);
}

/** The same page under each of several parents, in one statement. */
export function readCommitmentPagesOf(
  run: RunSql,
  scope: CommitmentScope,
  parentIds: readonly number[],
  where: Prisma.Sql,
  order: KeysetOrder<CommitmentRow>,
  request: PageRequest,
): Promise<Page<CommitmentRow>[]> {
  return fetchPagesPerParent(run, new Keyset(order, request), { select: COLUMNS, where, ...SCOPES[scope], parentIds }, (row) => row as CommitmentRow);
}
