// Calendar dates (LocalDate strings, YYYY-MM-DD) in write rules.
import { DatePrecision } from './enums';
import { InvalidInputError } from './errors';

/**
 * The latest calendar date anywhere on Earth (UTC+14). "Not in the future" is checked against it, so that an
 * editor in Hanoi recording this morning's signing is not refused while it is still yesterday in UTC.
 */
export function latestToday(now = new Date()): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

export function requireNotFuture(date: string, field: string[]): void {
  const today = latestToday();
  if (date > today) throw new InvalidInputError(`${field.at(-1)} ${date} is in the future; today is ${today} at the latest`, field);
}

/** The last day of the period a date stands for at a precision: "2030" with YEAR is 2030-12-31. */
export function endOfPeriod(date: string, precision: DatePrecision): string {
  const [year, month] = date.split('-').map(Number) as [number, number];
  if (precision === DatePrecision.YEAR) return `${year}-12-31`;
  if (precision === DatePrecision.MONTH) return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  return date;
}

/** A database `date` (midnight UTC) as a LocalDate string. */
export function toLocalDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Parses a LocalDate string into the Date that Prisma stores for a `@db.Date` column. */
export function localDateToDate(value: string): Date {
  return new Date(`${value}T00:00:00.000Z`);
}
