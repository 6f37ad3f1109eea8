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
// same arithmetic on shifted dates: see the migration of status_delta_monthly. The statements are
// src/db/timeline.sql.ts; this service chooses the path and shapes the rows into series.
import { compileCommitmentFilter, type CommitmentFilterQuery, filterUsesOnly } from '../db/commitment-filter';
import type { AsOf } from '../db/as-of';
import type { CommitmentStatus } from '../common/enums';
import type { PrismaClient } from '../db/prisma';
import { type StatusCountsRow, statusCountsOf } from '../db/status-counts';
import { readStatusesAsOf, readTimelinePoints, type TimelineComplianceRow, type TimelinePointRow, type TimelineQuery } from '../db/timeline.sql';
import { type Bucket, MAX_BUCKETS, TimelineInterval, timelineBuckets } from './timeline-buckets';
import { TimelineGroupBy, type StatusTimelineCommand } from './timeline.commands';

/** A commitment's status on a past day, with its compliance score that day. */
export interface StatusAsOf {
  status: CommitmentStatus;
  score: number;
}

export interface TimelinePoint {
  periodStart: string;
  asOf: string;
  counts: StatusCountsRow;
  compliance: TimelineComplianceRow & { scored: number };
}

export interface TimelineSeries {
  key: string;
  label: string;
  /** The database id of the partnership or pillar the series stands for; null for "all". */
  nodeId: number | null;
  points: TimelinePoint[];
}

export interface StatusTimelineRow {
  interval: TimelineInterval;
  groupBy: TimelineGroupBy;
  asKnownOn: Date | null;
  points: TimelinePoint[];
  groups: TimelineSeries[];
}


/** Filter fields the fast path can answer: status_delta_monthly knows a row's pillar, hence its partnership. */
const FAST_FILTER_FIELDS = new Set(['partnershipId', 'partnershipIds', 'pillarId', 'pillarIds']);

function isFastPath({ filter, interval, asKnownOn }: StatusTimelineCommand): boolean {
  if (interval === TimelineInterval.WEEK || asKnownOn) return false;
  return filterUsesOnly(filter, FAST_FILTER_FIELDS);
}

/** On the fast path, which delta table answers: per partnership unless a pillar is asked for, with the pillars' partnership when needed. */
function fastTables(filter: CommitmentFilterQuery | undefined, groupBy: TimelineGroupBy) {
  return {
    path: 'fast' as const,
    byPillar: filter?.pillarId != null || filter?.pillarIds != null || groupBy === TimelineGroupBy.PILLAR,
    byPartnership: filter?.partnershipId != null || filter?.partnershipIds != null || groupBy === TimelineGroupBy.PARTNERSHIP,
  };
}

export class TimelineService {
  constructor(private readonly prisma: PrismaClient) {}

  /** Each commitment's status and score as of a day; null for one not announced by then (or unknown). One statement for all. */
  async statusesAsOf(commitmentIds: readonly number[], asOf: AsOf): Promise<(StatusAsOf | null)[]> {
    const rows = await readStatusesAsOf(this.prisma, commitmentIds, asOf);
    const byId = new Map(rows.map(({ id, status, score }) => [id, { status, score }]));
    return commitmentIds.map((id) => byId.get(id) ?? null);
  }

  async statusTimeline(command: StatusTimelineCommand): Promise<StatusTimelineRow> {
    const { buckets, query } = timelineQueryOf(command);
    return toTimeline(command, buckets, await readTimelinePoints(this.prisma, query));
  }
}

/**
 * A command's periods and the statement's inputs, with the path that answers it; BAD_USER_INPUT for a bad
 * range or filter. The compiled path (execution/timeline-sql.ts) builds the same statement from it.
 */
export function timelineQueryOf(command: StatusTimelineCommand): { buckets: Bucket[]; query: TimelineQuery } {
  const { groupBy } = command;
  const buckets = timelineBuckets(command.from, command.to, command.interval);
  // Validates the filter on either path, so that a bad one is refused the same way.
  const where = compileCommitmentFilter(command.filter);
  const query: TimelineQuery = {
    where,
    groupBy,
    deltas: isFastPath(command) ? fastTables(command.filter, groupBy) : { path: 'general', asKnownOn: command.asKnownOn },
    periods: buckets.length,
    maxPeriods: MAX_BUCKETS,
    lastEnd: buckets.at(-1)!.end,
    // width_bucket(day, starts of the 2nd..last periods) is the 0-based period of the day; days before the
    // first period fall in it too, which is what a running sum from the first period needs.
    thresholds: buckets.slice(1).map((bucket) => bucket.start),
  };
  return { buckets, query };
}

function toTimeline(command: StatusTimelineCommand, buckets: Bucket[], rows: TimelinePointRow[]): StatusTimelineRow {
  const toPoint = (bucket: Bucket, row: TimelinePointRow | undefined): TimelinePoint => {
    // The timeline counts statuses only (from the status deltas): targets are not followed over periods, and
    // the history tells the statuses of the past, not when each commitment was first assessed.
    const counts = { ...statusCountsOf(row), targetsMet: null, unassessed: null };
    const compliance = {
      scored: counts.total,
      compliant: row?.compliant ?? 0,
      neutral: row?.neutral ?? 0,
      nonCompliant: row?.nonCompliant ?? 0,
      averageScore: row?.averageScore ?? null,
      percentage: row?.percentage ?? null,
    };
    return { periodStart: bucket.start, asOf: bucket.end, counts, compliance };
  };
  // Rows come ordered by group slug, then period: each series is its rows by period index.
  const series = new Map<number | null, TimelinePointRow[]>();
  for (const row of rows) {
    const key = row.overall ? null : row.key;
    if (!series.has(key)) series.set(key, []);
    series.get(key)![row.i] = row;
  }
  const pointsOf = (seriesRows: TimelinePointRow[] | undefined) => buckets.map((bucket, i) => toPoint(bucket, seriesRows?.[i]));
  const points = pointsOf(series.get(null));
  const groups = [...series.entries()]
    .filter(([key, seriesRows]) => key !== null && seriesRows.some((row) => row.total !== 0))
    .map(([key, seriesRows]) => ({
      key: seriesRows[0]!.slug!,
      label: seriesRows[0]!.name!,
      nodeId: command.groupBy === TimelineGroupBy.NONE ? null : key,
      points: pointsOf(seriesRows),
    }));
  return {
    interval: command.interval,
    groupBy: command.groupBy,
    asKnownOn: command.asKnownOn ?? null,
    points,
    // NONE has its one group even when nothing was announced yet, as the statistics do.
    groups: command.groupBy === TimelineGroupBy.NONE && groups.length === 0 ? [{ key: 'all', label: 'All commitments', nodeId: null, points }] : groups,
  };
}
