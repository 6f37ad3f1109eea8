// "As of a date" in SQL: a commitment's status on a day in the past is the status its latest history
// entry effective on or before that day moved it to. Reads of the past (statusAsOf, the asOf arguments,
// the compliance score) all build on these fragments, so they cannot disagree with each other.
import { Prisma } from '../generated/prisma/client';
import { columnOf } from './tables/columns';
import { COMMITMENT_COLUMNS } from './tables/commitment';

/** A point in the past: the day, and optionally what had been recorded by a moment (audits, reproducible reports). */
export interface AsOf {
  /** LocalDate. */
  date: string;
  /** Only history recorded (recorded_at) up to this moment counts; all of it when absent. */
  asKnownOn?: Date | null;
}

/**
 * The latest history entry of the commitment `commitmentId` as of `asOf`, as a subquery giving `to_status`
 * and `effective_on`: one descent of the (commitment_id, effective_on DESC, id DESC) index. Same-day
 * entries are in the order they were recorded (id).
 */
export function latestChangeAsOf(commitmentId: Prisma.Sql, { date, asKnownOn }: AsOf): Prisma.Sql {
  const known = asKnownOn ? Prisma.sql`AND sc.recorded_at <= ${asKnownOn}::timestamptz` : Prisma.empty;
  return Prisma.sql`SELECT sc.to_status, sc.effective_on FROM status_change sc
    WHERE sc.commitment_id = ${commitmentId} AND sc.effective_on <= ${date}::date ${known}
    ORDER BY sc.effective_on DESC, sc.id DESC LIMIT 1`;
}

/** The status and its date as the history entry `h` has them; every other column as it is now. */
const AS_OF_OVERRIDES: Record<string, string> = { status: 'h.to_status AS status', status_since: 'h.effective_on AS status_since' };
const AS_OF_COLUMNS = Prisma.raw(
  Object.values(COMMITMENT_COLUMNS)
    .map(columnOf)
    .map((column) => AS_OF_OVERRIDES[column] ?? `c0.${column}`)
    .join(', '),
);

/**
 * The commitment table as it stood on `asOf.date`: only commitments announced by then (with a history entry
 * by then), with `status` and `status_since` as of that day and every other column as it is now. It has
 * the columns of `commitment`, so the filter compiler and the statistics read it under the alias `c`
 * unchanged ("FROM ${commitmentsAsOf(asOf)} c").
 */
export function commitmentsAsOf(asOf: AsOf): Prisma.Sql {
  return Prisma.sql`(
    SELECT ${AS_OF_COLUMNS}
    FROM commitment c0
    CROSS JOIN LATERAL (${latestChangeAsOf(Prisma.sql`c0.id`, asOf)}) h
    WHERE c0.announced_on <= ${asOf.date}::date)`;
}
