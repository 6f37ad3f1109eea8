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

/**
 * The commitment table with `status` and `status_since` as of the day `date`, a date expression that may be
 * NULL per row of an outer query (then both are as they are now): what the compiled path reads the nodes
 * of a page of commitments from, so that `commitments(asOf:)` shows each as it stood that day, as
 * commitmentsAsOf gives the resolvers. The history is read only where `date` is not NULL. Read from the
 * commitment table, or from `rows`, a relation of its rows (a page's).
 */
export function commitmentsAsOfOrNow(date: Prisma.Sql, rows?: Prisma.Sql): Prisma.Sql {
  const latest = (column: string) => Prisma.sql`(SELECT sc.${Prisma.raw(column)} FROM status_change sc
    WHERE sc.commitment_id = c0.id AND sc.effective_on <= ${date} ORDER BY sc.effective_on DESC, sc.id DESC LIMIT 1)`;
  const overrides: Record<string, Prisma.Sql> = {
    status: Prisma.sql`CASE WHEN ${date} IS NULL THEN c0.status ELSE ${latest('to_status')} END AS status`,
    status_since: Prisma.sql`CASE WHEN ${date} IS NULL THEN c0.status_since ELSE ${latest('effective_on')} END AS status_since`,
  };
  const columns = Object.values(COMMITMENT_COLUMNS)
    .map(columnOf)
    .map((column) => overrides[column] ?? Prisma.raw(`c0.${column}`));
  // From `rows` (commitment rows and their `ordinality` in a page), that column is kept.
  return rows
    ? Prisma.sql`(SELECT ${Prisma.join(columns, ', ')}, c0.ordinality FROM ${rows} c0)`
    : Prisma.sql`(SELECT ${Prisma.join(columns, ', ')} FROM commitment c0)`;
}
