// A query whose text has been answered by its compiled plan once is answered again without Apollo's pipeline
// (src/http/compiled-fast-path.ts): looked up by its text, variables coerced, credential, cost and rate limit
// checked, one statement run. These specifications hold it to Apollo's answers: the same bytes and headers,
// the same refusals with the same codes, every request charged once, counted in the metrics, and one SQL
// statement. /metrics' graphql_fast_path_answers_total tells which path answered.
import { useTestServer } from '../support/fixture';
import type { TestServer } from '../support/test-server';

jest.setTimeout(60_000);

const suite = useTestServer({ database: 'seeded', countStatements: true, apiKeys: { viewer: 'VIEWER', limited: { role: 'VIEWER', name: 'rate-limited viewer' } } });

const LIST = `query List($first: Int!, $status: [CommitmentStatus!]) {
  commitments(first: $first, filter: { status: $status }, orderBy: { field: TITLE }) {
    totalCount nodes { id slug title status partnership { slug } statusHistory(first: 2) { nodes { toStatus effectiveOn } } }
  }
}`;
const ONE = `query One($id: ID!) { commitment(id: $id) { id slug title } }`;

/** Two seeded commitments' global IDs. */
let c1: string;
let c2: string;
beforeAll(async () => {
  const { body } = await suite.server.graphql<{ commitments: { nodes: { id: string }[] } }>('{ commitments(first: 2) { nodes { id } } }');
  [c1, c2] = body.data!.commitments.nodes.map((node) => node.id) as [string, string];
});

async function post(server: TestServer, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(server.app.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function fastPathAnswers(server: TestServer): Promise<number> {
  const text = await (await fetch(`${server.baseUrl}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith('graphql_fast_path_answers_total '));
  return Number(line!.split(' ')[1]);
}

/** Sends `body` once (Apollo answers and the plan learns the text), then again: how the repeat was answered. */
async function twice(body: unknown, headers: Record<string, string> = {}, server: TestServer = suite.server) {
  const first = await post(server, body, headers);
  const before = await fastPathAnswers(server);
  const again = await post(server, body, headers);
  return { first, again, byFastPath: (await fastPathAnswers(server)) - before === 1 };
}

describe('a repeated compiled query', () => {
  it('is answered without Apollo, with the bytes and headers Apollo sent, in one statement', async () => {
    const { first, again, byFastPath } = await twice({ query: LIST, variables: { first: 20, status: ['IN_PROGRESS'] } });
    expect(byFastPath).toBe(true);
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(JSON.parse(again.text).data.commitments.nodes.length).toBeGreaterThan(0);
    for (const header of ['content-type', 'content-length']) expect(again.headers.get(header)).toBe(first.headers.get(header));
    expect(again.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    suite.counter.reset();
    await post(suite.server, { query: LIST, variables: { first: 100, status: null } });
    expect(suite.counter.count()).toBe(1);
  });

  it('binds each request\'s own variables: another page size and filter give their own answer', async () => {
    await post(suite.server, { query: LIST, variables: { first: 3, status: ['COMPLETED'] } });
    const before = await fastPathAnswers(suite.server);
    const other = await post(suite.server, { query: LIST, variables: { first: 5, status: ['ANNOUNCED'] } });
    expect((await fastPathAnswers(suite.server)) - before).toBe(1);
    const { commitments } = JSON.parse(other.text).data;
    expect(commitments.nodes).toHaveLength(5);
    expect(commitments.nodes.every((node: { status: string }) => node.status === 'ANNOUNCED')).toBe(true);
    const throughApollo = await suite.server.graphql(`${LIST} `, { first: 5, status: ['ANNOUNCED'] });
    expect(throughApollo.body.data).toEqual(JSON.parse(other.text).data);
  });

  it('leaves to Apollo whatever Apollo would refuse, with the same code: variables of the wrong type, a bad ID, a bad credential', async () => {
    await post(suite.server, { query: ONE, variables: { id: c1 } });
    const before = await fastPathAnswers(suite.server);

    const wrongType = await post(suite.server, { query: LIST, variables: { first: 'ten' } });
    expect(wrongType.status).toBe(400);
    expect(JSON.parse(wrongType.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');

    const badId = JSON.parse((await post(suite.server, { query: ONE, variables: { id: 'not-an-id' } })).text);
    expect(badId.errors[0].extensions.code).toBe('BAD_USER_INPUT');

    const badKey = await post(suite.server, { query: ONE, variables: { id: c1 } }, { authorization: 'Bearer ct_not_a_key' });
    expect(badKey.status).toBe(401);
    expect(JSON.parse(badKey.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const withExtensions = await post(suite.server, { query: ONE, variables: { id: c1 }, extensions: {} });
    expect(JSON.parse(withExtensions.text).data.commitment.id).toBe(c1);
    expect(await fastPathAnswers(suite.server)).toBe(before);
  });

  it('answers a valid API key as Apollo does', async () => {
    const { first, again, byFastPath } = await twice({ query: ONE, variables: { id: c2 } }, { authorization: suite.keys.viewer.authorization });
    expect(byFastPath).toBe(true);
    expect(again.text).toBe(first.text);
  });

  it('counts each answer in graphql_requests_total under its operation name', async () => {
    const series = 'graphql_requests_total{operation_name="One",operation_type="query"}';
    const count = async () => {
      const text = await (await fetch(`${suite.server.baseUrl}/metrics`)).text();
      return Number(text.split('\n').find((line) => line.startsWith(`${series} `))?.split(' ')[1] ?? 0);
    };
    await post(suite.server, { query: ONE, variables: { id: c1 } });
    const before = await count();
    for (let i = 0; i < 3; i += 1) await post(suite.server, { query: ONE, variables: { id: c1 } });
    expect((await count()) - before).toBe(3);
  });
});

describe('the limits on a repeated compiled query', () => {
  it('refuses an anonymous repeat when public reads are off, as Apollo does', async () => {
    const server = await suite.startServer({ PUBLIC_READ: 'false' });
    const { first, again, byFastPath } = await twice({ query: ONE, variables: { id: c1 } }, { authorization: suite.keys.viewer.authorization }, server);
    expect(byFastPath).toBe(true);
    expect(again.text).toBe(first.text);
    const anonymous = await post(server, { query: ONE, variables: { id: c1 } });
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an operation over the cost limit as Apollo does', async () => {
    const server = await suite.startServer({ GRAPHQL_MAX_COST: '2000' });
    await post(server, { query: LIST, variables: { first: 2 } });
    const refused = await post(server, { query: LIST, variables: { first: 100 } });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text).errors[0].message).toMatch(/^Query cost limit of 2000 exceeded, found [\d.]+\.$/);
  });

  it('charges each request once, whichever path answers it, and refuses with RATE_LIMITED at the budget', async () => {
    // A key of its own: the counters are shared by every server on the database, and the others' tests spend
    // the viewer key's. A page of 2 with its relations costs a few dozen points of the 1000.
    const server = await suite.startServer({ RATE_LIMIT_QUERY_COST: '1000', GRAPHQL_MAX_COST: '1000', RATE_LIMIT_LEASE_PERCENT: '0' });
    const body = { query: LIST, variables: { first: 2 } };
    const { authorization } = suite.keys.limited;
    const spent = async () =>
      (await suite.database.pool.query<{ points: number }>(`SELECT points FROM rate_limit_counter WHERE key = $1`, [`query-cost:API_KEY:${suite.keys.limited.id}`])).rows[0]!.points;
    // The first request goes through Apollo, whose rate-limit plugin charges it: that is one request's cost.
    expect((await post(server, body, { authorization })).status).toBe(200);
    const cost = await spent();
    expect(cost).toBeGreaterThan(0);
    let allowed = 1;
    let refused: Awaited<ReturnType<typeof post>> | undefined;
    while (!refused && allowed < 1_000) {
      const answer = await post(server, body, { authorization });
      if (answer.status === 200) allowed += 1;
      else refused = answer;
    }
    expect(refused!.status).toBe(429);
    expect(JSON.parse(refused!.text).errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(refused!.headers.get('retry-after')).toMatch(/^\d+$/);
    // Every allowed request was charged exactly once; the refused one cost nothing.
    expect(await spent()).toBe(allowed * cost);
    expect(allowed).toBe(Math.floor(1000 / cost));
  });
});
