// Follow-through statistics in the compiled path: the statement StatsService runs (db/stats.sql.ts: the
// counts overall, or a grouped rollup with the overall row), wrapped in SQL that shapes its rows into the
// response's JSON as StatsService and its mapper shape them in JS — the groups largest first, then by key,
// groups without a key left out, STATUS labels written out, nodes' global IDs, and NONE's one group "all".
// The commitments counted come from the service's own countedCommitments, so both paths read the same rows
// and refuse the same bad filter.
import { decodeCommitmentFilter } from '../commitment/api/commitment-filter.decoder';
import type { CommitmentFilter } from '../commitment/api/commitment.input';
import { globalId, jsonList, raw, rowObject, type Sql, sql } from '../db/json';
import { countCommitmentsByGroupSql, countCommitmentsSql } from '../db/stats.sql';
import { CommitmentGroupBy } from '../stats/stats.commands';
import { countedCommitments } from '../stats/stats.service';
import { col, completionRate, embedded, followThroughRate } from './field-sql';
import type { FieldCompiler } from './planner';

// The CTEs of one commitmentStats field (fixed names: each field is a subquery with its own WITH).
const ROWS = 'stats_rows';
const GROUPS = 'stats_groups';

/** The type of node a group's nodeId names, for the groupings whose groups are nodes (as stats.mapper.ts has them). */
const NODE_TYPES: Partial<Record<CommitmentGroupBy, string>> = {
  [CommitmentGroupBy.PARTNERSHIP]: 'Partnership',
  [CommitmentGroupBy.PILLAR]: 'Pillar',
  [CommitmentGroupBy.ACTOR]: 'Actor',
};

/** "PARTIALLY_COMPLETED" → "Partially completed", as StatsService labels STATUS groups. */
const STATUS_LABEL = `left(s.label, 1) || replace(lower(substr(s.label, 2)), '_', ' ')`;

/** The statement's rows (ROWS) and the groups' rows (GROUPS: key, group_label, group_node_id and the counts) for a grouping. */
function statsRows(groupBy: CommitmentGroupBy, commitments: ReturnType<typeof countedCommitments>): Sql {
  if (groupBy === CommitmentGroupBy.NONE) {
    return sql`${raw(ROWS)} AS (SELECT true AS overall, c.* FROM (${countCommitmentsSql(commitments)}) c),
      ${raw(GROUPS)} AS (SELECT 'all'::text AS key, 'All commitments'::text AS group_label, NULL::text AS group_node_id, s.* FROM ${raw(ROWS)} s)`;
  }
  const nodeType = NODE_TYPES[groupBy];
  const label = groupBy === CommitmentGroupBy.STATUS ? raw(STATUS_LABEL) : raw('s.label');
  const nodeId = nodeType ? globalId(nodeType, raw('s."nodeId"')) : raw('NULL::text');
  return sql`${raw(ROWS)} AS (${countCommitmentsByGroupSql(groupBy, commitments)}),
    ${raw(GROUPS)} AS (SELECT ${label} AS group_label, ${nodeId} AS group_node_id, s.* FROM ${raw(ROWS)} s WHERE NOT s.overall AND s.key IS NOT NULL)`;
}

interface CommitmentStatsArgs {
  filter?: CommitmentFilter | null;
  groupBy: CommitmentGroupBy;
  asOf?: string | null;
}

/** Query.commitmentStats: the grouping as a one-row relation, the statement's rows and the groups as CTEs. */
const commitmentStats: FieldCompiler = (input) => {
  const t = input.alias('st');
  const object = input.select('CommitmentStats', t);
  return (variables) => {
    const { filter, groupBy, asOf } = input.args(variables) as unknown as CommitmentStatsArgs;
    const commitments = countedCommitments({ filter: decodeCommitmentFilter(filter), asOf });
    return sql`(WITH ${statsRows(groupBy, commitments)}
      SELECT ${rowObject(object(variables))} FROM (SELECT ${groupBy}::text AS "groupBy") ${raw(t)})`;
  };
};

export const statsQuery = { commitmentStats };

export const STATS_COMPILERS = {
  CommitmentStats: {
    groupBy: col('"groupBy"'),
    overall: ((input) => {
      const alias = input.alias('so');
      const object = input.select('StatusCounts', alias);
      return (variables) => sql`(SELECT ${rowObject(object(variables))} FROM ${raw(ROWS)} ${raw(alias)} WHERE ${raw(alias)}.overall)`;
    }) satisfies FieldCompiler,
    groups: ((input) => {
      const alias = input.alias('sg');
      const object = input.select('CommitmentStatsGroup', alias);
      const order = [
        { expression: raw(`${alias}.total`), direction: 'DESC' as const },
        { expression: raw(`${alias}.key`), direction: 'ASC' as const },
      ];
      return (variables) => jsonList(rowObject(object(variables)), raw(`${GROUPS} ${alias}`), order);
    }) satisfies FieldCompiler,
  },
  CommitmentStatsGroup: {
    key: col('key'),
    label: col('group_label'),
    nodeId: col('group_node_id'),
    counts: embedded('StatusCounts'),
    completionRate,
    followThroughRate,
  },
} satisfies Record<string, Record<string, FieldCompiler>>;
