import { Prisma } from '../../generated/prisma/client';

/** A table's columns by the field Prisma names each: typed against the model, so a new column cannot be forgotten. */
export type ColumnMap<Row> = { [Field in keyof Row]-?: string };

/** A select list for raw SQL that returns rows in the shape Prisma gives them: `a.country_code AS "countryCode", …`. */
export function selectList<Row>(alias: string, columns: ColumnMap<Row>, fields: (keyof Row & string)[] = Object.keys(columns) as (keyof Row & string)[]): Prisma.Sql {
  return Prisma.raw(fields.map((field) => (columns[field] === field ? `${alias}.${field}` : `${alias}.${columns[field]} AS "${field}"`)).join(', '));
}
