// Rules for input values that several domains' filters share, so that a country or a search means the
// same in every filter. Failures are BAD_USER_INPUT naming the field.
import { InvalidInputError } from './errors';

const MAX_SEARCH = 200;

/** An ISO 3166-1 alpha-2 code, upper-cased. */
export function countryCode(value: string, field: string[]): string {
  const code = value.toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) throw new InvalidInputError(`${field.at(-1)} must be an ISO 3166-1 alpha-2 code such as "VN"`, field);
  return code;
}

/**
 * A search text as an ILIKE pattern matching it anywhere. Its own `%`, `_` and `\` match literally
 * (backslash is ILIKE's default escape character), so a search for "100%" finds "100%", not "1000".
 */
export function searchPattern(value: string, field: string[]): string {
  const text = value.trim();
  if (text.length < 1 || text.length > MAX_SEARCH) {
    throw new InvalidInputError(`${field.at(-1)} must have 1 to ${MAX_SEARCH} characters besides surrounding spaces`, field);
  }
  return `%${text.replace(/[\\%_]/g, (special) => `\\${special}`)}%`;
}
