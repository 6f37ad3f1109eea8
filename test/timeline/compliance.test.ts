// The compliance score's arithmetic on commitments whose every score is known: per commitment, rolled up per
// partnership, pillar and party, as of past days, and per period of the timeline (on both of its paths).
import { toGlobalId } from '../../src/relay/global-id';
import { useTestServer } from '../support/fixture';
import { Editor, STATUS_TIMELINE, type Status } from './timeline-helpers';

jest.setTimeout(120_000);

const suite = useTestServer({ fixtures: 'write', apiKeys: { editor: 'EDITOR' } });
const ids: Record<string, number> = {};

// All announced on 2024-01-01. vs: Vietnam–Singapore (parties VN, SG); uv: US–Vietnam (parties US, VN).
const COMMITMENTS: { key: string; partnership: 'vs' | 'uv'; deadline?: string; history: [Status, string][]; now: number }[] = [
  { key: 'a', partnership: 'vs', history: [['COMPLETED', '2024-05-01']], now: 1 },
  { key: 'b', partnership: 'vs', history: [['IN_PROGRESS', '2024-02-01'], ['STALLED', '2024-08-01']], now: -1 },
  { key: 'c', partnership: 'vs', deadline: '2024-06-30', history: [], now: -1 }, // never started, overdue from 1 July
  { key: 'd', partnership: 'vs', deadline: '2099-12-31', history: [], now: 0 },
  { key: 'e', partnership: 'vs', deadline: '2024-01-31', history: [['IN_PROGRESS', '2024-02-01']], now: 0 }, // late, but started
  { key: 'f', partnership: 'vs', history: [['SUPERSEDED', '2024-03-15']], now: 0 },
  { key: 'g', partnership: 'uv', history: [['ABANDONED', '2024-04-15']], now: -1 },
  { key: 'h', partnership: 'uv', history: [['COMPLETED', '2024-02-15']], now: 1 },
  { key: 'i', partnership: 'uv', history: [['PARTIALLY_COMPLETED', '2024-03-01']], now: 0 },
];

beforeAll(async () => {
  const editor = new Editor(suite.server, suite.keys.editor.authorization);
  for (const { key, partnership, deadline, history } of COMMITMENTS) {
    ids[key] = await editor.commitment(partnership === 'vs' ? suite.fixtures.pillarId : suite.fixtures.otherPillarId, '2024-01-01', deadline);
    for (const [status, effectiveOn] of history) await editor.status(ids[key]!, status, effectiveOn);
  }
});

/** The expected rollup of scores. */
const score = (compliant: number, neutral: number, nonCompliant: number) => {
  const scored = compliant + neutral + nonCompliant;
  const averageScore = (compliant - nonCompliant) / scored;
  return { scored, compliant, neutral, nonCompliant, averageScore: expect.closeTo(averageScore, 12), percentage: expect.closeTo(((averageScore + 1) / 2) * 100, 10) };
};

const REPORT = `query ($groupBy: ComplianceGroupBy, $asOf: LocalDate) {
  compliance(groupBy: $groupBy, asOf: $asOf) {
    asOf groupBy
    overall { scored compliant neutral nonCompliant averageScore percentage }
    groups { key label nodeId score { scored compliant neutral nonCompliant averageScore percentage } }
  }
}`;

async function report(variables: Record<string, unknown>) {
  const { body } = await suite.server.graphql(REPORT, variables);
  expect(body.errors).toBeUndefined();
  return body.data!.compliance;
}

describe('compliance scores', () => {
  it('score each commitment +1, 0 or -1 as documented', async () => {
    const { body } = await suite.server.graphql(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Commitment { slug complianceScore
          june: complianceScore(asOf: "2024-06-30") july: complianceScore(asOf: "2024-07-01") before: complianceScore(asOf: "2023-12-31") } } }`,
      { ids: COMMITMENTS.map(({ key }) => toGlobalId('Commitment', ids[key]!)) },
    );
    expect(body.data!.nodes.map((node: { complianceScore: number }) => node.complianceScore)).toEqual(COMMITMENTS.map(({ now }) => now));
    const c = body.data!.nodes[2];
    // The deadline day itself is not overdue; the day after is. Before its announcement, no score.
    expect(c).toMatchObject({ june: 0, july: -1, before: null });
  });

  it('roll up overall, per partnership, per pillar and per party', async () => {
    const overall = score(2, 4, 3);
    const vs = score(1, 3, 2);
    const uv = score(1, 1, 1);
    const none = await report({});
    expect(none.overall).toEqual(overall);
    expect(none.groups).toEqual([{ key: 'all', label: 'All commitments', nodeId: null, score: overall }]);

    const byPartnership = await report({ groupBy: 'PARTNERSHIP' });
    expect(byPartnership.overall).toEqual(overall);
    expect(byPartnership.groups).toEqual([
      { key: 'us-vietnam', label: expect.any(String), nodeId: toGlobalId('Partnership', (await suite.fixtures.database.prisma.pillar.findUniqueOrThrow({ where: { id: suite.fixtures.otherPillarId } })).partnershipId), score: uv },
      { key: 'vietnam-singapore', label: expect.any(String), nodeId: toGlobalId('Partnership', suite.fixtures.partnershipId), score: vs },
    ]);
    expect(uv.averageScore).toEqual(expect.closeTo(0, 12));
    expect(vs.averageScore).toEqual(expect.closeTo(-1 / 6, 12));

    const byPillar = await report({ groupBy: 'PILLAR' });
    expect(byPillar.groups.map((group: any) => [group.key, group.score])).toEqual([['us-vn-technology', uv], ['vn-sg-economic', vs]]);

    // Viet Nam is a party to both partnerships; each commitment counts once in each of its parties.
    const byCountry = await report({ groupBy: 'COUNTRY' });
    expect(byCountry.overall).toEqual(overall);
    expect(byCountry.groups.map((group: any) => [group.key, group.score])).toEqual([['SG', vs], ['US', uv], ['VN', overall]]);
  });

  it('are computed as of a past day from the history and the deadlines then', async () => {
    expect((await report({ asOf: '2024-03-31' })).overall).toEqual(score(1, 8, 0));
    expect((await report({ asOf: '2024-06-30' })).overall).toEqual(score(2, 6, 1));
    expect((await report({ asOf: '2024-07-01' })).overall).toEqual(score(2, 5, 2));
    expect((await report({ asOf: '2023-12-31' })).overall).toEqual({ scored: 0, compliant: 0, neutral: 0, nonCompliant: 0, averageScore: null, percentage: null });
  });

  it('are given per period by the timeline, the same on both paths and as the report as of each period\'s end', async () => {
    const variables = { from: '2024-01-01', to: '2024-09-30', interval: 'MONTH' };
    const fields = (result: any) => result.points.map((point: any) => [point.asOf, point.compliance]);
    const fast = (await suite.server.graphql(STATUS_TIMELINE, variables)).body.data!.statusTimeline;
    const general = (await suite.server.graphql(STATUS_TIMELINE, { ...variables, filter: { and: [] } })).body.data!.statusTimeline;
    expect(fields(general)).toEqual(fields(fast));
    for (const [asOf, compliance] of fields(fast)) {
      expect(compliance).toEqual((await report({ asOf })).overall);
    }
    expect(Object.fromEntries(fields(fast).map(([asOf, compliance]: [string, any]) => [asOf, compliance.nonCompliant]))).toEqual({
      '2024-01-31': 0, '2024-02-29': 0, '2024-03-31': 0, '2024-04-30': 1, '2024-05-31': 1, '2024-06-30': 1, '2024-07-31': 2, '2024-08-31': 3, '2024-09-30': 3,
    });
  });
});
