// The status timeline in the compiled path: the statement TimelineService runs (db/timeline.sql.ts, rows of
// counts per group and period), wrapped in SQL that shapes those rows into the response's JSON as
// toTimeline (timeline/timeline.service.ts) shapes them in JS — a point for every period, zero where a
// period has no row, groups by slug without those that never had a commitment, and NONE's one group "all".
// The periods, the choice of delta tables and the filter come from the service's own timelineQueryOf, so
// both paths refuse the same bad input with the same error.
import { decodeCommitmentFilter } from '../commitment/api/commitment-filter.decoder';
import type { CommitmentFilter } from '../commitment/api/commitment.input';
import { globalId, jsonList, join, raw, rowObject, type Sql, sql } from '../db/json';
import { STATUS_COUNT_FIELDS } from '../db/status-counts';
import { timelinePointsSql } from '../db/timeline.sql';
import { DateTimeScalar } from '../graphql/scalars';
import type { StatusTimelineCommand } from '../timeline/timeline.commands';
import { timelineQueryOf } from '../timeline/timeline.service';
import { col, embedded, followThroughRate, completionRate } from './field-sql';
import type { FieldCompiler } from './planner';

// The CTEs of one statusTimeline field. Their names are fixed: each statusTimeline is a subquery with its
// own WITH, and a name resolves to the nearest one, so two timelines in one operation do not meet.
const POINTS = 'timeline_points';
const PERIODS = 'timeline_periods';

/** Counts a period without a row of the statement has as zero (statusCountsOf). */
const ZERO_WHEN_ABSENT = [...Object.values(STATUS_COUNT_FIELDS), 'total', 'compliant', 'neutral', 'nonCompliant'];

/**
 * One row per period, oldest first (column n), with the counts of the statement's row that `match` picks
 * for it: the columns TimelinePoint, StatusCounts and ComplianceScore read.
 */
function pointRows(alias: string, match: string): Sql {
  const counts = ZERO_WHEN_ABSENT.map((column) => `coalesce(tp."${column}", 0) AS "${column}"`).join(', ');
  // The timeline counts statuses only: targets are not followed over periods, nor first assessments.
  return raw(`(SELECT b.n, b.period_start AS "periodStart", b.as_of AS "asOf", ${counts}, coalesce(tp.total, 0) AS scored,
      NULL::int AS "targetsMet", NULL::int AS unassessed, tp."averageScore", tp.percentage
    FROM ${PERIODS} b LEFT JOIN ${POINTS} tp ON tp.i = b.n - 1 AND ${match}) ${alias}`);
}

function points(match: (parent: string) => string): FieldCompiler {
  return (input) => {
    const alias = input.alias('tp');
    const object = input.select('TimelinePoint', alias);
    const from = pointRows(alias, match(input.row));
    const order = [{ expression: raw(`${alias}.n`), direction: 'ASC' as const }];
    return (variables) => jsonList(rowObject(object(variables)), from, order);
  };
}

/** The groups of the timeline row `t`, by slug: one row each, with its key and node ID; NONE's one group stands for the overall points. */
function groupRows(t: string, alias: string): Sql {
  const nodeId = (type: string) => globalId(type, raw('tp.key'));
  return sql`(
      SELECT tp.key, min(tp.slug) AS slug, min(tp.name) AS name, false AS overall,
        CASE ${raw(t)}."groupBy" WHEN 'PARTNERSHIP' THEN ${nodeId('Partnership')} WHEN 'PILLAR' THEN ${nodeId('Pillar')} END AS "nodeId"
      FROM ${raw(POINTS)} tp
      WHERE NOT tp.overall AND ${raw(t)}."groupBy" <> 'NONE'
      GROUP BY tp.key HAVING bool_or(tp.total <> 0)
      UNION ALL
      SELECT 0, 'all', 'All commitments', true, NULL WHERE ${raw(t)}."groupBy" = 'NONE'
    ) ${raw(alias)}`;
}

/** What the response carries for a scalar's serialised value: graphql-scalars' DateTime serialises to a Date, which JSON.stringify writes as toISOString. */
const asResponseText = (serialised: unknown): string => (serialised instanceof Date ? serialised.toISOString() : String(serialised));

interface StatusTimelineArgs extends Omit<StatusTimelineCommand, 'filter'> {
  filter?: CommitmentFilter | null;
}

/** Query.statusTimeline: the arguments as a one-row relation, the statement's rows and the periods as CTEs. */
const statusTimeline: FieldCompiler = (input) => {
  const t = input.alias('tl');
  const object = input.select('StatusTimeline', t);
  return (variables) => {
    const args = input.args(variables) as unknown as StatusTimelineArgs;
    const command: StatusTimelineCommand = { ...args, filter: decodeCommitmentFilter(args.filter) };
    const { buckets, query } = timelineQueryOf(command);
    const asKnownOn = command.asKnownOn ? asResponseText(DateTimeScalar.serialize(command.asKnownOn)) : null;
    return sql`(WITH ${raw(POINTS)} AS (${timelinePointsSql(query)}),
      ${raw(PERIODS)} AS (SELECT * FROM unnest(${buckets.map((bucket) => bucket.start)}::text[], ${buckets.map((bucket) => bucket.end)}::text[])
        WITH ORDINALITY AS b(period_start, as_of, n))
      SELECT ${rowObject(object(variables))}
      FROM (SELECT ${join([sql`${command.interval}::text AS interval`, sql`${command.groupBy}::text AS "groupBy"`, sql`${asKnownOn}::text AS "asKnownOn"`], ', ')}) ${raw(t)})`;
  };
};

export const timelineQuery = { statusTimeline };

export const TIMELINE_COMPILERS = {
  StatusTimeline: {
    interval: col('interval'),
    groupBy: col('"groupBy"'),
    asKnownOn: col('"asKnownOn"'),
    points: points(() => 'tp.overall'),
    groups: ((input) => {
      const alias = input.alias('tg');
      const object = input.select('StatusTimelineGroup', alias);
      const from = groupRows(input.row, alias);
      const order = [{ expression: raw(`${alias}.slug`), direction: 'ASC' as const }];
      return (variables) => jsonList(rowObject(object(variables)), from, order);
    }) satisfies FieldCompiler,
  },
  StatusTimelineGroup: {
    key: col('slug'),
    label: col('name'),
    nodeId: col('"nodeId"'),
    points: points((group) => `tp.overall = ${group}.overall AND (${group}.overall OR tp.key = ${group}.key)`),
  },
  TimelinePoint: {
    periodStart: col('"periodStart"'),
    asOf: col('"asOf"'),
    counts: embedded('StatusCounts'),
    completionRate,
    followThroughRate,
    compliance: embedded('ComplianceScore'),
  },
  ComplianceScore: {
    scored: col('scored'),
    compliant: col('compliant'),
    neutral: col('neutral'),
    nonCompliant: col('"nonCompliant"'),
    averageScore: col('"averageScore"'),
    percentage: col('percentage'),
  },
} satisfies Record<string, Record<string, FieldCompiler>>;
