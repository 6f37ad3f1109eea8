// The one compiler from CommitmentFilter to SQL. Lists, counts, nested connections and aggregates all call
// it, so that "the commitments this filter selects" means the same thing on every screen of a dashboard.
// It yields a parameterised boolean expression over the alias `c` (the commitment table); values never
// reach the SQL text. It also validates the filter, naming the offending field by its full path.
import { toLocalDate } from '../common/dates';
import { InvalidInputError } from '../common/errors';
import { countryCode, searchPattern } from '../common/input';
import { Prisma } from '../generated/prisma/client';
import { fromGlobalId } from '../relay/global-id';
import type { CommitmentFilter } from './commitment.input';

/** Statuses in which a commitment can no longer be late: it was delivered, replaced or dropped. */
const SETTLED_STATUSES = ['COMPLETED', 'SUPERSEDED', 'ABANDONED'] as const;

const MAX_DEPTH = 6;
const MAX_LIST = 100;

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
 * The filter (the argument named `filter`, for error paths) as a condition on `c`. "Today" is the date in UTC,
 * or the day a read of the past is as of (overdue and stale then mean overdue and stale on that day).
 */
/**
 * Whether the filter sets no field outside `fields` (null and undefined count as unset; `includeArchived:
 * false` is the default, so it counts as unset too). Read paths that answer from rollup tables, which know
 * only some of a commitment's columns, ask this before taking their shortcut.
 */
export function filterUsesOnly(filter: CommitmentFilter | null | undefined, fields: ReadonlySet<string> = new Set()): boolean {
  return Object.entries(filter ?? {}).every(
    ([field, value]) => value == null || fields.has(field) || (field === 'includeArchived' && value === false),
  );
}

export function compileCommitmentFilter(filter: CommitmentFilter | null | undefined, today = toLocalDate(new Date())): Prisma.Sql {
  const conditions = filter ? [compile(filter, ['filter'], today, 0)] : [];
  if (!filter?.includeArchived) conditions.push(Prisma.sql`c.archived_at IS NULL`);
  return all(conditions);
}

function all(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length ? Prisma.sql`(${Prisma.join(conditions, ' AND ')})` : Prisma.sql`TRUE`;
}

function any(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length ? Prisma.sql`(${Prisma.join(conditions, ' OR ')})` : Prisma.sql`FALSE`;
}

function compile(filter: CommitmentFilter, path: string[], today: string, depth: number): Prisma.Sql {
  const at = (...field: string[]) => [...path, ...field];
  if (depth > MAX_DEPTH) throw new InvalidInputError(`Filters may be nested at most ${MAX_DEPTH} levels deep`, path);
  if (depth > 0 && filter.includeArchived != null) {
    throw new InvalidInputError('includeArchived applies to the whole filter: give it at the top level only', at('includeArchived'));
  }
  const conditions: Prisma.Sql[] = [];

  const list = <T>(values: T[] | null | undefined, field: string): T[] | undefined => {
    if (values && values.length > MAX_LIST) throw new InvalidInputError(`${field} takes at most ${MAX_LIST} values`, at(field));
    return values ?? undefined;
  };
  const ids = (one: string | null | undefined, many: string[] | null | undefined, type: string, field: string) => {
    const decoded: number[][] = [];
    if (one != null) decoded.push([fromGlobalId(one, type, at(field))]);
    const values = list(many, `${field}s`);
    if (values) decoded.push(values.map((id, index) => fromGlobalId(id, type, at(`${field}s`, String(index)))));
    return decoded;
  };

  for (const values of ids(filter.partnershipId, filter.partnershipIds, 'Partnership', 'partnershipId')) {
    conditions.push(Prisma.sql`c.partnership_id = ANY(${values}::int[])`);
  }
  for (const values of ids(filter.pillarId, filter.pillarIds, 'Pillar', 'pillarId')) {
    conditions.push(Prisma.sql`c.pillar_id = ANY(${values}::int[])`);
  }
  const statuses = list(filter.status, 'status');
  if (statuses) conditions.push(Prisma.sql`c.status = ANY(${statuses}::commitment_status[])`);

  if (filter.country != null) {
    const code = countryCode(filter.country, at('country'));
    conditions.push(Prisma.sql`${code}::char(2) IN ${COMMITMENT_COUNTRIES}`);
  }
  if (filter.actorId != null) {
    const actorId = fromGlobalId(filter.actorId, 'Actor', at('actorId'));
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM commitment_actor ca WHERE ca.commitment_id = c.id AND ca.actor_id = ${actorId}::int)`);
  }
  const tags = list(filter.tags, 'tags');
  if (tags) conditions.push(Prisma.sql`c.tags && ${tags}::varchar[]`);

  if (filter.search != null) {
    const pattern = searchPattern(filter.search, at('search'));
    // One branch per trigram index, so that each can use its own; an OR across tables could use none.
    conditions.push(Prisma.sql`c.id IN (
      SELECT s.id FROM commitment s WHERE s.title ILIKE ${pattern}
      UNION SELECT s.id FROM commitment s WHERE s.description ILIKE ${pattern}
      UNION SELECT p.commitment_id FROM provenance p WHERE p.quote ILIKE ${pattern})`);
  }

  if (filter.deadlineFrom != null && filter.deadlineTo != null && filter.deadlineFrom > filter.deadlineTo) {
    throw new InvalidInputError('deadlineFrom must not be after deadlineTo', at('deadlineFrom'));
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
    if (!Number.isInteger(filter.staleForDays) || filter.staleForDays < 0 || filter.staleForDays > 36_500) {
      throw new InvalidInputError('staleForDays must be between 0 and 36500', at('staleForDays'));
    }
    conditions.push(Prisma.sql`c.status_since < ${today}::date - ${filter.staleForDays}::int`);
  }

  const and = list(filter.and, 'and');
  if (and) conditions.push(all(and.map((nested, index) => compile(nested, at('and', String(index)), today, depth + 1))));
  const or = list(filter.or, 'or');
  if (or) conditions.push(any(or.map((nested, index) => compile(nested, at('or', String(index)), today, depth + 1))));
  // IS NOT TRUE rather than NOT: a condition on a NULL column (no deadline, no tags) is NULL, and its
  // negation must match that row.
  if (filter.not) conditions.push(Prisma.sql`(${compile(filter.not, at('not'), today, depth + 1)}) IS NOT TRUE`);

  return all(conditions);
}
