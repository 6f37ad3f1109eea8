// The commitment filter in its two halves: the API layer's decoder, which checks a client's filter and names
// the field at fault, and the SQL compiler, which only writes SQL. The compiler's text is snapshotted (one
// condition a line) so that a change to what a filter selects shows up as a diff; values stay parameters.
import { decodeCommitmentFilter } from '../../src/commitment/api/commitment-filter.decoder';
import type { CommitmentFilter } from '../../src/commitment/api/commitment.input';
import { compileCommitmentFilter } from '../../src/db/commitment-filter';
import { InvalidInputError } from '../../src/common/errors';
import { toGlobalId } from '../../src/relay/global-id';

const TODAY = '2026-12-07';
const shown = (filter: CommitmentFilter) => {
  const sql = compileCommitmentFilter(decodeCommitmentFilter(filter), TODAY);
  return { text: sql.text.replace(/\s+/g, ' ').replace(/ (AND|OR) /g, '\n$1 ').trim(), values: sql.values };
};
const failure = (filter: CommitmentFilter) => {
  try {
    decodeCommitmentFilter(filter);
  } catch (error) {
    if (error instanceof InvalidInputError) return { message: error.message, field: error.field };
    throw error;
  }
  throw new Error('the filter was accepted');
};

describe('decodeCommitmentFilter', () => {
  it('turns global IDs into database ids, upper-cases the country and makes the search an ILIKE pattern', () => {
    expect(
      decodeCommitmentFilter({
        partnershipIds: [toGlobalId('Partnership', 3)],
        pillarId: toGlobalId('Pillar', 7),
        actorId: toGlobalId('Actor', 11),
        country: 'vn',
        search: ' 100%_ ',
        or: [{ overdue: true }, { not: { status: ['COMPLETED' as never] } }],
      }),
    ).toMatchObject({ partnershipIds: [3], pillarId: 7, actorId: 11, country: 'VN', search: '%100\\%\\_%', or: [{ overdue: true }, { not: { status: ['COMPLETED'] } }] });
  });

  it('leaves an absent filter absent: the compiler then keeps only non-archived commitments', () => {
    expect(decodeCommitmentFilter(null)).toBeUndefined();
    expect(compileCommitmentFilter(undefined).text).toBe('(c.archived_at IS NULL)');
  });

  it.each([
    [{ pillarIds: ['x', toGlobalId('Partnership', 1)] }, ['filter', 'pillarIds', '0']],
    [{ and: [{ or: [{ actorId: toGlobalId('Pillar', 1) }] }] }, ['filter', 'and', '0', 'or', '0', 'actorId']],
    [{ not: { includeArchived: true } }, ['filter', 'not', 'includeArchived']],
    [{ deadlineFrom: '2030-01-01', deadlineTo: '2029-01-01' }, ['filter', 'deadlineFrom']],
    [{ staleForDays: -1 }, ['filter', 'staleForDays']],
    [{ country: 'Vietnam' }, ['filter', 'country']],
    [{ tags: Array.from({ length: 101 }, (_, i) => `t${i}`) }, ['filter', 'tags']],
  ] as [CommitmentFilter, string[]][])('refuses %j naming the field', (filter, field) => {
    expect(failure(filter).field).toEqual(field);
  });

  it('refuses filters nested deeper than six levels, at the level that is too deep', () => {
    let filter: CommitmentFilter = { overdue: true };
    for (let i = 0; i < 7; i++) filter = { not: filter };
    expect(failure(filter)).toEqual({ message: 'Filters may be nested at most 6 levels deep', field: ['filter', ...Array(7).fill('not')] });
  });

  it('reports the first field at fault in the order the fields are read (ids before countries)', () => {
    expect(failure({ country: 'nope', partnershipId: 'nope' }).field).toEqual(['filter', 'partnershipId']);
  });
});

describe('compileCommitmentFilter', () => {
  it('writes every condition of a filter as a parameter, ANDed, with archived commitments left out', () => {
    expect(
      shown({
        partnershipId: toGlobalId('Partnership', 1),
        status: ['IN_PROGRESS' as never],
        country: 'SG',
        tags: ['digital-economy'],
        deadlineTo: '2030-12-31',
        overdue: false,
        staleForDays: 90,
      }),
    ).toMatchSnapshot();
  });

  it('composes and, or and not; not matches the rows on which a condition is NULL', () => {
    expect(shown({ or: [{ hasDeadline: false }, { not: { tags: ['trade'] } }], includeArchived: true })).toMatchSnapshot();
  });

  it('judges overdue and stale against the day it is given (a read of the past passes that day)', () => {
    const sql = compileCommitmentFilter({ overdue: true, staleForDays: 30 }, '2025-01-31');
    // Stale: no status change, nor a progress note effective from 30 days before that day up to the day.
    expect(sql.values).toEqual(['2025-01-31', ['COMPLETED', 'SUPERSEDED', 'ABANDONED'], '2025-01-31', 30, '2025-01-31', 30, '2025-01-31']);
  });
});
