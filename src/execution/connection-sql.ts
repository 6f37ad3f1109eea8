// Keyset connections in the compiled path: the page (ids and cursors, with the same keyset as the services'),
// its nodes and edges, PageInfo and totalCount, all in the one statement.
import { Keyset, type KeysetOrder } from '../db/keyset';
import { base64url, dateTime, empty, raw, rowObject, selectList, type Sql, sql } from '../db/json';
import { pageRequest } from '../common/page';
import type { ConnectionArgs } from '../relay/api/connection';
import { col, embedded, value } from './field-sql';
import { Joins, type FieldCompiler, type FieldInput, type Variables } from './planner';

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
  /** The nodes' table: whether the page carries their rows (carriesRows). */
  nodeTable: string;
  where: Sql;
  keyset: Keyset<{ id: number }>;
  backward: boolean;
  counted: boolean;
  /** Whether anything selected reads a cursor (edges, pageInfo): otherwise none is encoded. */
  cursors: boolean;
  /** The row the page carries for each node, of the nodes' table's row type: the table's alias itself unless given. */
  row?: Sql;
}

/**
 * Whether a page carries its nodes' whole rows, read once by the scan that finds them, rather than their
 * ids, which the nodes then look up again by primary key. Not for a table whose rows are large (a source
 * document holds its whole text): the page would copy every row it fetched.
 */
function carriesRows(nodeTable: string): boolean {
  return nodeTable !== 'source_document';
}

// The page holds its nodes (`rows`: their rows, or their ids to look up, by carriesRows of the table, which
// connectionType asks too) and cursors (built for the page, not for every row the sort reads).
function pageOf(alias: string, { from, table, nodeTable, row: pageRow, where, keyset, backward, counted, cursors }: PageSource, fields: Sql): Sql {
  const order = keyset.orderBy();
  // The page is a subquery under the table's own alias with the id and the sort column under their own
  // names, so that the order's expressions (`c.status_since`, `c.id`) read it as they read the table.
  const sortColumn = keyset.order.column.text.slice(table.length + 1);
  const total = counted ? sql`(SELECT count(*)::int FROM ${from} WHERE ${where})` : sql`NULL::int`;
  const cursorList = cursors ? sql`array_agg(${cursorOf(keyset.order)} ORDER BY ${order})` : sql`NULL::text[]`;
  const carried = carriesRows(nodeTable);
  const row = carried ? sql`${pageRow ?? raw(table)} AS _row, ` : empty;
  return sql`(SELECT row_to_json(o) FROM (SELECT ${fields} FROM (
    SELECT array_agg(${raw(`${table}.${carried ? '_row' : 'id'}`)} ORDER BY ${order}) AS rows, ${cursorList} AS cursors, count(*)::int AS fetched,
      ${keyset.limit - 1}::int AS size, ${backward}::boolean AS backward, ${keyset.hasCursor}::boolean AS from_cursor, ${total} AS total
    FROM (SELECT ${row}${raw(table)}.id, ${keyset.order.column} AS ${raw(sortColumn)} FROM ${from} WHERE ${where} AND ${keyset.where()}
        ORDER BY ${order} LIMIT ${pageLimit(keyset.limit)}) ${raw(table)}
  ) ${raw(alias)}) o)`;
}

/**
 * The page's LIMIT as a literal, not a parameter: for a LIMIT it cannot see, PostgreSQL's generic plan assumes
 * a tenth of the table, prices the page far above what a custom plan does and so plans the prepared statement
 * again on every request. Page sizes are bounded (MAX_PAGE_SIZE), so the texts stay few.
 */
function pageLimit(limit: number): Sql {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`page limit ${limit} is not a positive integer`);
  return raw(String(limit));
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

/** The fields of `<Name>Connection`, `<Name>Edge` and PageInfo over a page row (pageOf), for nodes of `nodeType` in `table` aliased `nodeAlias`. */
export function connectionType(nodeType: string, table: string, nodeAlias: string, edgeTypeName = `${nodeType}Edge`): Record<string, FieldCompiler> {
  // The page's rows, whether it carried them or their ids (pageOf): one of the two arrays is null.
  // The page's rows with their `ordinality`: as it carried them, or looked up by the ids it carried.
  const rowsOf = (page: string) =>
    raw(
      carriesRows(table)
        ? `unnest(${page}.rows[1:${page}.size]) WITH ORDINALITY`
        : `(SELECT t.*, n.ordinality FROM unnest(${page}.rows[1:${page}.size]) WITH ORDINALITY AS n(id, ordinality) JOIN ${table} t ON t.id = n.id)`,
    );
  // The page's nodes (not the extra row), in the order of the connection: reversed when reading backward.
  const nodesOf = (page: string, element: Sql, joins: Joins) =>
    sql`coalesce((SELECT array_to_json(array_agg(${element} ORDER BY CASE WHEN ${raw(page)}.backward THEN -${raw(nodeAlias)}._ordinal ELSE ${raw(nodeAlias)}._ordinal END))
      FROM (SELECT ${raw(nodeAlias)}.*, ${raw(nodeAlias)}.ordinality AS _ordinal, ${raw(page)}.cursors[${raw(nodeAlias)}.ordinality] AS _cursor
        FROM ${rowsOf(page)} ${raw(nodeAlias)}) ${raw(nodeAlias)}${joins.sql()}), '[]'::json)`;
  const nodesField = (typeName: string): FieldCompiler => (input) => {
    const joins = new Joins();
    const object = input.select(typeName, nodeAlias, joins);
    return (variables) => nodesOf(input.row, rowObject(object(variables)), joins);
  };
  return {
    nodes: nodesField(nodeType),
    edges: nodesField(edgeTypeName),
    pageInfo: embedded('PageInfo'),
    totalCount: col('total'),
  };
}

export const edgeType = (nodeType: string): Record<string, FieldCompiler> => ({
  cursor: col('_cursor'),
  node: (input) => {
    const object = input.select(nodeType, input.row, input.joins);
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
  ) => { from: Sql; table: string; nodeTable: string; where: Sql; order: KeysetOrder<{ id: number }>; row?: Sql },
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
