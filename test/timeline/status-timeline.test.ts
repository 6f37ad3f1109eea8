// The status timeline on the curated seed data, and its two ways to the counts: the fast path
// (status_delta_monthly, kept by triggers) and the general path (the history itself) agree on the same data.
import { useTestServer } from '../support/fixture';
import { toGlobalId } from '../../src/relay/global-id';
import { Editor, STATUS_TIMELINE } from './timeline-helpers';

jest.setTimeout(120_000);

const suite = useTestServer({ database: 'seeded', countStatements: true });
const ids: Record<string, string> = {};

beforeAll(async () => {
  const { body } = await suite.server.graphql(`{ partnerships { id slug pillars { id slug } } }`);
  for (const partnership of body.data!.partnerships) {
    ids[partnership.slug] = partnership.id;
    for (const pillar of partnership.pillars) ids[pillar.slug] = pillar.id;
  }
});

async function timeline(variables: Record<string, unknown>) {
  const response = await suite.server.graphql(STATUS_TIMELINE, variables);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.statusTimeline;
}

/** The same selection, written so that the fast path cannot take it: an empty `and` matches everything. */
const generalFilter = (filter: Record<string, unknown> = {}) => ({ ...filter, and: [] });

describe('statusTimeline on the seed data', () => {
  it('shows the Vietnam–Singapore commitments from March 2025 on, none before', async () => {
    const result = await timeline({ filter: { partnershipId: ids['vietnam-singapore'] }, from: '2024-10-01', to: '2025-06-30', interval: 'MONTH' });
    expect(result.points.map((point: any) => point.asOf)).toEqual([
      '2024-10-31', '2024-11-30', '2024-12-31', '2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31', '2025-06-30',
    ]);
    for (const point of result.points.slice(0, 5)) {
      expect(point.counts.total).toBe(0);
      expect(point.completionRate).toBeNull();
      expect(point.compliance.averageScore).toBeNull();
    }
    for (const point of result.points.slice(5)) {
      expect(point.counts).toEqual({
        announced: 56, inProgress: 11, partiallyCompleted: 0, completed: 9, stalled: 0, abandoned: 0, superseded: 0, total: 76,
        completionRate: 9 / 76, followThroughRate: 9 / 76,
      });
      // Five joint-statement commitments moved on to IN_PROGRESS by the 12–13 March reports (neutral, as ANNOUNCED
      // is); the Vietnam–Singapore deadlines are in 2045 and 2050: nothing is overdue, so only COMPLETED moves the score.
      expect(point.compliance).toEqual({ scored: 76, compliant: 9, neutral: 67, nonCompliant: 0, averageScore: 9 / 76, percentage: ((9 / 76 + 1) / 2) * 100 });
    }
    expect(result.groups).toHaveLength(1);
    expect(result.groups[0].key).toBe('all');
  });

  it('matches the current status counts at today\'s period', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const [result, stats] = await Promise.all([
      timeline({ from: today, to: today, interval: 'YEAR', groupBy: 'PARTNERSHIP' }),
      suite.server.graphql(`{ commitmentStats(groupBy: PARTNERSHIP) { overall { total completed inProgress announced } groups { key counts { total completed } } } }`),
    ]);
    const overall = stats.body.data!.commitmentStats.overall;
    expect(result.points[0].counts).toMatchObject(overall);
    expect(result.groups.map((group: any) => [group.key, group.points[0].counts.total]).sort()).toEqual(
      stats.body.data!.commitmentStats.groups.map((group: any) => [group.key, group.counts.total]).sort(),
    );
  });

  it('reads status_delta_monthly on the fast path, and the history on the general path, with the same answer', async () => {
    for (const groupBy of ['NONE', 'PARTNERSHIP', 'PILLAR']) {
      for (const interval of ['MONTH', 'QUARTER', 'YEAR']) {
        const variables = { from: '2020-01-01', to: '2026-12-31', interval, groupBy };
        suite.counter.reset();
        const fast = await timeline(variables);
        expect(suite.counter.statements().some((statement) => statement.includes('status_delta_monthly'))).toBe(true);
        suite.counter.reset();
        const general = await timeline({ ...variables, filter: generalFilter() });
        expect(suite.counter.statements().some((statement) => statement.includes('status_delta_monthly'))).toBe(false);
        expect(general).toEqual(fast);
      }
    }
  });

  it('refuses more than 520 periods with BAD_USER_INPUT', async () => {
    // ISO weeks from the one of Saturday 2000-01-01 (Monday 1999-12-27) to the one of Thursday 2020-12-31.
    const response = await suite.server.graphql(STATUS_TIMELINE, { from: '2000-01-01', to: '2020-12-31', interval: 'WEEK' });
    expect(response.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['interval'], buckets: 1097, maxBuckets: 520 });
    expect(response.body.errors![0]!.message).toMatch(/1097 buckets; at most 520/);
    const longest = await timeline({ from: '2016-01-04', to: '2025-12-21', interval: 'WEEK' });
    expect(longest.points).toHaveLength(520);
    const reversed = await suite.server.graphql(STATUS_TIMELINE, { from: '2025-02-01', to: '2025-01-01', interval: 'MONTH' });
    expect(reversed.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['from'] });
  });
});

describe('the fast and the general path, after writes through the API', () => {
  const writes = useTestServer({ fixtures: 'write', apiKeys: { editor: 'EDITOR' } });
  let editor: Editor;

  beforeAll(async () => {
    editor = new Editor(writes.server, writes.keys.editor.authorization);
  });

  async function writesTimeline(variables: Record<string, unknown>) {
    const response = await writes.server.graphql(STATUS_TIMELINE, variables);
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.statusTimeline;
  }

  it('agree through status changes, a pillar move, a deadline change and archiving', async () => {
    const a = await editor.commitment(writes.fixtures.pillarId, '2024-01-15', '2024-06-30');
    const b = await editor.commitment(writes.fixtures.pillarId, '2024-02-01', '2024-12-31');
    const c = await editor.commitment(writes.fixtures.otherPillarId, '2024-03-10');
    await editor.status(a, 'IN_PROGRESS', '2024-05-31');
    await editor.status(a, 'STALLED', '2024-09-01');
    await editor.status(a, 'COMPLETED', '2025-01-31');
    await editor.status(b, 'COMPLETED', '2024-02-29');
    await editor.status(b, 'IN_PROGRESS', '2024-04-01');
    await editor.status(c, 'ABANDONED', '2024-03-31');

    const compare = async () => {
      for (const groupBy of ['NONE', 'PARTNERSHIP', 'PILLAR']) {
        for (const interval of ['MONTH', 'QUARTER']) {
          const variables = { from: '2023-11-01', to: '2025-03-31', interval, groupBy };
          const fast = await writesTimeline(variables);
          expect(fast.points.at(-1).counts.total).toBeGreaterThan(0);
          expect(await writesTimeline({ ...variables, filter: generalFilter() })).toEqual(fast);
        }
      }
      // The delta table holds exactly what the history gives, row for row.
      const { rows } = await writes.fixtures.database.pool.query(`
        WITH expected AS (
          SELECT d.month, c.pillar_id, d.status, sum(d.delta)::int AS delta, sum(d.overdue_delta)::int AS overdue_delta
          FROM status_change sc JOIN commitment c ON c.id = sc.commitment_id
          CROSS JOIN LATERAL status_change_deltas(sc.from_status, sc.to_status, sc.effective_on, c.deadline) d
          WHERE c.archived_at IS NULL GROUP BY 1, 2, 3)
        SELECT * FROM (SELECT month, pillar_id, status, delta, overdue_delta FROM status_delta_monthly
                       WHERE delta <> 0 OR overdue_delta <> 0 EXCEPT SELECT * FROM expected WHERE delta <> 0 OR overdue_delta <> 0) extra
        UNION ALL
        SELECT * FROM (SELECT * FROM expected WHERE delta <> 0 OR overdue_delta <> 0
                       EXCEPT SELECT month, pillar_id, status, delta, overdue_delta FROM status_delta_monthly) missing`);
      expect(rows).toEqual([]);
    };
    await compare();
    await editor.update(c, { deadline: { date: '2024-02-29', precision: 'DAY' } });
    await editor.update(b, { deadline: null });
    await compare();
    // Moved within its partnership: a second pillar of Vietnam–Singapore.
    const pillar = await writes.fixtures.database.prisma.pillar.create({ data: { slug: 'vn-sg-security', position: 2, name: 'Security', partnershipId: writes.fixtures.partnershipId } });
    await editor.update(a, { pillarId: toGlobalId('Pillar', pillar.id) });
    await compare();
    await editor.archive(b);
    await compare();
  });
});
