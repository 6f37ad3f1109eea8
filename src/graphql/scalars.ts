import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver, LocalDateResolver, URLResolver } from 'graphql-scalars';

export { DateTimeResolver as DateTimeScalar };

/**
 * graphql-scalars' LocalDate (YYYY-MM-DD), also serialising the JS Dates that Prisma returns for `@db.Date`
 * columns (midnight UTC), so that types can hold database rows as they are.
 */
export const LocalDateScalar = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  serialize: (value) =>
    value instanceof Date ? value.toISOString().slice(0, 10) : LocalDateResolver.serialize(value),
});

/** graphql-scalars' URL, but handing resolvers the validated string rather than a URL object. */
export const UrlScalar = new GraphQLScalarType({
  ...URLResolver.toConfig(),
  parseValue: (value) => (URLResolver.parseValue(value) as URL).toString(),
  parseLiteral: (ast, variables) => (URLResolver.parseLiteral(ast, variables) as URL).toString(),
});

/** Parses a LocalDate string into the Date that Prisma stores for a `@db.Date` column. */
export function localDateToDate(value: string): Date {
  return new Date(`${value}T00:00:00.000Z`);
}
