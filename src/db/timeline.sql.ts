// The status timeline's statements (the arithmetic is explained in timeline/timeline.service.ts): deltas per
// group and period, from the monthly delta tables the triggers keep (the fast path) or from the status
// history (the general path), then a running sum over the periods and a rollup over the groups.
import { Prisma } from '../generated/prisma/client';
import type { CommitmentStatus } from '../common/enums';
import type { PrismaClient } from './prisma';
import { type AsOf, latestChangeAsOf } from './as-of';
import { complianceAverageSql, type ComplianceCountsRow, complianceScoreSql } from './compliance';
import { groupedRollup } from './rollup';
import { STATUS_COUNT_FIELDS, type StatusCountField } from './status-counts';

export type TimelineGrouping = 'NONE' | 'PARTNERSHIP' | 'PILLAR';

/** The compliance rollup of a timeline point; its `scored` is the point's total. */
export type TimelineComplianceRow = Omit<ComplianceCountsRow, 'scored'>;

export type TimelinePointRow = Record<StatusCountField | 'total' | 'overdueAnnounced', number> &
  TimelineComplianceRow & {
    overall: boolean;
    /** The group's key: a partnership's or pillar's id, 0 for NONE; null on the overall rows. */
    key: number | null;
    /** The period's 0-based index. */
    i: number;
    slug: string | null;
    name: string | null;
  };

/** Which deltas to sum: from the monthly tables (with the pillars' partnership joined when needed), or from the history. */
export type TimelineDeltas =
  | { path: 'fast'; byPillar: boolean; byPartnership: boolean }
  | { path: 'general'; asKnownOn: Date | null | undefined };

export interface TimelineQuery {
  /** The filter compiler's condition on `c`. */
  where: Prisma.Sql;
  groupBy: TimelineGrouping;
  deltas: TimelineDeltas;
  periods: number;
  /** The most periods a timeline may have: the grid is cut from a series this long, see runningSums. */
  maxPeriods: number;
  /** The last day of the last period (LocalDate). */
  lastEnd: string;
  /** The first days of the 2nd..last periods: width_bucket(day, thresholds) is a day's 0-based period. */
  thresholds: string[];
}

const STATUSES = Object.entries(STATUS_COUNT_FIELDS) as [CommitmentStatus, StatusCountField][];
const column = (name: string) => Prisma.raw(`"${name}"`);
const OVERDUE = column('overdueAnnounced');

/** The key each grouping gives a commitment (or a row of a delta table, on the fast path): columns of the alias `c`. */
const GROUP_KEYS: Record<TimelineGrouping, Prisma.Sql> = {
  NONE: Prisma.sql`0`,
  PARTNERSHIP: Prisma.sql`c.partnership_id`,
  PILLAR: Prisma.sql`c.pillar_id`,
};

/** The group's slug and name for a point row `pt`. */
const GROUP_LABELS: Record<TimelineGrouping, Prisma.Sql> = {
  NONE: Prisma.sql`SELECT 'all'::text AS slug, 'All commitments'::text AS name`,
  PARTNERSHIP: Prisma.sql`SELECT p.slug::text, p.name::text FROM partnership p WHERE p.id = pt.key`,
  PILLAR: Prisma.sql`SELECT p.slug::text, p.name::text FROM pillar p WHERE p.id = pt.key`,
};

/** The column of status_delta_monthly_partnership holding a field's deltas (inProgress: in_progress). */
const PARTNERSHIP_DELTA_COLUMNS = [...STATUSES.map(([, field]) => field), 'overdueAnnounced'].map((field) => ({
  field,
  column: column(field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)),
}));

/** The timeline's points: per group and period, and overall per period; ordered overall first, then by group slug and period. */
export function readTimelinePoints(prisma: PrismaClient, query: TimelineQuery): Promise<TimelinePointRow[]> {
  return prisma.$queryRaw<TimelinePointRow[]>(timelinePointsSql(query));
}

/** The statement of readTimelinePoints, for the compiled path to build its JSON around (execution/timeline-sql.ts). */
export function timelinePointsSql(query: TimelineQuery): Prisma.Sql {
  const deltas = query.deltas.path === 'fast' ? fastDeltas(query, query.deltas) : generalDeltas(query, query.deltas.asKnownOn);
  return runningSums(deltas, query);
}

/**
 * Deltas per group and period, read from a table the triggers keep (as `c`, for the filter and the group
 * key). The filter compiler's condition reads c.partnership_id, c.pillar_id and c.archived_at: a row stands
 * for commitments none of which is archived (the triggers leave archived ones out).
 */
function fastDeltas({ where, groupBy, lastEnd, thresholds }: TimelineQuery, { byPillar, byPartnership }: { byPillar: boolean; byPartnership: boolean }): Prisma.Sql {
  const period = Prisma.sql`width_bucket(c.month, ${thresholds}::date[])`;
  if (!byPillar) {
    // A row per partnership and month, a column per status: 24 times fewer rows than per pillar and status at
    // the 1M-commitment benchmark (13,700 against 328,000).
    const sums = PARTNERSHIP_DELTA_COLUMNS.map(({ field, column: deltas }) => Prisma.sql`sum(c.${deltas}) AS ${column(field)}`);
    return Prisma.sql`
      SELECT ${GROUP_KEYS[groupBy]} AS key, ${period} AS i, ${Prisma.join(sums)}
      FROM (SELECT t.*, NULL::timestamptz AS archived_at FROM status_delta_monthly_partnership t) c
      WHERE c.month <= ${lastEnd}::date AND ${where}
      GROUP BY 1, 2`;
  }
  // A row per pillar, month and status; the pillar's partnership (its commitments', as the API keeps them) only
  // when the filter or the grouping needs it.
  const rows = byPartnership
    ? Prisma.sql`SELECT t.*, p.partnership_id, NULL::timestamptz AS archived_at FROM status_delta_monthly t JOIN pillar p ON p.id = t.pillar_id`
    : Prisma.sql`SELECT t.*, NULL::timestamptz AS archived_at FROM status_delta_monthly t`;
  const sums = STATUSES.map(([status, field]) => Prisma.sql`sum(c.delta) FILTER (WHERE c.status = ${status}::commitment_status) AS ${column(field)}`);
  return Prisma.sql`
    SELECT ${GROUP_KEYS[groupBy]} AS key, ${period} AS i, ${Prisma.join(sums)}, sum(c.overdue_delta) AS ${OVERDUE}
    FROM (${rows}) c
    WHERE c.month <= ${lastEnd}::date AND ${where}
    GROUP BY 1, 2`;
}

/** Deltas per group and period, from the history of the selected commitments, in one pass. */
function generalDeltas({ where, groupBy, lastEnd, thresholds }: TimelineQuery, asKnownOn: Date | null | undefined): Prisma.Sql {
  // The status a change left. With the whole history that is its from_status. With only what was recorded
  // by asKnownOn it is the status of the latest earlier change that counts (recording time is the
  // transaction's start, so a change that waited for a lock may be stamped before the one it follows):
  // LEAD in the (commitment_id, effective_on DESC, id DESC) order of the history's index.
  const previous = asKnownOn
    ? Prisma.sql`lead(sc.to_status) OVER (PARTITION BY sc.commitment_id ORDER BY sc.effective_on DESC, sc.id DESC)`
    : Prisma.sql`sc.from_status`;
  const known = asKnownOn ? Prisma.sql`AND sc.recorded_at <= ${asKnownOn}::timestamptz` : Prisma.empty;
  // A back-dated correction's status ends on holds_until, where the recorded history resumes: with from_status,
  // that is a move back (see the backdated_corrections migration); LEAD reads the history by date, and needs none.
  const resumed = asKnownOn
    ? Prisma.empty
    : Prisma.sql`
      UNION ALL
      SELECT s.key, s.deadline, sc.holds_until, sc.from_status, sc.to_status
      FROM selected s JOIN status_change sc ON sc.commitment_id = s.id
      WHERE sc.holds_until <= ${lastEnd}::date`;
  const delta = (status: CommitmentStatus) =>
    Prisma.sql`e.n * ((e.to_status = ${status}::commitment_status)::int - coalesce((e.from_status = ${status}::commitment_status)::int, 0))`;
  const sums = STATUSES.map(([status, field]) => Prisma.sql`sum(${delta(status)}) FILTER (WHERE NOT e.overdue) AS ${column(field)}`);
  // While ANNOUNCED, a commitment is overdue from the day after its deadline: a change entering or leaving
  // ANNOUNCED also starts or ends an overdue stretch, on greatest(its effective date, deadline + 1).
  const overdueOn = Prisma.sql`greatest(ch.effective_on, ch.deadline + 1)`;
  // The changes are first counted by what they do and in which period (a few thousand groups however long
  // the history), then each group is turned into its deltas.
  return Prisma.sql`
    WITH selected AS (
      SELECT c.id, ${GROUP_KEYS[groupBy]} AS key, c.deadline FROM commitment c WHERE ${where}
    ), changes AS (
      SELECT s.key, s.deadline, sc.effective_on, sc.to_status, ${previous} AS from_status
      FROM selected s JOIN status_change sc ON sc.commitment_id = s.id
      WHERE sc.effective_on <= ${lastEnd}::date ${known} ${resumed}
    ), grouped AS (
      SELECT ch.key, ch.to_status, ch.from_status, width_bucket(ch.effective_on, ${thresholds}::date[]) AS i,
        CASE WHEN ch.deadline IS NOT NULL AND 'ANNOUNCED'::commitment_status IN (ch.to_status, ch.from_status) AND ${overdueOn} <= ${lastEnd}::date
          THEN width_bucket(${overdueOn}, ${thresholds}::date[]) END AS overdue_i,
        count(*)::int AS n
      FROM changes ch
      GROUP BY 1, 2, 3, 4, 5
    )
    SELECT e.key, e.i, ${Prisma.join(sums)}, sum(${delta('ANNOUNCED')}) FILTER (WHERE e.overdue) AS ${OVERDUE}
    FROM (
      SELECT g.key, g.i, g.to_status, g.from_status, g.n, false AS overdue FROM grouped g
      UNION ALL
      SELECT g.key, g.overdue_i, g.to_status, g.from_status, g.n, true FROM grouped g WHERE g.overdue_i IS NOT NULL
    ) e
    GROUP BY 1, 2`;
}

/**
 * From deltas per (key, period) to counts per (key, period) and overall per period: every key gets every
 * period (a period without deltas keeps the previous counts), a running sum over the periods, then a sum
 * over the keys (a grouped rollup within each period), with the compliance rollup of each point.
 */
function runningSums(deltas: Prisma.Sql, { groupBy, periods, maxPeriods }: TimelineQuery): Prisma.Sql {
  const fields = [...STATUSES.map(([, field]) => field), 'overdueAnnounced'];
  // Counts fit in int: summed as int (into bigint), not as the numeric that a sum of bigints gives, which
  // costs several times more per row when every partnership or pillar has a series.
  const running = fields.map((field) => Prisma.sql`(sum(coalesce(d.${column(field)}, 0)) OVER w)::int AS ${column(field)}`);
  const summed = fields.map((field) => Prisma.sql`sum(r.${column(field)})::int AS ${column(field)}`);
  const total = Prisma.raw(STATUSES.map(([, field]) => `sum(r."${field}")`).join(' + '));
  const compliant = Prisma.sql`sum(r."completed")`;
  const nonCompliant = Prisma.sql`sum(r."stalled" + r."abandoned" + r."overdueAnnounced")`;
  const rollup = complianceAverageSql(compliant, nonCompliant, total);
  const points = groupedRollup({
    keys: [Prisma.sql`r.key`],
    within: [Prisma.sql`r.i`],
    columns: Prisma.sql`${Prisma.join(summed)}, (${total})::int AS total,
        ${compliant}::int AS compliant, (${total} - ${compliant} - ${nonCompliant})::int AS neutral,
        ${nonCompliant}::int AS "nonCompliant", ${rollup.average} AS "averageScore", ${rollup.percentage} AS "percentage"`,
    from: Prisma.sql`running r`,
  });
  // The grid's periods are a constant series cut to the request's: the same estimate for every request, so
  // PostgreSQL settles on one generic plan for the prepared statement instead of planning each execution
  // anew (a series ending at a parameter looks 40 times longer to the generic plan than to a custom one).
  return Prisma.sql`
    WITH deltas AS (${deltas}),
    grid AS (
      SELECT k.key, b.i FROM (SELECT DISTINCT key FROM deltas) k CROSS JOIN generate_series(0, ${Prisma.raw(String(maxPeriods - 1))}) AS b(i) WHERE b.i < ${periods}::int
    ),
    running AS (
      SELECT g.key, g.i, ${Prisma.join(running)}
      FROM grid g LEFT JOIN deltas d ON d.key = g.key AND d.i = g.i
      WINDOW w AS (PARTITION BY g.key ORDER BY g.i)
    ),
    points AS (${points})
    SELECT pt.*, l.slug, l.name
    FROM points pt LEFT JOIN LATERAL (${GROUP_LABELS[groupBy]}) l ON NOT pt.overall
    ORDER BY pt.overall DESC, l.slug, pt.i`;
}

/** Each commitment's status and compliance score as of a day, for those announced by then; one statement for all. */
export function readStatusesAsOf(
  prisma: PrismaClient,
  commitmentIds: readonly number[],
  asOf: AsOf,
): Promise<{ id: number; status: CommitmentStatus; score: number }[]> {
  return prisma.$queryRaw<{ id: number; status: CommitmentStatus; score: number }[]>(Prisma.sql`
    SELECT c.id, h.to_status AS status,
      ${complianceScoreSql(Prisma.sql`h.to_status`, Prisma.sql`c.deadline`, Prisma.sql`${asOf.date}::date`)} AS score
    FROM commitment c
    CROSS JOIN LATERAL (${latestChangeAsOf(Prisma.sql`c.id`, asOf)}) h
    WHERE c.id = ANY(${[...commitmentIds]}::int[]) AND c.announced_on <= ${asOf.date}::date`);
}
