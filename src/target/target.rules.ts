// The rules of targets and readings that need no database: numbers as exact decimals, units named.
import { InvalidInputError } from '../common/errors';

/** What numeric(24, 6) holds: up to 18 digits before the point and 6 after. */
const DECIMAL = /^-?\d{1,18}(\.\d{1,6})?$/;

/** A decimal as text, trimmed; refused, naming the field, unless it is a plain number ("1250", "-3.5"). */
export function decimal(value: string, field: string[]): string {
  const text = value.trim();
  if (!DECIMAL.test(text)) {
    throw new InvalidInputError(
      `${field.at(-1)} must be a plain number without its unit, e.g. "1250" or "12.5", at most 18 digits before the point and 6 after (got "${value}")`,
      field,
    );
  }
  return text;
}

/** A unit: not blank once trimmed. */
export function unitOf(value: string, field: string[]): string {
  const unit = value.trim();
  if (unit === '') throw new InvalidInputError(`${field.at(-1)} is required: name what the values count, e.g. "MW", "students", "USD million"`, field);
  return unit;
}

/** Progress runs from the baseline to the target value: they must differ. */
export function requireRange(baseline: string, targetValue: string, field: string[]): void {
  if (normalized(baseline) === normalized(targetValue)) {
    throw new InvalidInputError(`targetValue must differ from baseline (${baseline}): progress is measured from one to the other`, field);
  }
}

/** "-0012.500" → "-12.5", to compare decimals exactly. */
function normalized(text: string): string {
  const [whole = '0', fraction = ''] = text.replace(/^-/, '').split('.');
  const digits = `${whole.replace(/^0+(?=\d)/, '')}${fraction.replace(/0+$/, '') ? `.${fraction.replace(/0+$/, '')}` : ''}`;
  return digits === '0' ? '0' : `${text.startsWith('-') ? '-' : ''}${digits}`;
}
