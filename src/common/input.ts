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

/** The ISO 4217 codes of the currencies in use, as the runtime's ICU data knows them (Intl). */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** An ISO 4217 currency code, upper-cased; refused unless it names a currency in use ("USD", "VND"). */
export function currencyCode(value: string, field: string[]): string {
  const code = value.trim().toUpperCase();
  if (!CURRENCIES.has(code)) throw new InvalidInputError(`${field.at(-1)} must be an ISO 4217 currency code such as "USD" (got "${value}")`, field);
  return code;
}

/**
 * A sum of money as exact decimal text with at most two decimals, as numeric(20, 2) holds it: greater than
 * zero, at most 18 digits before the point. Text, not a float, so that no cent is lost on the way.
 */
export function positiveAmount(value: string, field: string[]): string {
  const text = value.trim();
  if (!/^\d{1,18}(\.\d{1,2})?$/.test(text)) {
    throw new InvalidInputError(`${field.at(-1)} must be a decimal number such as "1000000" or "2.50" (at most 18 digits before the point and 2 after)`, field);
  }
  if (!/[1-9]/.test(text)) throw new InvalidInputError(`${field.at(-1)} must be greater than 0`, field);
  return text;
}
