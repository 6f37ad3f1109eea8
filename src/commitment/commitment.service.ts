import { groupByKeys, orderByKeys } from '../common/batch';
import type { PrismaClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import type { Page } from '../common/page';
import { fetchPage, fetchPagesPerParent, Keyset, type KeysetOrder, type RunSql, type SortValue, type SortValueType } from '../db/keyset';
import { selectedAsOf } from '../db/as-of';
import { compileCommitmentFilter } from '../db/commitment-filter';
import { CommitmentOrderField, type CommitmentOrderQuery, type CommitmentPageQuery, OrderDirection } from './commitment.queries';
import { COMMITMENT_COLUMNS, type CommitmentAmountRow, type CommitmentRow } from '../db/tables/commitment';
import { selectList } from '../db/tables/columns';

/** The parents a connection of commitments can hang under, and how a commitment is tied to each. */
export type CommitmentScope = 'partnership' | 'pillar' | 'actor';

const SCOPES: Record<CommitmentScope, { parentColumn: Prisma.Sql; from: Prisma.Sql }> = {
  partnership: { parentColumn: Prisma.sql`c.partnership_id`, from: Prisma.sql`commitment c` },
  pillar: { parentColumn: Prisma.sql`c.pillar_id`, from: Prisma.sql`commitment c` },
  actor: { parentColumn: Prisma.sql`ca.actor_id`, from: Prisma.sql`commitment c JOIN commitment_actor ca ON ca.commitment_id = c.id` },
};

const SORTS: Record<CommitmentOrderField, { column: string; type: SortValueType; nullable: boolean; valueOf(row: CommitmentRow): SortValue }> = {
  UPDATED_AT: { column: 'c.updated_at', type: 'timestamptz', nullable: false, valueOf: (row) => row.updatedAt },
  DEADLINE: { column: 'c.deadline', type: 'date', nullable: true, valueOf: (row) => row.deadline },
  TITLE: { column: 'c.title', type: 'text', nullable: false, valueOf: (row) => row.title },
  STATUS_SINCE: { column: 'c.status_since', type: 'date', nullable: false, valueOf: (row) => row.statusSince },
  ANNOUNCED_ON: { column: 'c.announced_on', type: 'date', nullable: false, valueOf: (row) => row.announcedOn },
};

const DEFAULT_ORDER = { field: CommitmentOrderField.UPDATED_AT, direction: OrderDirection.DESC };

export function commitmentOrder(orderBy: CommitmentOrderQuery | null | undefined): KeysetOrder<CommitmentRow> {
  const { field, direction } = orderBy ?? DEFAULT_ORDER;
  const sort = SORTS[field];
  return { ...sort, name: `${field}:${direction}`, column: Prisma.raw(sort.column), id: Prisma.raw('c.id'), direction };
}

const COLUMNS = selectList('c', COMMITMENT_COLUMNS);

export class CommitmentService {
  private readonly run: RunSql;

  constructor(private readonly prisma: PrismaClient) {
    this.run = (sql) => prisma.$queryRaw(sql);
  }

  async findByIds(ids: readonly number[]): Promise<(CommitmentRow | undefined)[]> {
    const rows = await this.prisma.commitment.findMany({ where: { id: { in: [...ids] } } });
    return orderByKeys(ids, rows, (row) => row.id);
  }

  async findBySlug(slug: string): Promise<CommitmentRow | undefined> {
    return (await this.prisma.commitment.findUnique({ where: { slug } })) ?? undefined;
  }

  /** A page of all commitments the filter selects. */
  page({ filter, orderBy, request, asOf }: CommitmentPageQuery): Promise<Page<CommitmentRow>> {
    const where = asOf ? selectedAsOf(filter, asOf) : compileCommitmentFilter(filter);
    const keyset = new Keyset(commitmentOrder(orderBy), request);
    return fetchPage(this.run, keyset, { select: COLUMNS, from: Prisma.sql`commitment c`, where }, (row) => row as CommitmentRow);
  }

  /** The same page under each of several parents (partnerships, pillars or actors), in one statement. */
  pagesOf(scope: CommitmentScope, parentIds: readonly number[], { filter, orderBy, request }: CommitmentPageQuery): Promise<Page<CommitmentRow>[]> {
    const where = compileCommitmentFilter(filter);
    const keyset = new Keyset(commitmentOrder(orderBy), request);
    return fetchPagesPerParent(this.run, keyset, { select: COLUMNS, where, ...SCOPES[scope], parentIds }, (row) => row as CommitmentRow);
  }

  /** The amounts of each commitment, their value as exact decimal text. */
  async amountsOf(commitmentIds: readonly number[]): Promise<(Omit<CommitmentAmountRow, 'value'> & { value: string })[][]> {
    const rows = await this.prisma.commitmentAmount.findMany({
      where: { commitmentId: { in: [...commitmentIds] } },
      orderBy: { id: 'asc' },
    });
    return groupByKeys(commitmentIds, rows, (row) => row.commitmentId).map((group) =>
      group.map((row) => ({ ...row, value: row.value.toFixed(2) })),
    );
  }
}
