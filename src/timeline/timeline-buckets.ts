// The periods of a status timeline: calendar weeks (ISO, Monday to Sunday), months, quarters or years,
// from the one containing `from` to the one containing `to`. Each is reported as of its last day.
import { InvalidInputError } from '../common/errors';

export enum TimelineInterval {
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}

/** About ten years of weeks: enough for any chart, and a bound on the rows one request can ask for. */
export const MAX_BUCKETS = 520;

export interface Bucket {
  /** First day of the period (LocalDate). */
  start: string;
  /** Last day of the period: the date the counts are as of (LocalDate). */
  end: string;
}

const DAY_MS = 86_400_000;
const MONTHS: Record<Exclude<TimelineInterval, 'WEEK'>, number> = { MONTH: 1, QUARTER: 3, YEAR: 12 };

const toDate = (value: string) => new Date(`${value}T00:00:00.000Z`);
const toLocal = (date: Date) => date.toISOString().slice(0, 10);

function periodStart(date: Date, interval: TimelineInterval): Date {
  if (interval === TimelineInterval.WEEK) return new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * DAY_MS);
  const months = MONTHS[interval];
  return new Date(Date.UTC(date.getUTCFullYear(), Math.floor(date.getUTCMonth() / months) * months, 1));
}

function nextStart(start: Date, interval: TimelineInterval): Date {
  if (interval === TimelineInterval.WEEK) return new Date(start.getTime() + 7 * DAY_MS);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + MONTHS[interval], 1));
}

function countBetween(first: Date, last: Date, interval: TimelineInterval): number {
  if (interval === TimelineInterval.WEEK) return Math.round((last.getTime() - first.getTime()) / (7 * DAY_MS)) + 1;
  const monthIndex = (date: Date) => date.getUTCFullYear() * 12 + date.getUTCMonth();
  return (monthIndex(last) - monthIndex(first)) / MONTHS[interval] + 1;
}

/** The buckets, oldest first; BAD_USER_INPUT when `from` is after `to` or there would be more than MAX_BUCKETS. */
export function timelineBuckets(from: string, to: string, interval: TimelineInterval): Bucket[] {
  if (from > to) throw new InvalidInputError(`from ${from} is after to ${to}`, ['from']);
  const first = periodStart(toDate(from), interval);
  const last = periodStart(toDate(to), interval);
  // Counted before any bucket is built, so that a request for a million weeks costs nothing.
  const count = countBetween(first, last, interval);
  if (count > MAX_BUCKETS) {
    throw new InvalidInputError(
      `${from}..${to} by ${interval} gives ${count} buckets; at most ${MAX_BUCKETS} are allowed: shorten the range or use a longer interval`,
      ['interval'],
      { buckets: count, maxBuckets: MAX_BUCKETS },
    );
  }
  const buckets: Bucket[] = [];
  for (let start = first; start <= last; ) {
    const next = nextStart(start, interval);
    buckets.push({ start: toLocal(start), end: toLocal(new Date(next.getTime() - DAY_MS)) });
    start = next;
  }
  return buckets;
}
