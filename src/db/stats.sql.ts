// The statistics' statements: status counts of the commitments a filter selects, overall or by group,
// counted by PostgreSQL (GROUP BY with FILTER clauses) so that no commitment row is loaded into Node.
import type { PrismaClient } from './prisma';
import { Prisma } from '../generated/prisma/client';
import { COMMITMENT_COUNTRIES } from './commitment-filter';
import { labelledRollup, type RollupRow, type SplitRollup, splitRollup } from './rollup';
import { COUNT_COLUMNS, countColumns, STORED_COUNT_COLUMNS, type StatusCountsRow, storedTargetsMet } from './status-counts';

export type StatsGrouping = 'PARTNERSHIP' | 'PILLAR' | 'COUNTRY' | 'ACTOR' | 'TAG' | 'STATUS';

/**
 * The commitments to count: `where` is the filter compiler's condition on `c`; `from` the commitment table
 * as it stood on a past day (the as-of reads' relation), or null for the table as it is.
 */
export interface CountedCommitments {
  where: Prisma.Sql;
  from: Prisma.Sql | null;
  /** With `from` as of a day (LocalDate): targets count as met by the readings observed by then. */
  date?: string;
}

/**
 * For each grouping: a subquery over `c` giving the commitment's groups as (key, label, node id). COUNTRY
 * reads the countries a commitment involves as the `country` filter does.
 */
function groupsOf(grouping: StatsGrouping): Prisma.Sql {
  switch (grouping) {
    case 'PARTNERSHIP':
      return Prisma.sql`SELECT p.slug::text, p.name::text, p.id FROM partnership p WHERE p.id = c.partnership_id`;
    case 'PILLAR':
      return Prisma.sql`SELECT p.slug::text, p.name::text, p.id FROM pillar p WHERE p.id = c.pillar_id`;
    case 'COUNTRY':
      return Prisma.sql`SELECT co.code::text, co.name::text, NULL::int FROM country co WHERE co.code IN ${COMMITMENT_COUNTRIES}`;
    case 'ACTOR':
      return Prisma.sql`SELECT a.slug::text, a.name::text, a.id FROM commitment_actor ca JOIN actor a ON a.id = ca.actor_id WHERE ca.commitment_id = c.id`;
    case 'TAG':
      return Prisma.sql`SELECT DISTINCT t.tag::text, t.tag::text, NULL::int FROM unnest(c.tags) AS t(tag)`;
    case 'STATUS':
      return Prisma.sql`SELECT c.status::text, c.status::text, NULL::int`;
  }
}

const source = ({ from }: CountedCommitments) => Prisma.sql`${from ?? Prisma.sql`commitment`} c`;

/** The counts of all the selected commitments. */
export async function countCommitments(prisma: PrismaClient, commitments: CountedCommitments): Promise<StatusCountsRow | undefined> {
  const [row] = await prisma.$queryRaw<StatusCountsRow[]>(countCommitmentsSql(commitments));
  return row;
}

/** countCommitments' statement: one row, whatever is selected (also for the compiled path, execution/stats-sql.ts). */
export function countCommitmentsSql(commitments: CountedCommitments): Prisma.Sql {
  return Prisma.sql`SELECT ${countColumns(commitments.date)} FROM ${source(commitments)} WHERE ${commitments.where}`;
}

/** The counts overall and per group, largest group first (then by key); groups with no key are left out. */
export async function countCommitmentsByGroup(
  prisma: PrismaClient,
  grouping: StatsGrouping,
  commitments: CountedCommitments,
): Promise<SplitRollup<StatusCountsRow>> {
  const rows = await prisma.$queryRaw<RollupRow<StatusCountsRow>[]>(countCommitmentsByGroupSql(grouping, commitments));
  return splitRollup(rows);
}

/** countCommitmentsByGroup's statement: the overall row first, then the groups, largest first (then by key). */
export function countCommitmentsByGroupSql(grouping: StatsGrouping, commitments: CountedCommitments): Prisma.Sql {
  return labelledRollup({
    source: source(commitments),
    groups: groupsOf(grouping),
    columns: countColumns(commitments.date),
    where: commitments.where,
    orderBy: Prisma.sql`total DESC, g.key`,
  });
}

/**
 * Status counts of the commitments of each partnership or pillar, in one statement for all of them: from
 * commitment_status_count when `where` is null (unfiltered), else counted through the (partnership_id,
 * status) and (pillar_id, status) indexes.
 */
export async function countCommitmentsOfParents(
  prisma: PrismaClient,
  scope: 'partnership' | 'pillar',
  parentIds: readonly number[],
  where: Prisma.Sql | null,
): Promise<(StatusCountsRow & { parentId: number })[]> {
  const column = scope === 'partnership' ? 'partnership_id' : 'pillar_id';
  const parentColumn = Prisma.raw(`c.${column}`);
  return prisma.$queryRaw<(StatusCountsRow & { parentId: number })[]>(
    where === null
      ? // The trigger-kept current counts, ~1 ms instead of a count over every commitment.
        Prisma.sql`
          SELECT ${parentColumn} AS "parentId", ${STORED_COUNT_COLUMNS}, ${storedTargetsMet(column, parentColumn)} FROM commitment_status_count c
          WHERE ${parentColumn} = ANY(${[...parentIds]}::int[])
          GROUP BY 1`
      : Prisma.sql`
          SELECT ${parentColumn} AS "parentId", ${COUNT_COLUMNS} FROM commitment c
          WHERE ${parentColumn} = ANY(${[...parentIds]}::int[]) AND ${where}
          GROUP BY 1`,
  );
}
