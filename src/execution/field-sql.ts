// The building blocks of the compiled path's field compilers: a column of the row in scope, an entity's
// global ID, a to-one or to-many relation as a subquery, an object embedded in its parent's row.
import { dateTime, globalId, jsonList, type OrderTerm, raw, rowObject, type Sql, sql } from '../db/json';
import { Joins, type FieldCompiler } from './planner';

export type Row = (row: string) => Sql;

/** A value of the row in scope, the same for every request. */
export const value =
  (expression: Row): FieldCompiler =>
  ({ row }) => {
    const bound = expression(row);
    return () => bound;
  };

export const col = (name: string) => value((row) => raw(`${row}.${name}`));
export const at = (row: string, column: string) => raw(`${row}.${column}`);

/** The fields every entity type has: `id` (global) and `databaseId`. */
export const node = (type: string): Record<string, FieldCompiler> => ({
  id: value((row) => globalId(type, at(row, 'id'))),
  databaseId: col('id'),
});

/** createdAt and updatedAt, as ISO timestamps, from the columns a table's map gives them. */
export const timestamps = (columns: { createdAt: string; updatedAt: string }) => ({
  createdAt: value((row) => dateTime(at(row, columns.createdAt))),
  updatedAt: value((row) => dateTime(at(row, columns.updatedAt))),
});

/**
 * A to-one relation: the object of `type` in `table` whose row satisfies `on(child, parent)` (`key`, the
 * child's key, is null when there is none). Joined into the parent's scope where it takes joins, its own
 * to-one relations with it; otherwise a subquery.
 */
export function toOne(type: string, table: string, prefix: string, on: (child: string, parent: string) => string, key = 'id'): FieldCompiler {
  return (input) => {
    const alias = input.alias(prefix);
    if (input.joins) {
      input.joins.add(table, alias, on(alias, input.row));
      const object = input.select(type, alias, input.joins);
      return (variables) => sql`CASE WHEN ${raw(`${alias}.${key}`)} IS NOT NULL THEN ${rowObject(object(variables))} END`;
    }
    const object = input.select(type, alias);
    const from = raw(`${table} ${alias} WHERE ${on(alias, input.row)}`);
    return (variables) => sql`(SELECT ${rowObject(object(variables))} FROM ${from})`;
  };
}

/** A list relation, in the order the resolvers return it. */
export function toMany(type: string, table: string, prefix: string, on: (child: string, parent: string) => string, order: (alias: string) => OrderTerm[]): FieldCompiler {
  return (input) => {
    const alias = input.alias(prefix);
    const joins = new Joins();
    const object = input.select(type, alias, joins);
    const from = sql`${raw(`${table} ${alias}`)}${joins.sql()} WHERE ${raw(on(alias, input.row))}`;
    const orderBy = order(alias);
    return (variables) => jsonList(rowObject(object(variables)), from, orderBy);
  };
}

/** An object made of columns of the row in scope (a deadline, an author), null unless `present` holds. */
export function embedded(type: string, present?: Row): FieldCompiler {
  return (input) => {
    const object = input.select(type, input.row, input.joins);
    const condition = present?.(input.row);
    return (variables) => (condition ? sql`CASE WHEN ${condition} THEN ${rowObject(object(variables))} END` : rowObject(object(variables)));
  };
}

export const asc = (...columns: string[]) => (alias: string): OrderTerm[] => columns.map((column) => ({ expression: at(alias, column), direction: 'ASC' }));

/** part / total of a row of status counts, as JS divides them (float8 division prints the same shortest form); null when total is 0. */
const rate = (part: (row: string) => string) =>
  value((row) => raw(`CASE WHEN ${row}.total = 0 THEN NULL ELSE (${part(row)})::float8 / ${row}.total END`));

export const completionRate = rate((row) => `${row}.completed`);

/** targetsMet is null where only statuses are counted (timeline points), and then adds nothing, as StatusCounts#followThroughRate has it. */
export const followThroughRate = rate((row) => `${row}.completed + ${row}."partiallyCompleted" + coalesce(${row}."targetsMet", 0)`);
