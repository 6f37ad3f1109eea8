// Overdue and stale commitments per partnership and pillar: counts that agree with the lists the filter gives,
// in a constant number of statements however many partnerships and pillars a response holds.
import { useTestServer } from '../support/fixture';
import { COMMITMENTS, slugsWhere } from '../support/commitment-fixtures';

jest.setTimeout(120_000);

const suite = useTestServer({ fixtures: 'commitments', countStatements: true });

const today = new Date().toISOString().slice(0, 10);
const SETTLED = ['COMPLETED', 'SUPERSEDED', 'ABANDONED'];
const isOverdue = (c: (typeof COMMITMENTS)[number]) => c.deadline !== null && c.deadline < today && !SETTLED.includes(c.status);
const daysBefore = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
const isStale = (days: number) => (c: (typeof COMMITMENTS)[number]) => c.statusSince < daysBefore(days);

const QUERY = `query ($days: Int!) {
  partnerships {
    slug overdueCount staleCount(days: $days)
    overdue: commitments(filter: { overdue: true }) { totalCount }
    pillars { slug overdueCount staleCount(days: $days) stale: commitments(filter: { staleForDays: $days }) { nodes { slug } } }
  }
}`;

describe('overdueCount and staleCount', () => {
  it('count what the overdue and staleForDays filters list, per partnership and pillar', async () => {
    const days = 700;
    const { body } = await suite.server.graphql(QUERY, { days });
    expect(body.errors).toBeUndefined();
    for (const partnership of body.data!.partnerships) {
      const mine = (c: (typeof COMMITMENTS)[number]) => c.partnership === partnership.slug;
      expect(partnership.overdueCount).toBe(slugsWhere((c) => mine(c) && isOverdue(c)).length);
      expect(partnership.overdueCount).toBe(partnership.overdue.totalCount);
      expect(partnership.staleCount).toBe(slugsWhere((c) => mine(c) && isStale(days)(c)).length);
      for (const pillar of partnership.pillars) {
        const under = (c: (typeof COMMITMENTS)[number]) => c.pillar === pillar.slug;
        expect(pillar.overdueCount).toBe(slugsWhere((c) => under(c) && isOverdue(c)).length);
        expect(pillar.stale.nodes.map((node: { slug: string }) => node.slug).sort()).toEqual(slugsWhere((c) => under(c) && isStale(days)(c)).sort());
        expect(pillar.staleCount).toBe(pillar.stale.nodes.length);
      }
    }
    // The fixture's overdue ones: c02 (IN_PROGRESS, due 2020) and c04 (STALLED, due 2021), both Vietnam–Singapore.
    expect(body.data!.partnerships.find((p: { slug: string }) => p.slug === 'vs').overdueCount).toBe(2);
    expect(suite.ids.c02).toBeDefined();
  });

  it('cost the same number of statements for one partnership as for all, and refuse a bad number of days', async () => {
    const statementsFor = async (query: string) => {
      suite.counter.reset();
      const { body } = await suite.server.graphql(query, { days: 30 });
      expect(body.errors).toBeUndefined();
      return suite.counter.count();
    };
    const one = await statementsFor(`query ($days: Int!) { partnership(slug: "vs") { overdueCount staleCount(days: $days) pillars { overdueCount staleCount(days: $days) } } }`);
    const all = await statementsFor(`query ($days: Int!) { partnerships { overdueCount staleCount(days: $days) pillars { overdueCount staleCount(days: $days) } } }`);
    expect(all).toBeLessThanOrEqual(one);
    const bad = await suite.server.graphql(`{ partnerships { staleCount(days: -1) } }`);
    expect(bad.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['days'] });
  });
});
