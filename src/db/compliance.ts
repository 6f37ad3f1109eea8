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
// - Per party (the COUNTRY grouping only): where a party has its own assessment (party_assessment, its latest
//   one assessed by the end of the day and recorded by asKnownOn), that party's score for the commitment is
//   the assessment's score, or, when it gave none, its status scored by the rules above; the other parties
//   keep the joint score. The overall row and the other groupings keep the joint score: a commitment is one
//   promise, and its joint status is what the partnership reports.
import { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from './prisma';
import { labelledRollup, type RollupRow, type SplitRollup, splitRollup } from './rollup';

export const COMPLIANCE_RULES =
  'Scoring after the G7/G20 Research Group method, per commitment and party (every party to the partnership gets the same score, ' +
  'as the status is recorded jointly): +1 COMPLETED; 0 PARTIALLY_COMPLETED, IN_PROGRESS, SUPERSEDED (replaced by a later commitment, ' +
  'which carries the follow-through), and ANNOUNCED up to and including its deadline day (or without a deadline); -1 STALLED, ABANDONED, ' +
  'and ANNOUNCED after its deadline (never started, overdue). By country, a party\'s own assessment (assessParty), where it has one by then, ' +
  'gives that party\'s score instead: its score, or its status scored by the same rules.';

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
const GROUPS: Record<Exclude<ComplianceGrouping, 'COUNTRY'>, Prisma.Sql> = {
  PARTNERSHIP: Prisma.sql`SELECT p.slug::text, p.name::text, p.id FROM partnership p WHERE p.id = s.partnership_id`,
  PILLAR: Prisma.sql`SELECT p.slug::text, p.name::text, p.id FROM pillar p WHERE p.id = s.pillar_id`,
};

// DISTINCT: a commitment is scored once in a row, however it is joined.
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
  /** Only party assessments recorded by this moment count (as only history recorded by then counts in `from`). */
  asKnownOn?: Date | null;
}

function scored({ from, where, date }: ScoredCommitments): Prisma.Sql {
  return Prisma.sql`SELECT c.id, c.partnership_id, c.pillar_id, c.deadline,
      ${complianceScoreSql(Prisma.sql`c.status`, Prisma.sql`c.deadline`, Prisma.sql`${date}::date`)} AS score
    FROM ${from ?? Prisma.sql`commitment`} c WHERE ${where}`;
}

/** The overall score of the commitments: one row. */
export async function scoreCommitments(prisma: PrismaClient, commitments: ScoredCommitments): Promise<ComplianceCountsRow | undefined> {
  const [row] = await prisma.$queryRaw<ComplianceCountsRow[]>(Prisma.sql`WITH s AS (${scored(commitments)}) SELECT ${SCORE_COLUMNS} FROM s`);
  return row;
}

/**
 * The score party `country` gives the scored commitment `s`: its latest own assessment by the end of the day
 * (recorded by asKnownOn), scored; NULL when it has none, and the joint score counts.
 */
function partyScore(country: Prisma.Sql, { date, asKnownOn }: ScoredCommitments): Prisma.Sql {
  const known = asKnownOn ? Prisma.sql`AND pa.assessed_at <= ${asKnownOn}::timestamptz` : Prisma.empty;
  return Prisma.sql`(SELECT coalesce(pa.score, ${complianceScoreSql(Prisma.sql`pa.status`, Prisma.sql`s.deadline`, Prisma.sql`${date}::date`)})
    FROM party_assessment pa
    WHERE pa.commitment_id = s.id AND pa.country_code = ${country}
      AND pa.assessed_at < ((${date}::date + 1)::timestamp AT TIME ZONE 'UTC') ${known}
    ORDER BY pa.assessed_at DESC, pa.id DESC LIMIT 1)`;
}

/**
 * By country: the overall row scores each commitment once, jointly; each party's row scores the commitments
 * of its partnerships with its own assessments where it has them (partyScore), the joint score elsewhere.
 */
function scoreByCountry(commitments: ScoredCommitments): Prisma.Sql {
  return Prisma.sql`
    WITH scored AS (${scored(commitments)})
    SELECT TRUE AS overall, NULL::text AS key, NULL::text AS label, NULL::int AS "nodeId", ${SCORE_COLUMNS} FROM scored s
    UNION ALL
    SELECT FALSE, co.code::text, co.name::text, NULL::int, ${SCORE_COLUMNS}
    FROM (
      SELECT s.id, pp.country_code, coalesce(${partyScore(Prisma.sql`pp.country_code`, commitments)}, s.score) AS score
      FROM scored s JOIN partnership_party pp ON pp.partnership_id = s.partnership_id
    ) s JOIN country co ON co.code = s.country_code
    GROUP BY co.code, co.name
    ORDER BY overall DESC, key`;
}

/** The overall score and each group's, in one statement (labelledRollup), groups by key. */
export async function scoreCommitmentsByGroup(prisma: PrismaClient, commitments: ScoredCommitments, grouping: ComplianceGrouping): Promise<SplitRollup<ComplianceCountsRow>> {
  if (grouping === 'COUNTRY') return splitRollup(await prisma.$queryRaw<RollupRow<ComplianceCountsRow>[]>(scoreByCountry(commitments)));
  const rows = await prisma.$queryRaw<RollupRow<ComplianceCountsRow>[]>(Prisma.sql`
    WITH scored AS (${scored(commitments)})
    ${labelledRollup({ source: Prisma.sql`scored s`, groups: GROUPS[grouping], columns: SCORE_COLUMNS, orderBy: Prisma.sql`g.key` })}`);
  return splitRollup(rows);
}
