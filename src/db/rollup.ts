// Grouped rollups: the groups' aggregates and the overall one from a single statement, with
// `GROUP BY GROUPING SETS ((keys..., within...), (within...))`. The overall row is the one where the key is
// rolled up (GROUPING(key) = 1): a NULL key from the data (a commitment in no group) stays a group row, so
// it cannot be mistaken for the total. Statistics, compliance scores and the timeline's points all use it.
import { Prisma } from '../generated/prisma/client';

export interface GroupedRollup {
  /** The group key columns, the first one telling the overall row apart (`overall` in the result). */
  keys: Prisma.Sql[];
  /** Columns grouped in the overall row too: the overall row is one per value of them (e.g. a period). */
  within?: Prisma.Sql[];
  /** The aggregate columns, as a select list. */
  columns: Prisma.Sql;
  /** What follows FROM: a relation with its alias, and its joins. */
  from: Prisma.Sql;
  where?: Prisma.Sql;
  orderBy?: Prisma.Sql;
}

/** `SELECT GROUPING(key) = 1 AS overall, keys..., within..., columns FROM … GROUP BY GROUPING SETS (…)`. */
export function groupedRollup({ keys, within = [], columns, from, where, orderBy }: GroupedRollup): Prisma.Sql {
  if (keys.length === 0) throw new Error('a grouped rollup needs at least one key');
  const grouped = [...keys, ...within];
  return Prisma.sql`SELECT GROUPING(${keys[0]!}) = 1 AS overall, ${Prisma.join(grouped, ', ')}, ${columns}
      FROM ${from}${where ? Prisma.sql`
      WHERE ${where}` : Prisma.empty}
      GROUP BY GROUPING SETS ((${Prisma.join(grouped, ', ')}), (${within.length > 0 ? Prisma.join(within, ', ') : Prisma.empty}))${orderBy ? Prisma.sql`
      ORDER BY ${orderBy}` : Prisma.empty}`;
}

/** A labelled group's key columns: what a `groups` subquery of labelledRollup yields, in this order. */
export interface LabelledGroupKey {
  key: string | null;
  label: string | null;
  nodeId: number | null;
}

export type RollupRow<Columns> = Columns & LabelledGroupKey & { overall: boolean };

export interface LabelledRollup {
  /** The rows to group, with their alias (`commitment c`, `scored s`). */
  source: Prisma.Sql;
  /**
   * A subquery over the source's alias giving each row's groups as (key, label, node id): one row per group
   * the row belongs to, none for a row in no group (it then counts in the overall row only).
   */
  groups: Prisma.Sql;
  columns: Prisma.Sql;
  where?: Prisma.Sql;
  /** After `overall DESC`, which puts the overall row first. */
  orderBy: Prisma.Sql;
}

/** The rollup of a source by labelled groups (partnerships, pillars, countries…), joined laterally as `g`. */
export function labelledRollup({ source, groups, columns, where, orderBy }: LabelledRollup): Prisma.Sql {
  return groupedRollup({
    keys: [Prisma.sql`g.key`, Prisma.sql`g.label`, Prisma.sql`g."nodeId"`],
    columns,
    from: Prisma.sql`${source} LEFT JOIN LATERAL (${groups}) AS g(key, label, "nodeId") ON TRUE`,
    where,
    orderBy: Prisma.sql`overall DESC, ${orderBy}`,
  });
}

export interface SplitRollup<Columns> {
  /** Undefined only if PostgreSQL returned no overall row; callers count it as zero. */
  overall: RollupRow<Columns> | undefined;
  /** The rows of real groups: a NULL key is the rows in no group, counted in the overall row only. */
  groups: (RollupRow<Columns> & { key: string; label: string })[];
}

export function splitRollup<Columns>(rows: RollupRow<Columns>[]): SplitRollup<Columns> {
  return {
    overall: rows.find((row) => row.overall),
    groups: rows.filter((row): row is RollupRow<Columns> & { key: string; label: string } => !row.overall && row.key !== null),
  };
}
