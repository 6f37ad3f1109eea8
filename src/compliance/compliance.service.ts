// Compliance scores, computed by PostgreSQL: each selected commitment is scored as of the day (its status
// then, its deadline against that day) and the scores are rolled up with GROUPING SETS, so the overall score
// and the groups' come from one statement and no commitment row is loaded into Node.
import { compileCommitmentFilter, type CommitmentFilterQuery } from '../db/commitment-filter';
import { toLocalDate } from '../common/dates';
import type { PrismaClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import { commitmentsAsOf } from '../db/as-of';
import { complianceAverageSql, complianceScoreSql } from '../db/compliance';
import { ComplianceGroupBy, type ComplianceReportRow, type ComplianceScoreRow } from './compliance.model';

/** For each grouping: a subquery over the scored commitment `s` giving its groups as (key, label, node id). */
const GROUPS: Record<Exclude<ComplianceGroupBy, 'NONE'>, { groups: Prisma.Sql; nodeType?: 'Partnership' | 'Pillar' }> = {
  PARTNERSHIP: { groups: Prisma.sql`SELECT p.slug::text, p.name::text, p.id FROM partnership p WHERE p.id = s.partnership_id`, nodeType: 'Partnership' },
  PILLAR: { groups: Prisma.sql`SELECT p.slug::text, p.name::text, p.id FROM pillar p WHERE p.id = s.pillar_id`, nodeType: 'Pillar' },
  COUNTRY: {
    groups: Prisma.sql`SELECT co.code::text, co.name::text, NULL::int FROM partnership_party pp JOIN country co ON co.code = pp.country_code
      WHERE pp.partnership_id = s.partnership_id`,
  },
};

// DISTINCT: under COUNTRY a commitment is joined to each of its parties, and the overall row must still
// score it once.
const count = (condition: string) => Prisma.raw(`count(DISTINCT s.id) FILTER (WHERE ${condition})`);
const COMPLIANT = count('s.score = 1');
const NON_COMPLIANT = count('s.score = -1');
const TOTAL = Prisma.raw('count(DISTINCT s.id)');
const ROLLUP = complianceAverageSql(COMPLIANT, NON_COMPLIANT, TOTAL);
const SCORE_COLUMNS = Prisma.sql`${TOTAL}::int AS scored, ${COMPLIANT}::int AS compliant, ${count('s.score = 0')}::int AS neutral,
  ${NON_COMPLIANT}::int AS "nonCompliant", ${ROLLUP.average} AS "averageScore", ${ROLLUP.percentage} AS "percentage"`;

const toScore = (row: ComplianceScoreRow | undefined): ComplianceScoreRow => ({
  scored: row?.scored ?? 0,
  compliant: row?.compliant ?? 0,
  neutral: row?.neutral ?? 0,
  nonCompliant: row?.nonCompliant ?? 0,
  averageScore: row?.averageScore ?? null,
  percentage: row?.percentage ?? null,
});

export class ComplianceService {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Scores as of `asOf` (today, in UTC, by default) with what had been recorded by `asKnownOn` (everything
   * by default). Today with everything recorded reads the commitments' current status; any other point reads
   * the history.
   */
  async report(
    filter: CommitmentFilterQuery | undefined,
    groupBy: ComplianceGroupBy,
    asOf: string | null | undefined,
    asKnownOn: Date | null | undefined,
  ): Promise<ComplianceReportRow> {
    const date = asOf ?? toLocalDate(new Date());
    const source = asOf != null || asKnownOn ? commitmentsAsOf({ date, asKnownOn }) : Prisma.sql`commitment`;
    const scored = Prisma.sql`SELECT c.id, c.partnership_id, c.pillar_id,
        ${complianceScoreSql(Prisma.sql`c.status`, Prisma.sql`c.deadline`, Prisma.sql`${date}::date`)} AS score
      FROM ${source} c WHERE ${compileCommitmentFilter(filter, date)}`;
    if (groupBy === ComplianceGroupBy.NONE) {
      const [row] = await this.prisma.$queryRaw<ComplianceScoreRow[]>(Prisma.sql`WITH s AS (${scored}) SELECT ${SCORE_COLUMNS} FROM s`);
      const overall = toScore(row);
      return { asOf: date, groupBy, overall, groups: [{ key: 'all', label: 'All commitments', node: null, score: overall }] };
    }
    const { groups, nodeType } = GROUPS[groupBy];
    const rows = await this.prisma.$queryRaw<(ComplianceScoreRow & { overall: boolean; key: string | null; label: string | null; nodeId: number | null })[]>(Prisma.sql`
      WITH scored AS (${scored})
      SELECT GROUPING(g.key) = 1 AS overall, g.key, g.label, g."nodeId", ${SCORE_COLUMNS}
      FROM scored s LEFT JOIN LATERAL (${groups}) AS g(key, label, "nodeId") ON TRUE
      GROUP BY GROUPING SETS ((g.key, g.label, g."nodeId"), ())
      ORDER BY overall DESC, g.key`);
    const overallRow = rows.find((row) => row.overall);
    return {
      asOf: date,
      groupBy,
      overall: toScore(overallRow),
      groups: rows
        .filter((row) => !row.overall && row.key !== null)
        .map((row) => ({
          key: row.key!,
          label: row.label!,
          node: nodeType && row.nodeId !== null ? { type: nodeType, id: row.nodeId } : null,
          score: toScore(row),
        })),
    };
  }
}
