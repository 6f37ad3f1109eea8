// assessParty through the real server: a party's own status and score beside the joint status, kept as
// append-only history, counted by compliance(groupBy: COUNTRY) for that party only; bad input writes nothing.
import { toGlobalId } from '../../src/relay/global-id';
import { useTestServer } from '../support/fixture';
import { commitmentGid } from '../support/write-fixtures';

const suite = useTestServer({ fixtures: 'write', apiKeys: { editor: 'EDITOR', viewer: 'VIEWER' } });

const ASSESS = `
  mutation ($input: AssessPartyInput!) {
    assessParty(input: $input) {
      commitment { id status version lastAssessedAt }
      partyAssessment { id countryCode country { code name } status score rationale assessedAt
        evidence { url title publishedOn } author { kind name } }
      userErrors { field message code currentVersion }
    }
  }`;

const PARTIES = `
  query ($id: ID!) {
    commitment(id: $id) {
      status
      partyAssessments { countryCode country { name } status score rationale evidence { url } author { kind } }
      partyAssessmentHistory { countryCode status score }
    }
  }`;

async function assess(input: Record<string, unknown>, authorization = suite.keys.editor.authorization) {
  const { status, body } = await suite.server.graphql(ASSESS, { input }, { authorization });
  expect(status).toBe(200);
  return body;
}

const assessmentsOf = (commitmentId: number) => suite.database.prisma.partyAssessment.count({ where: { commitmentId } });

describe('assessParty', () => {
  it('records a party\'s status and score beside the joint status, which stays; bumps the version and lastAssessedAt', async () => {
    const id = await suite.fixtures.commitment('pa-happy');
    const body = await assess({
      commitmentId: commitmentGid(id),
      countryCode: 'vn',
      status: 'IN_PROGRESS',
      score: 1,
      rationale: 'Viet Nam ratified its part.',
      evidence: { url: 'https://example.org/vn', title: 'Ratified', publishedOn: '2024-04-01' },
      idempotencyKey: 'pa-happy-1',
    });
    expect(body.errors).toBeUndefined();
    const payload = body.data!.assessParty;
    expect(payload.userErrors).toEqual([]);
    expect(payload.commitment).toMatchObject({ status: 'ANNOUNCED', version: 2 });
    expect(payload.commitment.lastAssessedAt).not.toBeNull();
    expect(payload.partyAssessment).toMatchObject({
      countryCode: 'VN',
      country: { code: 'VN', name: 'Viet Nam' },
      status: 'IN_PROGRESS',
      score: 1,
      rationale: 'Viet Nam ratified its part.',
      evidence: { url: 'https://example.org/vn', title: 'Ratified', publishedOn: '2024-04-01' },
      author: { kind: 'API_KEY', name: 'editor key' },
    });

    // A replay with the same key writes nothing and answers the same.
    const replay = await assess({
      commitmentId: commitmentGid(id),
      countryCode: 'vn',
      status: 'IN_PROGRESS',
      score: 1,
      rationale: 'Viet Nam ratified its part.',
      evidence: { url: 'https://example.org/vn', title: 'Ratified', publishedOn: '2024-04-01' },
      idempotencyKey: 'pa-happy-1',
    });
    expect(replay.data!.assessParty).toEqual(payload);
    expect(await assessmentsOf(id)).toBe(1);
  });

  it('keeps the history: the latest per party is current, every entry stays, newest first', async () => {
    const id = await suite.fixtures.commitment('pa-history');
    for (const input of [
      { countryCode: 'SG', status: 'IN_PROGRESS', rationale: 'Singapore started.' },
      { countryCode: 'VN', status: 'STALLED', score: -1, rationale: 'Viet Nam paused.' },
      { countryCode: 'SG', status: 'COMPLETED', rationale: 'Singapore delivered.' },
    ]) {
      expect((await assess({ commitmentId: commitmentGid(id), ...input })).data!.assessParty.userErrors).toEqual([]);
    }
    const { body } = await suite.server.graphql(PARTIES, { id: commitmentGid(id) });
    expect(body.errors).toBeUndefined();
    expect(body.data!.commitment).toEqual({
      status: 'ANNOUNCED',
      partyAssessments: [
        { countryCode: 'SG', country: { name: 'Singapore' }, status: 'COMPLETED', score: null, rationale: 'Singapore delivered.', evidence: null, author: { kind: 'API_KEY' } },
        { countryCode: 'VN', country: { name: 'Viet Nam' }, status: 'STALLED', score: -1, rationale: 'Viet Nam paused.', evidence: null, author: { kind: 'API_KEY' } },
      ],
      partyAssessmentHistory: [
        { countryCode: 'SG', status: 'COMPLETED', score: null },
        { countryCode: 'VN', status: 'STALLED', score: -1 },
        { countryCode: 'SG', status: 'IN_PROGRESS', score: null },
      ],
    });
    // The compiled path answers as the resolvers do.
    const resolvers = await suite.startServer({ GRAPHQL_COMPILED_EXECUTION: 'false' });
    const slow = await resolvers.graphql(PARTIES, { id: commitmentGid(id) });
    expect(JSON.stringify(slow.body)).toBe(JSON.stringify(body));
  });

  it('refuses a country that is not a party to the commitment\'s partnership, naming the field; nothing is written', async () => {
    const id = await suite.fixtures.commitment('pa-not-party');
    const body = await assess({ commitmentId: commitmentGid(id), countryCode: 'US', status: 'COMPLETED', rationale: 'Not theirs.' });
    expect(body.data!.assessParty).toMatchObject({ commitment: null, partyAssessment: null });
    expect(body.data!.assessParty.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'countryCode'], code: 'BAD_USER_INPUT', message: 'US is not a party to the commitment\'s partnership (its parties: SG, VN)' }),
    ]);
    const malformed = await assess({ commitmentId: commitmentGid(id), countryCode: 'Vietnam', status: 'COMPLETED', rationale: 'x' });
    expect(malformed.data!.assessParty.userErrors).toEqual([expect.objectContaining({ field: ['input', 'countryCode'], code: 'BAD_USER_INPUT' })]);
    expect(await assessmentsOf(id)).toBe(0);
    expect((await suite.fixtures.state(id)).version).toBe(1);
  });

  it('refuses a score out of range, naming the field; nothing is written', async () => {
    const id = await suite.fixtures.commitment('pa-score');
    for (const score of [2, -2]) {
      const body = await assess({ commitmentId: commitmentGid(id), countryCode: 'VN', status: 'COMPLETED', score, rationale: 'Too much.' });
      expect(body.data!.assessParty.userErrors).toEqual([expect.objectContaining({ field: ['input', 'score'], code: 'BAD_USER_INPUT' })]);
    }
    expect(await assessmentsOf(id)).toBe(0);
  });

  it('refuses a stale expectedVersion with CONFLICT, a blank rationale, and viewers', async () => {
    const id = await suite.fixtures.commitment('pa-refusals');
    const stale = await assess({ commitmentId: commitmentGid(id), countryCode: 'VN', status: 'COMPLETED', rationale: 'Done.', expectedVersion: 7 });
    expect(stale.data!.assessParty.userErrors).toEqual([expect.objectContaining({ field: ['input', 'expectedVersion'], code: 'CONFLICT', currentVersion: 1 })]);
    const blank = await assess({ commitmentId: commitmentGid(id), countryCode: 'VN', status: 'COMPLETED', rationale: '  ' });
    expect(blank.data!.assessParty.userErrors).toEqual([expect.objectContaining({ field: ['input', 'rationale'] })]);
    const viewer = await assess({ commitmentId: commitmentGid(id), countryCode: 'VN', status: 'COMPLETED', rationale: 'Done.' }, suite.keys.viewer.authorization);
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unknown = await assess({ commitmentId: toGlobalId('Commitment', 999_999), countryCode: 'VN', status: 'COMPLETED', rationale: 'Done.' });
    expect(unknown.data!.assessParty.userErrors).toEqual([expect.objectContaining({ field: ['input', 'commitmentId'], code: 'NOT_FOUND' })]);
    expect(await assessmentsOf(id)).toBe(0);
  });
});

describe('compliance by country', () => {
  const REPORT = `
    query ($asOf: LocalDate) {
      compliance(filter: { tags: ["pa-compliance"] }, groupBy: COUNTRY, asOf: $asOf) {
        overall { scored compliant neutral nonCompliant averageScore }
        groups { key score { scored compliant neutral nonCompliant averageScore } }
      }
    }`;

  it('scores a party by its own assessment where it has one, the joint status elsewhere; the overall row stays joint', async () => {
    const first = await suite.fixtures.commitment('pa-compliance-1');
    const second = await suite.fixtures.commitment('pa-compliance-2');
    await suite.database.prisma.commitment.updateMany({ where: { id: { in: [first, second] } }, data: { tags: ['pa-compliance'] } });
    const before = await suite.server.graphql(REPORT, {});
    expect(before.body.errors).toBeUndefined();
    const joint = { scored: 2, compliant: 0, neutral: 2, nonCompliant: 0, averageScore: 0 };
    expect(before.body.data!.compliance).toEqual({ overall: joint, groups: [{ key: 'SG', score: joint }, { key: 'VN', score: joint }] });

    // Viet Nam delivered the first (scored +1 by its status), Singapore stalled on the second (given -1).
    expect((await assess({ commitmentId: commitmentGid(first), countryCode: 'VN', status: 'COMPLETED', rationale: 'Delivered.' })).data!.assessParty.userErrors).toEqual([]);
    expect((await assess({ commitmentId: commitmentGid(second), countryCode: 'SG', status: 'STALLED', score: -1, rationale: 'Paused.' })).data!.assessParty.userErrors).toEqual([]);

    const after = await suite.server.graphql(REPORT, {});
    expect(after.body.data!.compliance).toEqual({
      overall: joint,
      groups: [
        { key: 'SG', score: { scored: 2, compliant: 0, neutral: 1, nonCompliant: 1, averageScore: -0.5 } },
        { key: 'VN', score: { scored: 2, compliant: 1, neutral: 1, nonCompliant: 0, averageScore: 0.5 } },
      ],
    });
    // As of a day before the assessments were recorded, they do not count yet.
    const earlier = await suite.server.graphql(REPORT, { asOf: '2024-01-01' });
    expect(earlier.body.data!.compliance).toEqual({ overall: joint, groups: [{ key: 'SG', score: joint }, { key: 'VN', score: joint }] });
  });
});
