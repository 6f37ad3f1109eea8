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
import { MAX_BUCKETS } from '../timeline/timeline-buckets';
import { col, embedded, followThroughRate, completionRate } from './field-sql';
import type { FieldCompiler } from './planner';

// The CTEs of one statusTimeline field. Their names are fixed: each statusTimeline is a subquery with its
// own WITH, and a name resolves to the nearest one, so two timelines in one operation do not meet.
const POINTS = 'timeline_points';
const PERIODS = 'timeline_periods';

/** The columns of a point's row, which TimelinePoint, StatusCounts and ComplianceScore read, with their types. */
const COUNT_COLUMNS = [...Object.values(STATUS_COUNT_FIELDS), 'total', 'compliant', 'neutral', 'nonCompliant', 'scored'];
const POINT_COLUMNS: [string, string][] = [
  ['n', 'int'],
  ['periodStart', 'text'],
  ['asOf', 'text'],
  ...COUNT_COLUMNS.map((column): [string, string] => [column, 'int']),
  ['targetsMet', 'int'],
  ['unassessed', 'int'],
  ['averageScore', 'float8'],
  ['percentage', 'float8'],
];

/**
 * One row per period, oldest first (column n), with the counts of the statement's row that `match` picks
 * for it, zero where there is none (as statusCountsOf has it). The timeline counts statuses only: targets
 * are not followed over periods, nor first assessments.
 */
function pointRows(match: string): string {
  const value = (column: string) => (column === 'scored' ? 'tp.total' : `tp."${column}"`);
  const counts = COUNT_COLUMNS.map((column) => `coalesce(${value(column)}, 0) AS "${column}"`).join(', ');
  return `SELECT b.n, b.period_start AS "periodStart", b.as_of AS "asOf", ${counts},
      NULL::int AS "targetsMet", NULL::int AS unassessed, tp."averageScore", tp.percentage
    FROM ${PERIODS} b LEFT JOIN ${POINTS} tp ON tp.i = b.n - 1 AND ${match}`;
}

/** A list of TimelinePoint from `from`, rows with the columns of POINT_COLUMNS aliased `alias`. */
function points(from: (alias: string, parent: string) => string): FieldCompiler {
  return (input) => {
    const alias = input.alias('tp');
    const object = input.select('TimelinePoint', alias);
    const rows = raw(from(alias, input.row));
    const order = [{ expression: raw(`${alias}.n`), direction: 'ASC' as const }];
    return (variables) => jsonList(rowObject(object(variables)), rows, order);
  };
}

/**
 * The groups of the timeline row `t`, by slug, each with its points' rows as JSON (column `rows`): built in
 * one pass over the statement's rows, where a subquery per group would read all of them once per group.
 * Groups that never had a commitment are left out; NONE's one group "all" has the overall points.
 */
function groupRows(t: string, alias: string): Sql {
  const nodeId = (type: string) => globalId(type, raw('pr.key'));
  return sql`(
      SELECT pr.key, min(pr.slug) AS slug, min(pr.name) AS name,
        CASE ${raw(t)}."groupBy" WHEN 'PARTNERSHIP' THEN ${nodeId('Partnership')} WHEN 'PILLAR' THEN ${nodeId('Pillar')} END AS "nodeId",
        json_agg(row_to_json(pr) ORDER BY pr.n) AS rows
      FROM (SELECT tp.key, tp.slug, tp.name, b.n, b.period_start AS "periodStart", b.as_of AS "asOf",
              ${raw(COUNT_COLUMNS.map((column) => (column === 'scored' ? 'tp.total AS scored' : `tp."${column}"`)).join(', '))},
              NULL::int AS "targetsMet", NULL::int AS unassessed, tp."averageScore", tp.percentage
            FROM ${raw(POINTS)} tp JOIN ${raw(PERIODS)} b ON b.n = tp.i + 1
            WHERE NOT tp.overall AND ${raw(t)}."groupBy" <> 'NONE') pr
      GROUP BY pr.key HAVING bool_or(pr.total <> 0)
      UNION ALL
      SELECT 0, 'all', 'All commitments', NULL, (SELECT json_agg(row_to_json(pr) ORDER BY pr.n) FROM (${raw(pointRows('tp.overall'))}) pr)
      WHERE ${raw(t)}."groupBy" = 'NONE'
    ) ${raw(alias)}`;
}

const POINT_RECORD = POINT_COLUMNS.map(([column, type]) => `"${column}" ${type}`).join(', ');

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
    // The periods are cut from a constant series, as the statement's grid is (db/timeline.sql.ts): the same
    // row estimate for every request lets PostgreSQL keep one generic plan for the prepared statement.
    return sql`(WITH ${raw(POINTS)} AS (${timelinePointsSql(query)}),
      ${raw(PERIODS)} AS (
        SELECT n, (${buckets.map((bucket) => bucket.start)}::text[])[n] AS period_start, (${buckets.map((bucket) => bucket.end)}::text[])[n] AS as_of
        FROM generate_series(1, ${raw(String(MAX_BUCKETS))}) AS n WHERE n <= ${buckets.length}::int)
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
    points: points((alias) => `(${pointRows('tp.overall')}) ${alias}`),
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
    points: points((alias, group) => `json_to_recordset(${group}.rows) AS ${alias}(${POINT_RECORD})`),
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
