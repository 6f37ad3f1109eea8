// Aggregates over HTTP, on data this file makes: exact counts and rates for every grouping, the same
// filter as the lists, and statusCounts on partnerships and pillars.
import { useTestServer } from '../support/fixture';

const suite = useTestServer({ fixtures: 'commitments' });

const COUNTS = 'announced inProgress partiallyCompleted completed stalled abandoned superseded total completionRate followThroughRate';

const STATS = `query ($filter: CommitmentFilter, $groupBy: CommitmentGroupBy) {
  commitmentStats(filter: $filter, groupBy: $groupBy) {
    groupBy
    overall { ${COUNTS} }
    groups { key label nodeId completionRate followThroughRate counts { ${COUNTS} } }
  }
}`;

type Counts = Record<string, number | null>;

/** Counts with every status zero unless given, and the total and rates derived from them. */
function counts(given: Partial<Record<'announced' | 'inProgress' | 'partiallyCompleted' | 'completed' | 'stalled' | 'abandoned' | 'superseded', number>>): Counts {
  const all = { announced: 0, inProgress: 0, partiallyCompleted: 0, completed: 0, stalled: 0, abandoned: 0, superseded: 0, ...given };
  const total = Object.values(all).reduce((sum, count) => sum + count, 0);
  return {
    ...all,
    total,
    completionRate: total ? all.completed / total : null,
    followThroughRate: total ? (all.completed + all.partiallyCompleted) / total : null,
  };
}

async function stats(groupBy: string, filter?: Record<string, unknown>) {
  const { body } = await suite.server.graphql(STATS, { groupBy, filter });
  expect(body.errors).toBeUndefined();
  return body.data!.commitmentStats as {
    groupBy: string;
    overall: Counts;
    groups: { key: string; label: string; nodeId: string | null; completionRate: number | null; followThroughRate: number | null; counts: Counts }[];
  };
}

const ALL = counts({ announced: 2, inProgress: 2, partiallyCompleted: 1, completed: 2, stalled: 1, abandoned: 1, superseded: 1 });

describe('commitmentStats', () => {
  it('counts every non-archived commitment without grouping', async () => {
    const result = await stats('NONE');
    expect(result.overall).toEqual(ALL);
    expect(result.overall).toMatchObject({ total: 10, completionRate: 0.2, followThroughRate: 0.3 });
    expect(result.groups).toEqual([{ key: 'all', label: 'All commitments', nodeId: null, completionRate: 0.2, followThroughRate: 0.3, counts: ALL }]);
  });

  it('groups by partnership', async () => {
    const result = await stats('PARTNERSHIP');
    expect(result.overall).toEqual(ALL);
    expect(result.groups).toEqual([
      { key: 'uv', label: 'United States–Vietnam', nodeId: suite.ids.uv, completionRate: 0.2, followThroughRate: 0.2, counts: counts({ announced: 1, inProgress: 1, completed: 1, abandoned: 1, superseded: 1 }) },
      { key: 'vs', label: 'Vietnam–Singapore', nodeId: suite.ids.vs, completionRate: 0.2, followThroughRate: 0.4, counts: counts({ announced: 1, inProgress: 1, partiallyCompleted: 1, completed: 1, stalled: 1 }) },
    ]);
  });

  it('groups by pillar', async () => {
    const result = await stats('PILLAR');
    expect(result.groups.map((group) => [group.key, group.counts.total, group.completionRate])).toEqual([
      ['uv-tech', 3, 0],
      ['vs-econ', 3, 0],
      ['uv-sec', 2, 0.5],
      ['vs-sec', 2, 0.5],
    ]);
    expect(result.groups[0]!.nodeId).toBe(suite.ids['uv-tech']);
  });

  it('groups by country involved: a commitment counts in each of its countries, and once overall', async () => {
    const result = await stats('COUNTRY');
    expect(result.overall.total).toBe(10);
    expect(result.groups.map((group) => [group.key, group.label, group.counts.total])).toEqual([
      ['VN', 'Viet Nam', 10],
      ['SG', 'Singapore', 5],
      ['US', 'United States', 5],
      ['JP', 'Japan', 2],
    ]);
    expect(result.groups.find((group) => group.key === 'JP')!.counts).toEqual(counts({ inProgress: 2 }));
  });

  it('groups by actor, leaving commitments without actors out of the groups but not out of the total', async () => {
    const result = await stats('ACTOR');
    expect(result.overall.total).toBe(10);
    expect(result.groups.map((group) => [group.key, group.counts.total])).toEqual([
      ['gov-us', 3],
      ['gov-vn', 3],
      ['gov-sg', 2],
      ['jp-co', 2],
      ['asean', 1],
    ]);
    expect(result.groups.find((group) => group.key === 'gov-vn')).toMatchObject({
      label: 'Government of Viet Nam',
      nodeId: suite.ids['gov-vn'],
      counts: counts({ announced: 1, completed: 1, partiallyCompleted: 1 }),
      completionRate: 1 / 3,
      followThroughRate: 2 / 3,
    });
  });

  it('groups by tag and by status', async () => {
    const byTag = await stats('TAG');
    expect(byTag.groups.map((group) => [group.key, group.label, group.counts.total])).toEqual([
      ['digital', 'digital', 3],
      ['security', 'security', 3],
      ['trade', 'trade', 3],
      ['energy', 'energy', 2],
    ]);
    const byStatus = await stats('STATUS');
    expect(byStatus.groups.map((group) => [group.key, group.label, group.counts.total])).toEqual([
      ['ANNOUNCED', 'Announced', 2],
      ['COMPLETED', 'Completed', 2],
      ['IN_PROGRESS', 'In progress', 2],
      ['ABANDONED', 'Abandoned', 1],
      ['PARTIALLY_COMPLETED', 'Partially completed', 1],
      ['STALLED', 'Stalled', 1],
      ['SUPERSEDED', 'Superseded', 1],
    ]);
    expect(byStatus.groups.find((group) => group.key === 'COMPLETED')!.completionRate).toBe(1);
  });

  it('honours the same filter as the lists, archived commitments included on request', async () => {
    const overdue = await stats('PARTNERSHIP', { overdue: true });
    expect(overdue.overall).toEqual(counts({ inProgress: 1, stalled: 1 }));
    expect(overdue.groups.map((group) => group.key)).toEqual(['vs']);
    const withArchived = await stats('NONE', { includeArchived: true, partnershipId: suite.ids.vs });
    expect(withArchived.overall).toEqual(counts({ announced: 1, inProgress: 1, partiallyCompleted: 1, completed: 2, stalled: 1 }));
  });

  it('gives zero counts and null rates when nothing matches', async () => {
    const none = await stats('NONE', { search: 'no such words' });
    expect(none.overall).toEqual(counts({}));
    expect(none.overall.completionRate).toBeNull();
    expect((await stats('TAG', { search: 'no such words' })).groups).toEqual([]);
  });

  it('refuses an invalid filter with BAD_USER_INPUT naming the field', async () => {
    const { body } = await suite.server.graphql(STATS, { groupBy: 'TAG', filter: { staleForDays: -3 } });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['filter', 'staleForDays'] });
  });
});

describe('statusCounts on partnerships and pillars', () => {
  it('counts each partnership\'s and pillar\'s commitments by status', async () => {
    const { body } = await suite.server.graphql(`{
      partnerships { slug statusCounts { ${COUNTS} } pillars { slug statusCounts { total completed } } }
    }`);
    expect(body.errors).toBeUndefined();
    const bySlug = Object.fromEntries(body.data!.partnerships.map((partnership: { slug: string }) => [partnership.slug, partnership]));
    expect(bySlug.vs.statusCounts).toEqual(counts({ announced: 1, inProgress: 1, partiallyCompleted: 1, completed: 1, stalled: 1 }));
    expect(bySlug.uv.statusCounts).toEqual(counts({ announced: 1, inProgress: 1, completed: 1, abandoned: 1, superseded: 1 }));
    expect(bySlug.vs.pillars).toEqual([
      { slug: 'vs-sec', statusCounts: { total: 2, completed: 1 } },
      { slug: 'vs-econ', statusCounts: { total: 3, completed: 0 } },
    ]);
  });

  it('takes the same filter', async () => {
    const { body } = await suite.server.graphql(`{ partnerships { slug statusCounts(filter: { tags: ["trade"], includeArchived: true }) { total completed } } }`);
    const bySlug = Object.fromEntries(body.data!.partnerships.map((partnership: { slug: string; statusCounts: unknown }) => [partnership.slug, partnership.statusCounts]));
    expect(bySlug).toEqual({ vs: { total: 3, completed: 1 }, uv: { total: 1, completed: 1 } });
  });

  it('gives zeros for a pillar without commitments', async () => {
    await suite.database.prisma.pillar.create({ data: { slug: 'vs-empty', name: 'Empty', position: 3, partnershipId: suite.dbIds.vs! } });
    const { body } = await suite.server.graphql(`{ partnership(slug: "vs") { pillars { slug statusCounts { total completionRate } } } }`);
    expect(body.data!.partnership.pillars.at(-1)).toEqual({ slug: 'vs-empty', statusCounts: { total: 0, completionRate: null } });
  });
});
