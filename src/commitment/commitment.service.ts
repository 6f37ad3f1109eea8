import { groupByKeys, orderByKeys } from '../common/batch';
import type { PrismaClient } from '../db/prisma';
import type { Page } from '../common/page';
import { compileCommitmentFilter } from '../db/commitment-filter';
import { commitmentOrder, type CommitmentScope, readCommitmentPage, readCommitmentPagesOf } from '../db/commitment.sql';
import { type RunSql, runnerOf } from '../db/keyset';
import type { CommitmentAmountRow, CommitmentRow } from '../db/tables/commitment';
import type { CommitmentPageQuery } from './commitment.queries';

export class CommitmentService {
  private readonly run: RunSql;

  constructor(private readonly prisma: PrismaClient) {
    this.run = runnerOf(prisma);
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
    return readCommitmentPage(this.run, filter, commitmentOrder(orderBy), request, asOf);
  }

  /** The same page under each of several parents (partnerships, pillars or actors), in one statement. */
  pagesOf(scope: CommitmentScope, parentIds: readonly number[], { filter, orderBy, request }: CommitmentPageQuery): Promise<Page<CommitmentRow>[]> {
    return readCommitmentPagesOf(this.run, scope, parentIds, compileCommitmentFilter(filter), commitmentOrder(orderBy), request);
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
