// Keyset connections in the compiled path: the page (ids and cursors, with the same keyset as the services'),
// its nodes and edges, PageInfo and totalCount, all in the one statement.
import { Keyset, type KeysetOrder } from '../db/keyset';
import { base64url, dateTime, empty, raw, rowObject, selectList, type Sql, sql } from '../db/json';
import { pageRequest } from '../common/page';
import type { ConnectionArgs } from '../relay/api/connection';
import { col, embedded, value } from './field-sql';
import type { FieldCompiler, FieldInput, Variables } from './planner';

/**
 * One page of a keyset connection, as the connection object's row: the page's rows (`rows`, of the table's
 * row type, in reading order, one more than the page to learn whether another follows), their cursors, the
 * page request, and the total when selected. The connection's fields (connectionType) read these columns.
 */
interface PageSource {
  /** FROM, with the table aliased as the order's columns expect (e.g. `commitment c`). */
  from: Sql;
  /** The table's alias: its whole-row value is what the page holds. */
  table: string;
  where: Sql;
  keyset: Keyset<{ id: number }>;
  backward: boolean;
  counted: boolean;
  /** Whether anything selected reads a cursor (edges, pageInfo): otherwise none is encoded. */
  cursors: boolean;
  /** The day a page of the past is read as of (LocalDate; null: now), for the nodes' table (connectionType); pages of other types have none. */
  asOf?: string | null;
}

// The page holds ids and cursors only (cursors are built for the page, not for every row the sort reads);
// the nodes' rows are joined to them where the nodes are written.
function pageOf(alias: string, { from, table, where, keyset, backward, counted, cursors, asOf }: PageSource, fields: Sql): Sql {
  const order = keyset.orderBy();
  // The page is a subquery under the table's own alias with the id and the sort column under their own
  // names, so that the order's expressions (`c.status_since`, `c.id`) read it as they read the table.
  const sortColumn = keyset.order.column.text.slice(table.length + 1);
  const total = counted ? sql`(SELECT count(*)::int FROM ${from} WHERE ${where})` : sql`NULL::int`;
  const asOfColumn = asOf === undefined ? empty : sql`, ${asOf}::date AS as_of`;
  const cursorList = cursors ? sql`array_agg(${cursorOf(keyset.order)} ORDER BY ${order})` : sql`NULL::text[]`;
  return sql`(SELECT row_to_json(o) FROM (SELECT ${fields} FROM (
    SELECT array_agg(${raw(table)}.id ORDER BY ${order}) AS rows, ${cursorList} AS cursors, count(*)::int AS fetched,
      ${keyset.limit - 1}::int AS size, ${backward}::boolean AS backward, ${keyset.hasCursor}::boolean AS from_cursor, ${total} AS total${asOfColumn}
    FROM (SELECT ${raw(table)}.id, ${keyset.order.column} AS ${raw(sortColumn)} FROM ${from} WHERE ${where} AND ${keyset.where()}
        ORDER BY ${order} LIMIT ${keyset.limit}) ${raw(table)}
  ) ${raw(alias)}) o)`;
}

/** The cursor of a row, as Keyset#cursorOf encodes it: base64url of the JSON [order name, sort value, id]. */
function cursorOf(order: KeysetOrder<never>): Sql {
  const sortValue = {
    date: sql`to_json(${order.column})::text`,
    timestamptz: sql`to_json(${dateTime(order.column)})::text`,
    text: sql`to_json(${order.column}::text)::text`,
    status: sql`to_json(${order.column}::text)::text`,
    int: sql`(${order.column})::text`,
  }[order.type];
  return base64url(sql`'[' || to_json(${order.name}::text)::text || ',' || coalesce(${sortValue}, 'null') || ',' || (${order.id})::text || ']'`);
}

/**
 * The fields of `<Name>Connection`, `<Name>Edge` and PageInfo over a page row (pageOf), for nodes of `nodeType`
 * in `table` (a table name, or a relation built from the page row's alias) aliased `nodeAlias`.
 */
export function connectionType(
  nodeType: string,
  table: string | ((page: string) => Sql),
  nodeAlias: string,
  edgeTypeName = `${nodeType}Edge`,
): Record<string, FieldCompiler> {
  const tableOf = (page: string) => (typeof table === 'string' ? raw(table) : table(page));
  // The page's nodes (not the extra row), in the order of the connection: reversed when reading backward.
  const nodesOf = (page: string, element: Sql) =>
    sql`coalesce((SELECT array_to_json(array_agg(${element} ORDER BY CASE WHEN ${raw(page)}.backward THEN -${raw(nodeAlias)}._ordinal ELSE ${raw(nodeAlias)}._ordinal END))
      FROM (SELECT ${raw(nodeAlias)}.*, n.ordinal AS _ordinal, ${raw(page)}.cursors[n.ordinal] AS _cursor
        FROM unnest(${raw(page)}.rows[1:${raw(page)}.size]) WITH ORDINALITY AS n(id, ordinal) JOIN ${tableOf(page)} ${raw(nodeAlias)} ON ${raw(nodeAlias)}.id = n.id) ${raw(nodeAlias)}), '[]'::json)`;
  return {
    nodes: (input) => {
      const object = input.select(nodeType, nodeAlias);
      return (variables) => nodesOf(input.row, rowObject(object(variables)));
    },
    edges: (input) => {
      const edge = input.select(edgeTypeName, nodeAlias);
      return (variables) => nodesOf(input.row, rowObject(edge(variables)));
    },
    pageInfo: embedded('PageInfo'),
    totalCount: col('total'),
  };
}

export const edgeType = (nodeType: string): Record<string, FieldCompiler> => ({
  cursor: col('_cursor'),
  node: (input) => {
    const object = input.select(nodeType, input.row);
    return (variables) => rowObject(object(variables));
  },
});

const pageSize = (row: string) => `least(${row}.fetched, ${row}.size)`;
export const pageInfo: Record<string, FieldCompiler> = {
  hasNextPage: value((row) => raw(`CASE WHEN ${row}.backward THEN ${row}.from_cursor ELSE ${row}.fetched > ${row}.size END`)),
  hasPreviousPage: value((row) => raw(`CASE WHEN ${row}.backward THEN ${row}.fetched > ${row}.size ELSE ${row}.from_cursor END`)),
  startCursor: value((row) => raw(`${row}.cursors[CASE WHEN ${row}.backward THEN ${pageSize(row)} ELSE least(1, ${pageSize(row)}) END]`)),
  endCursor: value((row) => raw(`${row}.cursors[CASE WHEN ${row}.backward THEN least(1, ${pageSize(row)}) ELSE ${pageSize(row)} END]`)),
};

/** A connection field: `source` gives, for a request's arguments, what to page through. */
export function connection(
  connectionTypeName: string,
  source: (
    input: FieldInput,
    args: Record<string, unknown>,
  ) => { from: Sql; table: string; where: Sql; order: KeysetOrder<{ id: number }>; asOf?: string | null },
): FieldCompiler {
  return (input) => {
    const alias = input.alias('k');
    const fields = input.select(connectionTypeName, alias);
    const counted = input.selects(connectionTypeName, 'totalCount');
    const cursors = input.selects(connectionTypeName, 'edges') || input.selects(connectionTypeName, 'pageInfo');
    return (variables: Variables) => {
      const args = input.args(variables);
      const request = pageRequest(args as ConnectionArgs);
      const { order, ...page } = source(input, args);
      const keyset = new Keyset(order, request);
      return pageOf(alias, { ...page, keyset, backward: request.direction === 'backward', counted, cursors }, selectList(fields(variables)));
    };
  };
}
