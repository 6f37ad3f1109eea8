// Follow-through over time: statuses as of past dates and the status timeline.
//
// The timeline counts, for each period's last day D, the selected commitments in each status as of D. The
// naive way (for each period, find each commitment's latest change effective by D) reads the whole history
// once per period: at 1M commitments with 5M history rows and a few hundred periods, billions of rows.
// Instead every status change is read as a pair of deltas on its effective date, -1 for the status it left
// and +1 for the one it entered, and the count in a status as of D is the sum of the deltas effective on or
// before D: one pass, grouped by period, then a running sum over the periods. This is exact because the
// write path refuses a change dated before the commitment's current status took effect (see
// status-change.rules.ts), so per commitment the effective order is the recording order and each change
// leaves the status the previous one entered; a commitment not yet announced by D has no delta by D.
//
// Two ways to the deltas, with the same arithmetic and the same final running sum:
// - the fast path reads tables that triggers keep as the deltas summed by month (see the migrations), whatever
//   the size of the history. It serves what those rows can answer: no filter but partnerships and pillars,
//   periods made of whole months (MONTH, QUARTER, YEAR), no asKnownOn, archived commitments left out. Two
//   tables, two granularities: status_delta_monthly_partnership (a row per partnership and month, a column
//   per status: ~100 rows a month at 100 partnerships) when the filter names no pillar and the grouping is
//   NONE or PARTNERSHIP, the common dashboard case; status_delta_monthly (a row per pillar, month and
//   status: up to 4,200 rows a month at 600 pillars) for pillar filters and the PILLAR grouping;
// - the general path (WEEK, any other filter, asKnownOn, archived commitments included) computes the deltas
//   from the status_change rows of the selected commitments, in one pass grouped by period.
//
// "Announced, never started and past the deadline", which the compliance score needs, is counted with the
// same arithmetic on shifted dates: see the migration of status_delta_monthly.
import { compileCommitmentFilter, filterUsesOnly } from '../commitment/commitment.filter';
import { complianceAverageSql, complianceScoreSql } from '../compliance/compliance.rules';
import { ComplianceScore } from '../compliance/compliance.type';
import type { CommitmentStatus } from '../common/enums';
import type { PrismaClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import { toGlobalId } from '../relay/global-id';
import { STATUS_COUNT_FIELDS } from '../db/status-counts';
import { StatusCounts } from '../stats/api/stats.type';
import { type AsOf, latestChangeAsOf } from '../commitment/status-as-of';
import { type Bucket, TimelineInterval, timelineBuckets } from './timeline-buckets';
import type { StatusTimelineArgs } from './timeline.input';
import { StatusTimeline, StatusTimelineGroup, TimelineGroupBy, TimelinePoint } from './timeline.type';

/** A commitment's status on a past day, with its compliance score that day. */
export interface StatusAsOf {
  status: CommitmentStatus;
  score: number;
}

type StatusField = (typeof STATUS_COUNT_FIELDS)[CommitmentStatus];
const STATUSES = Object.entries(STATUS_COUNT_FIELDS) as [CommitmentStatus, StatusField][];
const column = (name: string) => Prisma.raw(`"${name}"`);
const OVERDUE = column('overdueAnnounced');

type PointRow = Record<StatusField | 'total' | 'overdueAnnounced', number> &
  Pick<ComplianceScore, 'compliant' | 'neutral' | 'nonCompliant' | 'averageScore' | 'percentage'> & {
    overall: boolean;
    key: number | null;
    i: number;
    slug: string | null;
    name: string | null;
  };

/** The key each grouping gives a commitment (or a row of a delta table, on the fast path): columns of the alias `c`. */
const GROUP_KEYS: Record<TimelineGroupBy, Prisma.Sql> = {
  NONE: Prisma.sql`0`,
  PARTNERSHIP: Prisma.sql`c.partnership_id`,
  PILLAR: Prisma.sql`c.pillar_id`,
};

/** The group's slug and name for a point row `pt`. */
const GROUP_LABELS: Record<TimelineGroupBy, { labels: Prisma.Sql; nodeType?: string }> = {
  NONE: { labels: Prisma.sql`SELECT 'all'::text AS slug, 'All commitments'::text AS name` },
  PARTNERSHIP: { labels: Prisma.sql`SELECT p.slug::text, p.name::text FROM partnership p WHERE p.id = pt.key`, nodeType: 'Partnership' },
  PILLAR: { labels: Prisma.sql`SELECT p.slug::text, p.name::text FROM pillar p WHERE p.id = pt.key`, nodeType: 'Pillar' },
};

/** Filter fields the fast path can answer: status_delta_monthly knows a row's pillar, hence its partnership. */
const FAST_FILTER_FIELDS = new Set(['partnershipId', 'partnershipIds', 'pillarId', 'pillarIds']);

function isFastPath({ filter, interval, asKnownOn }: StatusTimelineArgs): boolean {
  if (interval === TimelineInterval.WEEK || asKnownOn) return false;
  return filterUsesOnly(filter, FAST_FILTER_FIELDS);
}

/** The column of status_delta_monthly_partnership holding a field's deltas (inProgress: in_progress). */
const PARTNERSHIP_DELTA_COLUMNS = [...STATUSES.map(([, field]) => field), 'overdueAnnounced'].map((field) => ({
  field,
  column: column(field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)),
}));

export class TimelineService {
  constructor(private readonly prisma: PrismaClient) {}

  /** Each commitment's status and score as of a day; null for one not announced by then (or unknown). One statement for all. */
  async statusesAsOf(commitmentIds: readonly number[], asOf: AsOf): Promise<(StatusAsOf | null)[]> {
    const rows = await this.prisma.$queryRaw<(StatusAsOf & { id: number })[]>(Prisma.sql`
      SELECT c.id, h.to_status AS status,
        ${complianceScoreSql(Prisma.sql`h.to_status`, Prisma.sql`c.deadline`, Prisma.sql`${asOf.date}::date`)} AS score
      FROM commitment c
      CROSS JOIN LATERAL (${latestChangeAsOf(Prisma.sql`c.id`, asOf)}) h
      WHERE c.id = ANY(${[...commitmentIds]}::int[]) AND c.announced_on <= ${asOf.date}::date`);
    const byId = new Map(rows.map(({ id, status, score }) => [id, { status, score }]));
    return commitmentIds.map((id) => byId.get(id) ?? null);
  }

  async statusTimeline(args: StatusTimelineArgs): Promise<StatusTimeline> {
    const { groupBy } = args;
    const buckets = timelineBuckets(args.from, args.to, args.interval);
    // Validates the filter on either path, so that a bad one is refused the same way.
    const where = compileCommitmentFilter(args.filter);
    const range = {
      lastEnd: buckets.at(-1)!.end,
      // width_bucket(day, starts of the 2nd..last periods) is the 0-based period of the day; days before the
      // first period fall in it too, which is what a running sum from the first period needs.
      thresholds: buckets.slice(1).map((bucket) => bucket.start),
    };
    const deltas = isFastPath(args) ? this.fastDeltas(where, args, range) : this.generalDeltas(where, groupBy, args.asKnownOn, range);
    const rows = await this.prisma.$queryRaw<PointRow[]>(this.runningSums(deltas, groupBy, buckets.length));
    return this.toTimeline(args, buckets, rows);
  }

  /**
   * Deltas per group and period, read from a table the triggers keep (as `c`, for the filter and the group
   * key). The filter compiler's condition reads c.partnership_id, c.pillar_id and c.archived_at: a row stands
   * for commitments none of which is archived (the triggers leave archived ones out).
   */
  private fastDeltas(
    where: Prisma.Sql,
    { filter, groupBy }: StatusTimelineArgs,
    { lastEnd, thresholds }: { lastEnd: string; thresholds: string[] },
  ): Prisma.Sql {
    const byPillar = filter?.pillarId != null || filter?.pillarIds != null || groupBy === TimelineGroupBy.PILLAR;
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
    const byPartnership = filter?.partnershipId != null || filter?.partnershipIds != null || groupBy === TimelineGroupBy.PARTNERSHIP;
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
  private generalDeltas(
    where: Prisma.Sql,
    groupBy: TimelineGroupBy,
    asKnownOn: Date | null | undefined,
    { lastEnd, thresholds }: { lastEnd: string; thresholds: string[] },
  ): Prisma.Sql {
    // The status a change left. With the whole history that is its from_status. With only what was recorded
    // by asKnownOn it is the status of the latest earlier change that counts (recording time is the
    // transaction's start, so a change that waited for a lock may be stamped before the one it follows):
    // LEAD in the (commitment_id, effective_on DESC, id DESC) order of the history's index.
    const previous = asKnownOn
      ? Prisma.sql`lead(sc.to_status) OVER (PARTITION BY sc.commitment_id ORDER BY sc.effective_on DESC, sc.id DESC)`
      : Prisma.sql`sc.from_status`;
    const known = asKnownOn ? Prisma.sql`AND sc.recorded_at <= ${asKnownOn}::timestamptz` : Prisma.empty;
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
        WHERE sc.effective_on <= ${lastEnd}::date ${known}
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
   * over the keys (GROUPING SETS), with the compliance rollup of each point.
   */
  private runningSums(deltas: Prisma.Sql, groupBy: TimelineGroupBy, periods: number): Prisma.Sql {
    const fields = [...STATUSES.map(([, field]) => field), 'overdueAnnounced'];
    // Counts fit in int: summed as int (into bigint), not as the numeric that a sum of bigints gives, which
    // costs several times more per row when every partnership or pillar has a series.
    const running = fields.map((field) => Prisma.sql`(sum(coalesce(d.${column(field)}, 0)) OVER w)::int AS ${column(field)}`);
    const summed = fields.map((field) => Prisma.sql`sum(r.${column(field)})::int AS ${column(field)}`);
    const total = Prisma.raw(STATUSES.map(([, field]) => `sum(r."${field}")`).join(' + '));
    const compliant = Prisma.sql`sum(r."completed")`;
    const nonCompliant = Prisma.sql`sum(r."stalled" + r."abandoned" + r."overdueAnnounced")`;
    const rollup = complianceAverageSql(compliant, nonCompliant, total);
    return Prisma.sql`
      WITH deltas AS (${deltas}),
      grid AS (
        SELECT k.key, b.i FROM (SELECT DISTINCT key FROM deltas) k CROSS JOIN generate_series(0, ${periods - 1}::int) AS b(i)
      ),
      running AS (
        SELECT g.key, g.i, ${Prisma.join(running)}
        FROM grid g LEFT JOIN deltas d ON d.key = g.key AND d.i = g.i
        WINDOW w AS (PARTITION BY g.key ORDER BY g.i)
      ),
      points AS (
        SELECT GROUPING(r.key) = 1 AS overall, r.key, r.i, ${Prisma.join(summed)}, (${total})::int AS total,
          ${compliant}::int AS compliant, (${total} - ${compliant} - ${nonCompliant})::int AS neutral,
          ${nonCompliant}::int AS "nonCompliant", ${rollup.average} AS "averageScore", ${rollup.percentage} AS "percentage"
        FROM running r
        GROUP BY GROUPING SETS ((r.key, r.i), (r.i))
      )
      SELECT pt.*, l.slug, l.name
      FROM points pt LEFT JOIN LATERAL (${GROUP_LABELS[groupBy].labels}) l ON NOT pt.overall
      ORDER BY pt.overall DESC, l.slug, pt.i`;
  }

  private toTimeline(args: StatusTimelineArgs, buckets: Bucket[], rows: PointRow[]): StatusTimeline {
    const toPoint = (bucket: Bucket, row: PointRow | undefined) => {
      const counts = Object.assign(new StatusCounts(), Object.fromEntries([...STATUSES.map(([, field]) => field), 'total'].map((field) => [field, row?.[field as StatusField] ?? 0])));
      const compliance = Object.assign(new ComplianceScore(), {
        scored: counts.total,
        compliant: row?.compliant ?? 0,
        neutral: row?.neutral ?? 0,
        nonCompliant: row?.nonCompliant ?? 0,
        averageScore: row?.averageScore ?? null,
        percentage: row?.percentage ?? null,
      });
      return Object.assign(new TimelinePoint(), { periodStart: bucket.start, asOf: bucket.end, counts, compliance });
    };
    // Rows come ordered by group slug, then period: each series is its rows by period index.
    const series = new Map<number | null, PointRow[]>();
    for (const row of rows) {
      const key = row.overall ? null : row.key;
      if (!series.has(key)) series.set(key, []);
      series.get(key)![row.i] = row;
    }
    const pointsOf = (seriesRows: PointRow[] | undefined) => buckets.map((bucket, i) => toPoint(bucket, seriesRows?.[i]));
    const points = pointsOf(series.get(null));
    const { nodeType } = GROUP_LABELS[args.groupBy];
    const groups = [...series.entries()]
      .filter(([key, seriesRows]) => key !== null && seriesRows.some((row) => row.total !== 0))
      .map(([key, seriesRows]) =>
        Object.assign(new StatusTimelineGroup(), {
          key: seriesRows[0]!.slug!,
          label: seriesRows[0]!.name!,
          nodeId: nodeType ? toGlobalId(nodeType, key!) : null,
          points: pointsOf(seriesRows),
        }),
      );
    return Object.assign(new StatusTimeline(), {
      interval: args.interval,
      groupBy: args.groupBy,
      asKnownOn: args.asKnownOn ?? null,
      points,
      // NONE has its one group even when nothing was announced yet, as the statistics do.
      groups: args.groupBy === TimelineGroupBy.NONE && groups.length === 0
        ? [Object.assign(new StatusTimelineGroup(), { key: 'all', label: 'All commitments', nodeId: null, points })]
        : groups,
    });
  }
}
