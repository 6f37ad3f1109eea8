// The custom scalars of the schema. They import no domain, so that every domain's api/ files may use them.
import { GraphQLError, GraphQLScalarType } from 'graphql';
import { DateTimeResolver, LocalDateResolver, URLResolver } from 'graphql-scalars';

/** graphql-scalars' DateTime, refusing the year 0000 as LocalDate does (see inPostgresRange). */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  parseValue: (value) => dateTimeInPostgresRange(DateTimeResolver.parseValue(value)),
  parseLiteral: (ast, variables) => dateTimeInPostgresRange(DateTimeResolver.parseLiteral(ast, variables)),
});

function dateTimeInPostgresRange(value: Date): Date {
  if (value.getUTCFullYear() < 1) throw new GraphQLError(`Value is not a valid DateTime: ${value.toISOString()} (the earliest is year 0001)`);
  return value;
}

/**
 * graphql-scalars' LocalDate (YYYY-MM-DD), also serialising the JS Dates that Prisma returns for `@db.Date`
 * columns (midnight UTC), so that types can hold database rows as they are.
 */
export const LocalDateScalar = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  serialize: (value) =>
    value instanceof Date ? value.toISOString().slice(0, 10) : LocalDateResolver.serialize(value),
  parseValue: (value) => inPostgresRange(LocalDateResolver.parseValue(value)),
  parseLiteral: (ast, variables) => inPostgresRange(LocalDateResolver.parseLiteral(ast, variables)),
});

/**
 * YYYY-MM-DD allows the year 0000, which PostgreSQL's calendar does not have: refused here as a bad value
 * rather than failing in the database as an internal error (found by test/hardening/fuzz.test.ts).
 */
function inPostgresRange(date: string): string {
  if (date.startsWith('0000-')) throw new GraphQLError(`Value is not a valid LocalDate: ${date} (the earliest is 0001-01-01)`);
  return date;
}

/** graphql-scalars' URL, but handing resolvers the validated string rather than a URL object. */
export const UrlScalar = new GraphQLScalarType({
  ...URLResolver.toConfig(),
  parseValue: (value) => (URLResolver.parseValue(value) as URL).toString(),
  parseLiteral: (ast, variables) => (URLResolver.parseLiteral(ast, variables) as URL).toString(),
});
