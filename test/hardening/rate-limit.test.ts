// Rate limits per caller: mutations by the number of mutation fields (aliases do not get around it), queries
// by their cost; a refusal is RATE_LIMITED with HTTP 429, Retry-After and extensions.retryAfter.
import { useTestServer } from '../support/fixture';
import { commitmentGid } from '../support/write-fixtures';

let commitmentId: string;

const suite = useTestServer({
  fixtures: 'write',
  apiKeys: { editor: 'EDITOR' },
  env: { RATE_LIMIT_MUTATIONS: '3', RATE_LIMIT_QUERY_COST: '1000', GRAPHQL_MAX_COST: '1000' },
  prepare: async ({ fixtures }) => {
    commitmentId = commitmentGid(await fixtures.commitment('rate-limited'));
  },
});

const noteField = (alias: string, note: string) =>
  `${alias}: addProgressNote(input: { commitmentId: $id, effectiveOn: "2024-01-01", note: "${note}" }) { userErrors { message } }`;

const notes = () => suite.fixtures.database.prisma.progressNote.count();

function expectRateLimited(response: { status: number; headers: Headers; body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } }, what: RegExp) {
  expect(response.status).toBe(429);
  const [error] = response.body.errors!;
  expect(error!.message).toMatch(what);
  expect(error!.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
  const retryAfter = error!.extensions!.retryAfter as number;
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(response.headers.get('retry-after')).toBe(String(retryAfter));
}

describe('mutations', () => {
  it('counts every aliased mutation field: two requests of one field and one of two exceed a limit of 3, and the third writes nothing', async () => {
    for (const note of ['first', 'second']) {
      const { status, body } = await suite.server.graphql(`mutation ($id: ID!) { ${noteField('note', note)} }`, { id: commitmentId }, { authorization: suite.keys.editor.authorization });
      expect(status).toBe(200);
      expect(body.data!.note.userErrors).toEqual([]);
    }
    expect(await notes()).toBe(2);

    const aliased = await suite.server.graphql(
      `mutation ($id: ID!) { ${noteField('a', 'third')} ${noteField('b', 'fourth')} }`,
      { id: commitmentId },
      { authorization: suite.keys.editor.authorization },
    );
    expectRateLimited(aliased, /^Rate limit reached: 3 mutation fields per 60 s\. Retry after \d+ s\.$/);
    expect(aliased.body.data).toBeUndefined();
    expect(await notes()).toBe(2);
  });

  it('counts fields spread from fragments as well', async () => {
    const other = (await suite.fixtures.key('EDITOR', 'second editor')).authorization;
    const spread = await suite.server.graphql(
      `mutation ($id: ID!) { ...Notes } fragment Notes on Mutation { ${noteField('a', 'x')} ${noteField('b', 'y')} ${noteField('c', 'z')} ${noteField('d', 'w')} }`,
      { id: commitmentId },
      { authorization: other },
    );
    expectRateLimited(spread, /3 mutation fields per 60 s/);
    expect(await notes()).toBe(2);
  });
});

describe('queries', () => {
  // 50 commitments of one field: (2 + 1.5 × (2 + 1.5 × (2 + 1.5))) × 50 ≈ 644 of a budget of 1000.
  const expensive = '{ commitments(first: 50) { edges { node { id } } } }';

  it('charges a query its cost: a second expensive query is refused while a cheap one still fits', async () => {
    expect((await suite.server.graphql(expensive)).status).toBe(200);
    expectRateLimited(await suite.server.graphql(expensive), /^Rate limit reached: a query cost of 1000 per 60 s\. Retry after \d+ s\.$/);
    const cheap = await suite.server.graphql('{ countries { code } }');
    expect(cheap.status).toBe(200);
    expect(cheap.body.errors).toBeUndefined();
  });

  it('does not charge a query that the cost limit refuses', async () => {
    const viewer = (await suite.fixtures.key('VIEWER', 'cost-limited viewer')).authorization;
    const overCost = await suite.server.graphql('{ commitments(first: 100) { edges { node { id } } } }', {}, { authorization: viewer });
    expect(overCost.status).toBe(400);
    expect(overCost.body.errors![0]!.message).toMatch(/Query cost limit of 1000 exceeded/);
    expect((await suite.server.graphql(expensive, {}, { authorization: viewer })).status).toBe(200);
  });

  it('keeps a separate budget per credential: an API key is not limited by the anonymous callers at its address', async () => {
    expectRateLimited(await suite.server.graphql(expensive), /query cost/);
    expect((await suite.server.graphql(expensive, {}, { authorization: suite.keys.editor.authorization })).status).toBe(200);
  });
});
