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
