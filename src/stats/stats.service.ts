// Follow-through statistics, counted by PostgreSQL (GROUP BY with FILTER clauses): no commitment row is
// loaded into Node, however many there are. Every count honours the same filter compiler as the lists.
import { COMMITMENT_COUNTRIES, compileCommitmentFilter, type CommitmentFilterQuery, filterUsesOnly } from '../db/commitment-filter';
import type { PrismaClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import { toGlobalId } from '../relay/global-id';
import { commitmentsAsOf } from '../db/as-of';
import { CommitmentGroupBy, CommitmentStats, CommitmentStatsGroup, STATUS_COUNT_FIELDS, StatusCounts } from './stats.type';

type CountsRow = Omit<StatusCounts, 'completionRate' | 'followThroughRate'>;

// DISTINCT: under the COUNTRY, ACTOR and TAG groupings a commitment is joined to several groups, and the
// overall row (the empty grouping set) must still count it once.
export const COUNT_COLUMNS = Prisma.raw(
  [
    ...Object.entries(STATUS_COUNT_FIELDS).map(([status, field]) => `count(DISTINCT c.id) FILTER (WHERE c.status = '${status}')::int AS "${field}"`),
    'count(DISTINCT c.id)::int AS total',
  ].join(', '),
);

/** For each grouping: a subquery over `c` giving the commitment's groups as (key, label, node id). */
const GROUPS: Record<Exclude<CommitmentGroupBy, 'NONE'>, { groups: Prisma.Sql; nodeType?: string }> = {
  PARTNERSHIP: { groups: Prisma.sql`SELECT p.slug::text, p.name::text, p.id FROM partnership p WHERE p.id = c.partnership_id`, nodeType: 'Partnership' },
  PILLAR: { groups: Prisma.sql`SELECT p.slug::text, p.name::text, p.id FROM pillar p WHERE p.id = c.pillar_id`, nodeType: 'Pillar' },
  COUNTRY: { groups: Prisma.sql`SELECT co.code::text, co.name::text, NULL::int FROM country co WHERE co.code IN ${COMMITMENT_COUNTRIES}` },
  ACTOR: {
    groups: Prisma.sql`SELECT a.slug::text, a.name::text, a.id FROM commitment_actor ca JOIN actor a ON a.id = ca.actor_id WHERE ca.commitment_id = c.id`,
    nodeType: 'Actor',
  },
  TAG: { groups: Prisma.sql`SELECT DISTINCT t.tag::text, t.tag::text, NULL::int FROM unnest(c.tags) AS t(tag)` },
  STATUS: { groups: Prisma.sql`SELECT c.status::text, c.status::text, NULL::int` },
};

const COUNT_FIELDS = [...Object.values(STATUS_COUNT_FIELDS), 'total'] as const;

/** The same columns, summed over the rows of commitment_status_count (alias `c`). */
export const STORED_COUNT_COLUMNS = Prisma.raw(
  [
    ...Object.entries(STATUS_COUNT_FIELDS).map(([status, field]) => `coalesce(sum(c.count) FILTER (WHERE c.status = '${status}'), 0)::int AS "${field}"`),
    'coalesce(sum(c.count), 0)::int AS total',
  ].join(', '),
);

/** The counts of a row (zero for a parent without commitments, which has no row). */
const toCounts = (row: CountsRow | undefined) =>
  Object.assign(new StatusCounts(), Object.fromEntries(COUNT_FIELDS.map((field) => [field, row?.[field] ?? 0])));

/** "PARTIALLY_COMPLETED" → "Partially completed". */
const statusLabel = (status: string) => status.charAt(0) + status.slice(1).toLowerCase().replaceAll('_', ' ');

export class StatsService {
  constructor(private readonly prisma: PrismaClient) {}

  /** With `asOf` (a LocalDate), the commitments as they stood that day: statuses then, those announced later left out. */
  async commitmentStats(filter: CommitmentFilterQuery | undefined, groupBy: CommitmentGroupBy, asOf?: string | null): Promise<CommitmentStats> {
    const where = compileCommitmentFilter(filter, asOf ?? undefined);
    const commitments = asOf ? commitmentsAsOf({ date: asOf }) : Prisma.sql`commitment`;
    if (groupBy === CommitmentGroupBy.NONE) {
      const [row] = await this.prisma.$queryRaw<CountsRow[]>(Prisma.sql`SELECT ${COUNT_COLUMNS} FROM ${commitments} c WHERE ${where}`);
      const overall = toCounts(row);
      const all = Object.assign(new CommitmentStatsGroup(), { key: 'all', label: 'All commitments', nodeId: null, counts: overall });
      return { groupBy, overall, groups: [all] };
    }
    const { groups, nodeType } = GROUPS[groupBy];
    const rows = await this.prisma.$queryRaw<(CountsRow & { overall: boolean; key: string | null; label: string | null; nodeId: number | null })[]>(Prisma.sql`
      SELECT GROUPING(g.key) = 1 AS overall, g.key, g.label, g."nodeId", ${COUNT_COLUMNS}
      FROM ${commitments} c LEFT JOIN LATERAL (${groups}) AS g(key, label, "nodeId") ON TRUE
      WHERE ${where}
      GROUP BY GROUPING SETS ((g.key, g.label, g."nodeId"), ())
      ORDER BY overall DESC, total DESC, g.key`);
    const [overallRow, ...groupRows] = rows;
    return {
      groupBy,
      overall: toCounts(overallRow),
      // A NULL key is the commitments in no group of this grouping (no actor, no tag): counted in overall only.
      groups: groupRows
        .filter((row) => row.key !== null)
        .map((row) =>
          Object.assign(new CommitmentStatsGroup(), {
            key: row.key!,
            label: groupBy === CommitmentGroupBy.STATUS ? statusLabel(row.label!) : row.label!,
            nodeId: nodeType && row.nodeId !== null ? toGlobalId(nodeType, row.nodeId) : null,
            counts: toCounts(row),
          }),
        ),
    };
  }

  /**
   * Status counts of the commitments of each partnership or pillar, in one statement for all of them: from
   * commitment_status_count when unfiltered, else counted through the (partnership_id, status) and
   * (pillar_id, status) indexes.
   */
  async statusCountsOf(scope: 'partnership' | 'pillar', parentIds: readonly number[], filter: CommitmentFilterQuery | undefined): Promise<StatusCounts[]> {
    const parentColumn = Prisma.raw(scope === 'partnership' ? 'c.partnership_id' : 'c.pillar_id');
    const rows = await this.prisma.$queryRaw<(CountsRow & { parentId: number })[]>(
      filterUsesOnly(filter)
        ? // Unfiltered (the dashboard): the trigger-kept current counts, ~1 ms instead of a count over every commitment.
          Prisma.sql`
          SELECT ${parentColumn} AS "parentId", ${STORED_COUNT_COLUMNS} FROM commitment_status_count c
          WHERE ${parentColumn} = ANY(${[...parentIds]}::int[])
          GROUP BY 1`
        : Prisma.sql`
          SELECT ${parentColumn} AS "parentId", ${COUNT_COLUMNS} FROM commitment c
          WHERE ${parentColumn} = ANY(${[...parentIds]}::int[]) AND ${compileCommitmentFilter(filter)}
          GROUP BY 1`,
    );
    const byParent = new Map(rows.map((row) => [row.parentId, row]));
    return parentIds.map((id) => toCounts(byParent.get(id)));
  }
}
