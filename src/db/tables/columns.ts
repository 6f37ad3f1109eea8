// A table's column map: each field of its row, as Prisma names it, with its column. Raw SQL reads and
// writes rows through these maps, so a row read with raw SQL has the shape Prisma gives it, and a column
// is named in one place however many statements read it. Typed against the model, so a new column cannot
// be forgotten.
import { Prisma } from '../../generated/prisma/client';

/** A Date field (a `date` or `timestamptz` column) is marked, so that the JSON of a row can tag its dates. */
export type Columns<Row> = { [Field in keyof Row]-?: NonNullable<Row[Field]> extends Date ? { date: string } : string };

export const columnOf = (column: string | { date: string }): string => (typeof column === 'string' ? column : column.date);

/** Each field's column name: for SQL that reads single columns (the compiled execution path's fields). */
export function columnNames<Row>(columns: Columns<Row>): Record<keyof Row, string> {
  return Object.fromEntries(Object.entries<string | { date: string }>(columns).map(([field, column]) => [field, columnOf(column)])) as Record<keyof Row, string>;
}

/** A select list for raw SQL that returns rows in the shape Prisma gives them: `a.country_code AS "countryCode", …`. */
export function selectList<Row>(alias: string, columns: Columns<Row>, fields: (keyof Row & string)[] = Object.keys(columns) as (keyof Row & string)[]): Prisma.Sql {
  const names = columnNames(columns);
  return Prisma.raw(fields.map((field) => (names[field] === field ? `${alias}.${field}` : `${alias}.${names[field]} AS "${field}"`)).join(', '));
}

/**
 * A row of `alias` as jsonb, its fields named as the row names them and its dates tagged {"$date": …}
 * (to_jsonb's ISO text, which Date parses): the shape idempotency's decode turns back into the row.
 */
export function rowJson<Row>(alias: string, columns: Columns<Row>): Prisma.Sql {
  const pairs = Object.entries<string | { date: string }>(columns).map(([field, column]) =>
    typeof column === 'string'
      ? `'${field}', ${alias}.${column}`
      : `'${field}', CASE WHEN ${alias}.${column.date} IS NOT NULL THEN jsonb_build_object('$date', ${alias}.${column.date}) END`,
  );
  return Prisma.raw(`jsonb_build_object(${pairs.join(', ')})`);
}

/** The fields of a row among the columns of a wider result row. */
export function pickRow<Row>(columns: Columns<Row>, result: object): Row {
  const values = result as Record<string, unknown>;
  return Object.fromEntries(Object.keys(columns).map((field) => [field, values[field]])) as Row;
}

/** A row from the JSON text rowJson built: its tagged dates turned back into Dates. */
export function parseRowJson<Row>(text: string): Row {
  return reviveDates(JSON.parse(text)) as Row;
}

/** Turns every {"$date": …} tag (rowJson's, or an encoded response's) back into a Date. */
export function reviveDates(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reviveDates);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === '$date') return new Date(entries[0]![1] as string);
    return Object.fromEntries(entries.map(([name, item]) => [name, reviveDates(item)]));
  }
  return value;
}
