// The compliance score, after the G7/G20 Research Group's method: each commitment is scored for each party
// to its partnership, +1 (full compliance), 0 (partial compliance or work in progress) or -1 (no compliance),
// and scores are averaged (-1 to +1) and shown as a percentage ((average + 1) / 2 * 100).
//
// Decisions, repeated in the GraphQL descriptions (COMPLIANCE_RULES) because clients must read them there:
// - A commitment's status is recorded jointly for the partnership, so every party receives the same score for
//   it. Averages per partnership or pillar are therefore averages over commitments; per country, over the
//   commitments of the partnerships the country is a party to.
// - SUPERSEDED scores 0: the promise was replaced by a later commitment, whose own record carries the
//   follow-through; penalising the original would count one failure twice, crediting it would count a
//   success that has not happened.
// - IN_PROGRESS and PARTIALLY_COMPLETED score 0 even past the deadline: the research group's "partial
//   compliance". Only a commitment never started (still ANNOUNCED) after its deadline scores -1, as do
//   STALLED and ABANDONED ones.
// - A deadline day itself is not overdue (as in the `overdue` filter): ANNOUNCED scores -1 from the day after.
import { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from './prisma';
import { labelledRollup, type RollupRow, type SplitRollup, splitRollup } from './rollup';

export const COMPLIANCE_RULES =
  'Scoring after the G7/G20 Research Group method, per commitment and party (every party to the partnership gets the same score, ' +
  'as the status is recorded jointly): +1 COMPLETED; 0 PARTIALLY_COMPLETED, IN_PROGRESS, SUPERSEDED (replaced by a later commitment, ' +
  'which carries the follow-through), and ANNOUNCED up to and including its deadline day (or without a deadline); -1 STALLED, ABANDONED, ' +
  'and ANNOUNCED after its deadline (never started, overdue).';

/** The score (-1, 0 or +1) of a commitment in status `status` with deadline `deadline`, on the day `date`. */
export function complianceScoreSql(status: Prisma.Sql, deadline: Prisma.Sql, date: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(CASE
    WHEN ${status} = 'COMPLETED' THEN 1
    WHEN ${status} IN ('STALLED', 'ABANDONED') THEN -1
    WHEN ${status} = 'ANNOUNCED' AND ${deadline} < ${date} THEN -1
    ELSE 0 END)`;
}

/**
 * The rollup of scores from their counts: the average, and the percentage (average + 1) / 2 * 100; NULL
 * when nothing was scored. Every score is -1, 0 or +1, so the sum is compliant - nonCompliant.
 */
export function complianceAverageSql(compliant: Prisma.Sql, nonCompliant: Prisma.Sql, total: Prisma.Sql): { average: Prisma.Sql; percentage: Prisma.Sql } {
  const average = Prisma.sql`((${compliant}) - (${nonCompliant}))::float8 / NULLIF(${total}, 0)`;
  return { average, percentage: Prisma.sql`((${average}) + 1) / 2 * 100` };
}

/** Scores rolled up over commitments: what a compliance report's overall row and each group hold. */
export interface ComplianceCountsRow {
  scored: number;
  compliant: number;
  neutral: number;
  nonCompliant: number;
  averageScore: number | null;
  percentage: number | null;
}

export type ComplianceGrouping = 'PARTNERSHIP' | 'PILLAR' | 'COUNTRY';

/** For each grouping: a subquery over the scored commitment `s` giving its groups as (key, label, node id). */
const GROUPS: Record<ComplianceGrouping, Prisma.Sql> = {
  PARTNERSHIP: Prisma.sql`SELECT p.slug::text, p.name::text, p.id FROM partnership p WHERE p.id = s.partnership_id`,
  PILLAR: Prisma.sql`SELECT p.slug::text, p.name::text, p.id FROM pillar p WHERE p.id = s.pillar_id`,
  COUNTRY: Prisma.sql`SELECT co.code::text, co.name::text, NULL::int FROM partnership_party pp JOIN country co ON co.code = pp.country_code
      WHERE pp.partnership_id = s.partnership_id`,
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

/**
 * The commitments to score: `from` is the table as it stood on a day (as-of.ts), or null for the commitment
 * table as it is; `where` the filter compiler's condition on it as `c`; `date` the day deadlines are judged against.
 */
export interface ScoredCommitments {
  from: Prisma.Sql | null;
  where: Prisma.Sql;
  /** LocalDate. */
  date: string;
}

function scored({ from, where, date }: ScoredCommitments): Prisma.Sql {
  return Prisma.sql`SELECT c.id, c.partnership_id, c.pillar_id,
      ${complianceScoreSql(Prisma.sql`c.status`, Prisma.sql`c.deadline`, Prisma.sql`${date}::date`)} AS score
    FROM ${from ?? Prisma.sql`commitment`} c WHERE ${where}`;
}

/** The overall score of the commitments: one row. */
export async function scoreCommitments(prisma: PrismaClient, commitments: ScoredCommitments): Promise<ComplianceCountsRow | undefined> {
  const [row] = await prisma.$queryRaw<ComplianceCountsRow[]>(Prisma.sql`WITH s AS (${scored(commitments)}) SELECT ${SCORE_COLUMNS} FROM s`);
  return row;
}

/** The overall score and each group's, in one statement (labelledRollup), groups by key. */
export async function scoreCommitmentsByGroup(prisma: PrismaClient, commitments: ScoredCommitments, grouping: ComplianceGrouping): Promise<SplitRollup<ComplianceCountsRow>> {
  const rows = await prisma.$queryRaw<RollupRow<ComplianceCountsRow>[]>(Prisma.sql`
    WITH scored AS (${scored(commitments)})
    ${labelledRollup({ source: Prisma.sql`scored s`, groups: GROUPS[grouping], columns: SCORE_COLUMNS, orderBy: Prisma.sql`g.key` })}`);
  return splitRollup(rows);
}
