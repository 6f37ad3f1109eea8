// SQL that builds a GraphQL response's JSON inside PostgreSQL, byte for byte as JSON.stringify would write
// it: objects are row_to_json of a one-row subquery (json_build_object and json_agg add spaces), lists are
// array_to_json(array_agg(...)). Values are always bound parameters; only names chosen by the compiler
// (aliases, response keys that GraphQL's grammar limits to [_A-Za-z][_0-9A-Za-z]*) reach the text.
import { Prisma } from '../generated/prisma/client';

export type Sql = Prisma.Sql;
export const sql = Prisma.sql;
export const raw = Prisma.raw;
export const join = Prisma.join;
export const empty = Prisma.empty;

/** A column of the select list that row_to_json turns into one key of the object. */
export interface JsonField {
  key: string;
  value: Sql;
}

/** PostgreSQL cuts identifiers at 63 bytes: a longer response key could not be a column name. */
export const MAX_KEY_LENGTH = 63;

export function selectList(fields: JsonField[]): Sql {
  return join(
    fields.map(({ key, value }) => sql`${value} AS ${raw(`"${key}"`)}`),
    ', ',
  );
}

/** The JSON object of the row in scope: `(SELECT row_to_json(o) FROM (SELECT … AS "key", …) o)`. */
export function rowObject(fields: JsonField[]): Sql {
  return sql`(SELECT row_to_json(o) FROM (SELECT ${selectList(fields)}) o)`;
}

/** One sort key of a list: an expression of its rows and a direction. */
export interface OrderTerm {
  expression: Sql;
  direction: 'ASC' | 'DESC';
}

/** A JSON list, one element per row of `from` (the SQL after FROM, with its WHERE), in the order of `orderBy`; `[]` when there is no row. */
export function jsonList(element: Sql, from: Sql, orderBy: OrderTerm[]): Sql {
  // The sort keys travel beside each element, so that the aggregate itself orders them.
  const aggregateOrder = orderBy.length ? sql` ORDER BY ${join(orderBy.map(({ direction }, index) => raw(`l._k${index} ${direction}`)), ', ')}` : empty;
  const keyColumns = orderBy.length ? sql`, ${join(orderBy.map(({ expression }, index) => sql`${expression} AS ${raw(`_k${index}`)}`), ', ')}` : empty;
  return sql`coalesce((SELECT array_to_json(array_agg(l.j${aggregateOrder})) FROM (SELECT ${element} AS j${keyColumns} FROM ${from}) l), '[]'::json)`;
}

/** base64url without padding of a text expression, as Buffer#toString('base64url') writes it (PostgreSQL's base64 also breaks lines). */
export function base64url(text: Sql): Sql {
  return sql`translate(encode(convert_to(${text}, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
}

/** A Relay global ID of `type` (src/relay/global-id.ts): base64url("<Type>:<id>"). */
export function globalId(type: string, id: Sql): Sql {
  return base64url(sql`${raw(`'${type}:'`)} || ${id}`);
}

/** A timestamptz as the DateTime scalar serialises a JS Date: ISO 8601 in UTC with milliseconds. */
export function dateTime(column: Sql): Sql {
  return sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** A string literal for SQL text; only for names the compiler itself chose (never client input). */
export function literal(text: string): Sql {
  if (!/^[A-Za-z0-9_:. -]*$/.test(text)) throw new Error(`not a plain literal: ${text}`);
  return raw(`'${text}'`);
}
