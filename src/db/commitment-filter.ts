// The one compiler from a commitment filter to SQL. Lists, counts, nested connections, aggregates and the
// compiled execution path all call it, so that "the commitments this filter selects" means the same thing
// on every screen of a dashboard. It yields a parameterised boolean expression over the alias `c` (the
// commitment table); values never reach the SQL text. It takes the filter decoded and checked already
// (commitment/api/commitment-filter.decoder.ts), so it has no rule to enforce, only SQL to write.
import type { CommitmentStatus } from '../common/enums';
import { toLocalDate } from '../common/dates';
import { Prisma } from '../generated/prisma/client';

/** A commitment filter as the services take it: database ids, an upper-case country code, an ILIKE pattern. */
export interface CommitmentFilterQuery {
  and?: CommitmentFilterQuery[];
  or?: CommitmentFilterQuery[];
  not?: CommitmentFilterQuery;
  partnershipId?: number;
  partnershipIds?: number[];
  pillarId?: number;
  pillarIds?: number[];
  status?: CommitmentStatus[];
  /** ISO 3166-1 alpha-2, upper case. */
  country?: string;
  actorId?: number;
  tags?: string[];
  /** An ILIKE pattern (see common/input.ts searchPattern). */
  search?: string;
  /** LocalDates. */
  deadlineFrom?: string;
  deadlineTo?: string;
  hasDeadline?: boolean;
  overdue?: boolean;
  changedSince?: string;
  staleForDays?: number;
  /** Whether it has been assessed: lastAssessedAt is set (see the column's comment in prisma/schema.prisma). */
  assessed?: boolean;
  /** ISO timestamps: lastAssessedAt on or after / strictly before. A never-assessed commitment matches neither. */
  lastAssessedFrom?: string;
  lastAssessedBefore?: string;
  /** Only at the top level. */
  includeArchived?: boolean;
}

/** Statuses in which a commitment can no longer be late: it was delivered, replaced or dropped. */
export const SETTLED_STATUSES = ['COMPLETED', 'SUPERSEDED', 'ABANDONED'] as const;

/**
 * The countries a commitment involves: the parties to its partnership and the countries of its actors.
 * A subquery over `c`; the `country` filter and the COUNTRY grouping of the statistics both read it.
 */
export const COMMITMENT_COUNTRIES = Prisma.sql`(
  SELECT pp.country_code FROM partnership_party pp WHERE pp.partnership_id = c.partnership_id
  UNION
  SELECT a.country_code FROM commitment_actor ca JOIN actor a ON a.id = ca.actor_id
  WHERE ca.commitment_id = c.id AND a.country_code IS NOT NULL)`;

/**
 * Whether the filter sets no field outside `fields` (`includeArchived: false` is the default, so it counts
 * as unset). Read paths that answer from rollup tables, which know only some of a commitment's columns, ask
 * this before taking their shortcut.
 */
export function filterUsesOnly(filter: CommitmentFilterQuery | null | undefined, fields: ReadonlySet<string> = new Set()): boolean {
  return Object.entries(filter ?? {}).every(
    ([field, value]) => value == null || fields.has(field) || (field === 'includeArchived' && value === false),
  );
}

/**
 * The filter as a condition on `c`. "Today" is the date in UTC, or the day a read of the past is as of
 * (overdue and stale then mean overdue and stale on that day).
 */
export function compileCommitmentFilter(filter: CommitmentFilterQuery | null | undefined, today = toLocalDate(new Date())): Prisma.Sql {
  const conditions = filter ? [compile(filter, today)] : [];
  if (!filter?.includeArchived) conditions.push(Prisma.sql`c.archived_at IS NULL`);
  return all(conditions);
}

function all(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length ? Prisma.sql`(${Prisma.join(conditions, ' AND ')})` : Prisma.sql`TRUE`;
}

function any(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length ? Prisma.sql`(${Prisma.join(conditions, ' OR ')})` : Prisma.sql`FALSE`;
}

function compile(filter: CommitmentFilterQuery, today: string): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];

  if (filter.partnershipId != null) conditions.push(Prisma.sql`c.partnership_id = ANY(${[filter.partnershipId]}::int[])`);
  if (filter.partnershipIds) conditions.push(Prisma.sql`c.partnership_id = ANY(${filter.partnershipIds}::int[])`);
  if (filter.pillarId != null) conditions.push(Prisma.sql`c.pillar_id = ANY(${[filter.pillarId]}::int[])`);
  if (filter.pillarIds) conditions.push(Prisma.sql`c.pillar_id = ANY(${filter.pillarIds}::int[])`);
  if (filter.status) conditions.push(Prisma.sql`c.status = ANY(${filter.status}::commitment_status[])`);

  if (filter.country != null) conditions.push(Prisma.sql`${filter.country}::char(2) IN ${COMMITMENT_COUNTRIES}`);
  if (filter.actorId != null) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM commitment_actor ca WHERE ca.commitment_id = c.id AND ca.actor_id = ${filter.actorId}::int)`);
  }
  if (filter.tags) conditions.push(Prisma.sql`c.tags && ${filter.tags}::varchar[]`);

  if (filter.search != null) {
    // One branch per trigram index, so that each can use its own; an OR across tables could use none.
    conditions.push(Prisma.sql`c.id IN (
      SELECT s.id FROM commitment s WHERE s.title ILIKE ${filter.search}
      UNION SELECT s.id FROM commitment s WHERE s.description ILIKE ${filter.search}
      UNION SELECT p.commitment_id FROM provenance p WHERE p.quote ILIKE ${filter.search})`);
  }

  if (filter.deadlineFrom != null) conditions.push(Prisma.sql`c.deadline >= ${filter.deadlineFrom}::date`);
  if (filter.deadlineTo != null) conditions.push(Prisma.sql`c.deadline <= ${filter.deadlineTo}::date`);
  if (filter.hasDeadline != null) conditions.push(filter.hasDeadline ? Prisma.sql`c.deadline IS NOT NULL` : Prisma.sql`c.deadline IS NULL`);

  if (filter.overdue != null) {
    const overdue = Prisma.sql`(c.deadline IS NOT NULL AND c.deadline < ${today}::date AND c.status <> ALL(${[...SETTLED_STATUSES]}::commitment_status[]))`;
    conditions.push(filter.overdue ? overdue : Prisma.sql`NOT ${overdue}`);
  }
  if (filter.changedSince != null) conditions.push(Prisma.sql`c.status_since >= ${filter.changedSince}::date`);
  if (filter.staleForDays != null) {
    // Reviewed within the window: a status change (status_since) or a progress note effective in it. The
    // note's upper bound makes the same condition right for a day in the past (as-of reads).
    const since = Prisma.sql`${today}::date - ${filter.staleForDays}::int`;
    conditions.push(Prisma.sql`(c.status_since < ${since} AND NOT EXISTS (
      SELECT 1 FROM progress_note pn WHERE pn.commitment_id = c.id AND pn.effective_on >= ${since} AND pn.effective_on <= ${today}::date))`);
  }
  if (filter.assessed != null) conditions.push(filter.assessed ? Prisma.sql`c.last_assessed_at IS NOT NULL` : Prisma.sql`c.last_assessed_at IS NULL`);
  if (filter.lastAssessedFrom != null) conditions.push(Prisma.sql`c.last_assessed_at >= ${filter.lastAssessedFrom}::timestamptz`);
  if (filter.lastAssessedBefore != null) conditions.push(Prisma.sql`c.last_assessed_at < ${filter.lastAssessedBefore}::timestamptz`);

  if (filter.and) conditions.push(all(filter.and.map((nested) => compile(nested, today))));
  if (filter.or) conditions.push(any(filter.or.map((nested) => compile(nested, today))));
  // IS NOT TRUE rather than NOT: a condition on a NULL column (no deadline, no tags) is NULL, and its
  // negation must match that row.
  if (filter.not) conditions.push(Prisma.sql`(${compile(filter.not, today)}) IS NOT TRUE`);

  return all(conditions);
}
