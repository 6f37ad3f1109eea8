import { groupByKeys, orderByKeys } from '../common/batch';
import type { PrismaClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import type { Page } from '../common/page';
import { fetchPage, fetchPagesPerParent, Keyset, type KeysetOrder, type RunSql, type SortValue, type SortValueType } from '../relay/keyset';
import { fromRow } from '../relay/api/node.interface';
import { selectedAsOf } from './status-as-of';
import { CommitmentAmount } from './commitment-amount.type';
import { compileCommitmentFilter } from './commitment.filter';
import { type CommitmentOrder, CommitmentOrderField, type CommitmentPageArgs, OrderDirection } from './commitment.input';
import { Commitment } from './commitment.type';

// Defined beside the inputs it is read from (commitment.input.ts), so that the inputs need not import this service.
export type { CommitmentPageArgs };

/** The parents a connection of commitments can hang under, and how a commitment is tied to each. */
export type CommitmentScope = 'partnership' | 'pillar' | 'actor';

const SCOPES: Record<CommitmentScope, { parentColumn: Prisma.Sql; from: Prisma.Sql }> = {
  partnership: { parentColumn: Prisma.sql`c.partnership_id`, from: Prisma.sql`commitment c` },
  pillar: { parentColumn: Prisma.sql`c.pillar_id`, from: Prisma.sql`commitment c` },
  actor: { parentColumn: Prisma.sql`ca.actor_id`, from: Prisma.sql`commitment c JOIN commitment_actor ca ON ca.commitment_id = c.id` },
};

const SORTS: Record<CommitmentOrderField, { column: string; type: SortValueType; nullable: boolean; valueOf(row: Commitment): SortValue }> = {
  UPDATED_AT: { column: 'c.updated_at', type: 'timestamptz', nullable: false, valueOf: (row) => row.updatedAt },
  DEADLINE: { column: 'c.deadline', type: 'date', nullable: true, valueOf: (row) => row.deadline },
  TITLE: { column: 'c.title', type: 'text', nullable: false, valueOf: (row) => row.title },
  STATUS_SINCE: { column: 'c.status_since', type: 'date', nullable: false, valueOf: (row) => row.statusSince },
  ANNOUNCED_ON: { column: 'c.announced_on', type: 'date', nullable: false, valueOf: (row) => row.announcedOn },
};

const DEFAULT_ORDER = { field: CommitmentOrderField.UPDATED_AT, direction: OrderDirection.DESC };

export function commitmentOrder(orderBy: CommitmentOrder | null | undefined): KeysetOrder<Commitment> {
  const { field, direction } = orderBy ?? DEFAULT_ORDER;
  const sort = SORTS[field];
  return { ...sort, name: `${field}:${direction}`, column: Prisma.raw(sort.column), id: Prisma.raw('c.id'), direction };
}

/** The commitment's columns under the names of the Commitment type. */
const COLUMNS = Prisma.sql`c.id, c.slug, c.partnership_id AS "partnershipId", c.pillar_id AS "pillarId",
  c.pillar_basis AS "pillarBasis", c.title, c.description, c.status, c.status_since AS "statusSince",
  c.announced_on AS "announcedOn", c.last_assessed_at AS "lastAssessedAt", c.deadline,
  c.deadline_precision AS "deadlinePrecision", c.tags, c.version, c.archived_at AS "archivedAt",
  c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

const toCommitment = (row: object) => fromRow(Commitment, row);

export class CommitmentService {
  private readonly run: RunSql;

  constructor(private readonly prisma: PrismaClient) {
    this.run = (sql) => prisma.$queryRaw(sql);
  }

  async findByIds(ids: readonly number[]): Promise<(Commitment | undefined)[]> {
    const rows = await this.prisma.commitment.findMany({ where: { id: { in: [...ids] } } });
    return orderByKeys(ids, rows, (row) => row.id).map((row) => row && toCommitment(row));
  }

  async findBySlug(slug: string): Promise<Commitment | undefined> {
    const row = await this.prisma.commitment.findUnique({ where: { slug } });
    return row ? toCommitment(row) : undefined;
  }

  /** A page of all commitments the filter selects. */
  page({ filter, orderBy, request, asOf }: CommitmentPageArgs): Promise<Page<Commitment>> {
    const where = asOf ? selectedAsOf(filter, asOf) : compileCommitmentFilter(filter);
    const keyset = new Keyset(commitmentOrder(orderBy), request);
    return fetchPage(this.run, keyset, { select: COLUMNS, from: Prisma.sql`commitment c`, where }, toCommitment);
  }

  /** The same page under each of several parents (partnerships, pillars or actors), in one statement. */
  pagesOf(scope: CommitmentScope, parentIds: readonly number[], { filter, orderBy, request }: CommitmentPageArgs): Promise<Page<Commitment>[]> {
    const where = compileCommitmentFilter(filter);
    const keyset = new Keyset(commitmentOrder(orderBy), request);
    return fetchPagesPerParent(this.run, keyset, { select: COLUMNS, where, ...SCOPES[scope], parentIds }, toCommitment);
  }

  async amountsOf(commitmentIds: readonly number[]): Promise<CommitmentAmount[][]> {
    const rows = await this.prisma.commitmentAmount.findMany({
      where: { commitmentId: { in: [...commitmentIds] } },
      orderBy: { id: 'asc' },
    });
    return groupByKeys(commitmentIds, rows, (row) => row.commitmentId).map((group) =>
      group.map((row) => fromRow(CommitmentAmount, { ...row, value: row.value.toFixed(2) })),
    );
  }
}
