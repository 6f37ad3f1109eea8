// A CommitmentFilter as a client sends it (global IDs, any-case country codes, search text) turned into the
// query the services and the SQL compiler take (src/db/commitment-filter.ts), checked on the way: every
// failure is BAD_USER_INPUT naming the offending field by its full path (filter.and.0.pillarIds.3).
import { InvalidInputError } from '../../common/errors';
import { countryCode, searchPattern } from '../../common/input';
import type { CommitmentFilterQuery } from '../../db/commitment-filter';
import { fromGlobalId } from '../../relay/global-id';
import type { CommitmentFilter } from './commitment.input';

const MAX_DEPTH = 6;
const MAX_LIST = 100;

/** The filter given as the argument `argument` (`filter` everywhere today), decoded; undefined when absent. */
export function decodeCommitmentFilter(filter: CommitmentFilter | null | undefined, argument = 'filter'): CommitmentFilterQuery | undefined {
  return filter ? decode(filter, [argument], 0) : undefined;
}

function decode(filter: CommitmentFilter, path: string[], depth: number): CommitmentFilterQuery {
  const at = (...field: string[]) => [...path, ...field];
  if (depth > MAX_DEPTH) throw new InvalidInputError(`Filters may be nested at most ${MAX_DEPTH} levels deep`, path);
  if (depth > 0 && filter.includeArchived != null) {
    throw new InvalidInputError('includeArchived applies to the whole filter: give it at the top level only', at('includeArchived'));
  }
  const query: CommitmentFilterQuery = {};

  const list = <T>(values: T[] | null | undefined, field: string): T[] | undefined => {
    if (values && values.length > MAX_LIST) throw new InvalidInputError(`${field} takes at most ${MAX_LIST} values`, at(field));
    return values ?? undefined;
  };
  const ids = (values: string[] | null | undefined, type: string, field: string) =>
    list(values, field)?.map((id, index) => fromGlobalId(id, type, at(field, String(index))));

  if (filter.partnershipId != null) query.partnershipId = fromGlobalId(filter.partnershipId, 'Partnership', at('partnershipId'));
  query.partnershipIds = ids(filter.partnershipIds, 'Partnership', 'partnershipIds');
  if (filter.pillarId != null) query.pillarId = fromGlobalId(filter.pillarId, 'Pillar', at('pillarId'));
  query.pillarIds = ids(filter.pillarIds, 'Pillar', 'pillarIds');
  query.status = list(filter.status, 'status');
  if (filter.country != null) query.country = countryCode(filter.country, at('country'));
  if (filter.actorId != null) query.actorId = fromGlobalId(filter.actorId, 'Actor', at('actorId'));
  query.tags = list(filter.tags, 'tags');
  if (filter.search != null) query.search = searchPattern(filter.search, at('search'));

  if (filter.deadlineFrom != null && filter.deadlineTo != null && filter.deadlineFrom > filter.deadlineTo) {
    throw new InvalidInputError('deadlineFrom must not be after deadlineTo', at('deadlineFrom'));
  }
  query.deadlineFrom = filter.deadlineFrom ?? undefined;
  query.deadlineTo = filter.deadlineTo ?? undefined;
  query.hasDeadline = filter.hasDeadline ?? undefined;
  query.overdue = filter.overdue ?? undefined;
  query.changedSince = filter.changedSince ?? undefined;
  if (filter.staleForDays != null) {
    if (!Number.isInteger(filter.staleForDays) || filter.staleForDays < 0 || filter.staleForDays > 36_500) {
      throw new InvalidInputError('staleForDays must be between 0 and 36500', at('staleForDays'));
    }
    query.staleForDays = filter.staleForDays;
  }
  query.assessed = filter.assessed ?? undefined;
  if (filter.lastAssessedFrom != null && filter.lastAssessedBefore != null && filter.lastAssessedFrom >= filter.lastAssessedBefore) {
    throw new InvalidInputError('lastAssessedFrom must be before lastAssessedBefore', at('lastAssessedFrom'));
  }
  query.lastAssessedFrom = filter.lastAssessedFrom?.toISOString();
  query.lastAssessedBefore = filter.lastAssessedBefore?.toISOString();
  query.includeArchived = filter.includeArchived ?? undefined;

  query.and = list(filter.and, 'and')?.map((nested, index) => decode(nested, at('and', String(index)), depth + 1));
  query.or = list(filter.or, 'or')?.map((nested, index) => decode(nested, at('or', String(index)), depth + 1));
  if (filter.not) query.not = decode(filter.not, at('not'), depth + 1);
  return query;
}
