// WebSocket traffic (graphql-ws on /graphql) is charged from the same shared budgets as HTTP: a connection
// costs RATE_LIMIT_CONNECTION_COST of the query budget (refused: close code 4429), queries and mutations over
// it are charged as over HTTP, a subscription its cost when it starts; and a caller holds at most
// SUBSCRIPTIONS_PER_KEY subscriptions open on an instance (TOO_MANY_SUBSCRIPTIONS).
// The query limits of HTTP (tokens, depth, aliases, directives, cost) refuse an operation over it with the same
// errors, before anything is charged.
import { createClient, type Client as WsClient, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { useTestServer } from '../support/fixture';
import type { TestServer } from '../support/test-server';
import { commitmentGid } from '../support/write-fixtures';

jest.setTimeout(120_000);

let commitmentId: string;
const suite = useTestServer({
  fixtures: 'write',
  prepare: async ({ fixtures }) => {
    commitmentId = commitmentGid(await fixtures.commitment('websocket-limits'));
  },
});
const clients: WsClient[] = [];
suite.onTeardown(() => Promise.all(clients.map((client) => client.dispose())));

// Leases off: each charge goes to the store as it is made, so its counter shows what every step cost.
const LIMITS = { RATE_LIMIT_MUTATIONS: '3', RATE_LIMIT_QUERY_COST: '1000', GRAPHQL_MAX_COST: '1000', RATE_LIMIT_LEASE_PERCENT: '0' };
const CHANGES = 'subscription { commitmentChanged { kind } }';
const NOTE_FIELD = (alias: string) =>
  `${alias}: addProgressNote(input: { commitmentId: $id, effectiveOn: "2024-01-01", note: "ws" }) { userErrors { message } }`;
const EXPENSIVE = '{ commitments(first: 50) { edges { node { id } } } }';

const freshKey = async (name: string) => (await suite.fixtures.key('EDITOR', name)).authorization;

interface Connection {
  client: WsClient;
  /** Resolves when the server acknowledges the connection, or with the close code and reason. */
  opened: Promise<{ acknowledged: true } | { code: number; reason: string }>;
}

function connect(server: TestServer, authorization: string): Connection {
  let settle!: (value: { acknowledged: true } | { code: number; reason: string }) => void;
  const opened = new Promise<{ acknowledged: true } | { code: number; reason: string }>((resolve) => (settle = resolve));
  const client = createClient({
    url: server.app.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization },
    retryAttempts: 0,
    lazy: false,
    on: {
      connected: () => settle({ acknowledged: true }),
      closed: (event) => settle({ code: (event as { code: number }).code, reason: (event as { reason: string }).reason }),
    },
    onNonLazyError: () => undefined,
  });
  clients.push(client);
  return { client, opened };
}

interface Started {
  /** The errors the server answered the operation with; resolves only if it refused or finished. */
  outcome: Promise<{ errors?: readonly { message: string; extensions?: Record<string, unknown> }[]; data?: unknown }>;
  stop: () => void;
}

function start(client: WsClient, query: string, variables: Record<string, unknown> = {}): Started {
  let stop!: () => void;
  const outcome = new Promise<{ errors?: readonly { message: string; extensions?: Record<string, unknown> }[]; data?: unknown }>((resolve) => {
    let last: FormattedExecutionResult<Record<string, unknown>, unknown> | undefined;
    stop = client.subscribe(
      { query, variables },
      {
        next: (result) => (last = result),
        error: (error) => resolve({ errors: Array.isArray(error) ? error : [{ message: String(error) }] }),
        complete: () => resolve({ errors: last?.errors, data: last?.data }),
      },
    );
  });
  return { outcome, stop };
}

/** The subscriptions a server holds open, as its metrics report them. */
async function openOn(server: TestServer): Promise<number> {
  const text = await (await fetch(`${server.baseUrl}/metrics`)).text();
  return Number(/^graphql_subscriptions_open (\d+)/m.exec(text)![1]);
}

/** Waits (bounded) until `server` holds `count` subscriptions open. */
async function untilOpen(server: TestServer, count: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if ((await openOn(server)) === count) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${server.baseUrl} did not reach ${count} open subscriptions (has ${await openOn(server)})`);
}

describe('connections', () => {
  it('cost the query budget across instances: a connection to A spends what a second one to B, or an expensive query, would need', async () => {
    const env = { ...LIMITS, RATE_LIMIT_CONNECTION_COST: '600' };
    const a = await suite.startServer(env);
    const b = await suite.startServer(env);
    const key = await freshKey('connection budget');

    expect(await connect(a, key).opened).toEqual({ acknowledged: true });
    const second = await connect(b, key).opened;
    console.log(`connection cost 600 of 1000: first connection (A) acknowledged, second (B) ${JSON.stringify(second)}`);
    expect(second).toEqual({ code: 4429, reason: expect.stringMatching(/^Rate limit reached: a query cost of 1000 per 60 s \(a connection costs 600\)\. Retry after \d+ s\.$/) });
    expect((await b.graphql(EXPENSIVE, {}, { authorization: key })).status).toBe(429);
  });
});

describe('operations over a connection', () => {
  it('charge mutations from the budget HTTP spends: after 3 mutation fields through A over HTTP, a mutation over WebSocket to B is refused', async () => {
    const a = await suite.startServer(LIMITS);
    const b = await suite.startServer(LIMITS);
    const key = await freshKey('websocket mutations');
    const http = await a.graphql(`mutation ($id: ID!) { ${NOTE_FIELD('a')} ${NOTE_FIELD('b')} ${NOTE_FIELD('c')} }`, { id: commitmentId }, { authorization: key });
    expect(http.status).toBe(200);

    const { client, opened } = connect(b, key);
    expect(await opened).toEqual({ acknowledged: true });
    const refused = await start(client, `mutation ($id: ID!) { ${NOTE_FIELD('d')} }`, { id: commitmentId }).outcome;
    expect(refused.errors).toEqual([{ message: expect.stringMatching(/^Rate limit reached: 3 mutation fields per 60 s\./), extensions: { code: 'RATE_LIMITED', retryAfter: expect.any(Number) } }]);
  });

  it('charge a query its cost, and a subscription too when it starts, from the shared budget', async () => {
    const env = { ...LIMITS, RATE_LIMIT_CONNECTION_COST: '1' };
    const a = await suite.startServer(env);
    const b = await suite.startServer(env);
    const { authorization: key, id } = await suite.fixtures.key('EDITOR', 'websocket queries');
    const spent = async () =>
      Number((await suite.database.pool.query<{ points: number }>(`SELECT points FROM rate_limit_counter WHERE key LIKE $1`, [`query-cost:%:${id}`])).rows[0]?.points ?? 0);

    const { client, opened } = connect(a, key);
    expect(await opened).toEqual({ acknowledged: true });
    expect(await spent()).toBe(1);
    start(client, CHANGES);
    await untilOpen(a, 1);
    const afterSubscription = await spent();
    expect(afterSubscription).toBeGreaterThan(1);
    const first = await start(client, EXPENSIVE).outcome;
    expect(first.errors).toBeUndefined();
    const afterQuery = await spent();
    console.log(`query budget spent over WebSocket: connection 1, subscription start ${afterSubscription - 1}, expensive query ${afterQuery - afterSubscription}`);
    expect(afterQuery - afterSubscription).toBeGreaterThan(500);
    // What the WebSocket query spent on A is missing on B.
    expect((await b.graphql(EXPENSIVE, {}, { authorization: key })).status).toBe(429);
    const again = await start(client, EXPENSIVE).outcome;
    expect(again.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
  });

  it('refuse a document that does not validate with its validation error, as HTTP does, uncharged', async () => {
    const server = await suite.startServer({ ...LIMITS, RATE_LIMIT_CONNECTION_COST: '1' });
    const { authorization: key, id } = await suite.fixtures.key('EDITOR', 'websocket invalid');
    const { client, opened } = connect(server, key);
    expect(await opened).toEqual({ acknowledged: true });
    const invalid = await start(client, 'subscription { commitmentChanged { noSuchField } }').outcome;
    expect(invalid.errors).toEqual([
      { message: expect.stringMatching(/^Cannot query field "noSuchField"/), locations: [{ line: 1, column: 36 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
    ]);
    const points = await suite.database.pool.query<{ points: number }>(`SELECT points FROM rate_limit_counter WHERE key LIKE $1`, [`query-cost:%:${id}`]);
    expect(points.rows[0]!.points).toBe(1);
  });
});

describe('open subscriptions per key', () => {
  it('are capped at SUBSCRIPTIONS_PER_KEY across a caller\'s connections, and a completed one frees its place', async () => {
    const server = await suite.startServer({ SUBSCRIPTIONS_PER_KEY: '2' });
    const key = await freshKey('subscription cap');
    const other = await freshKey('subscription cap, other caller');
    const first = connect(server, key);
    const second = connect(server, key);
    expect(await first.opened).toEqual({ acknowledged: true });
    expect(await second.opened).toEqual({ acknowledged: true });

    const one = start(first.client, CHANGES);
    start(first.client, CHANGES);
    await untilOpen(server, 2);
    const refused = await start(second.client, CHANGES).outcome;
    expect(refused.errors).toEqual([
      { message: 'At most 2 subscriptions may be open at once per caller: complete one before starting another.', extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit: 2 } },
    ]);
    const third = await start(first.client, CHANGES).outcome;
    expect(third.errors![0]!.extensions!.code).toBe('TOO_MANY_SUBSCRIPTIONS');

    // Another caller is not held to this one's count.
    const elsewhere = connect(server, other);
    expect(await elsewhere.opened).toEqual({ acknowledged: true });
    start(elsewhere.client, CHANGES);
    await untilOpen(server, 3);

    one.stop();
    await untilOpen(server, 2);
    start(second.client, CHANGES);
    await untilOpen(server, 3);
    console.log(`SUBSCRIPTIONS_PER_KEY=2: open on the server after the cap, another caller's and a replacement: ${await openOn(server)}`);
  });

  it('gives back the places of a connection that closes', async () => {
    const server = await suite.startServer({ SUBSCRIPTIONS_PER_KEY: '1' });
    const key = await freshKey('subscription cap, closing');
    const first = connect(server, key);
    expect(await first.opened).toEqual({ acknowledged: true });
    start(first.client, CHANGES);
    await untilOpen(server, 1);
    await first.client.dispose();
    await untilOpen(server, 0);

    const next = connect(server, key);
    expect(await next.opened).toEqual({ acknowledged: true });
    start(next.client, CHANGES);
    await untilOpen(server, 1);
  });
});

describe('query limits over a connection', () => {
  // Leases off, so that the store's counter is what was charged (see LIMITS).
  const EXACT = { RATE_LIMIT_CONNECTION_COST: '1', RATE_LIMIT_LEASE_PERCENT: '0' };
  const TIGHT = { GRAPHQL_MAX_DEPTH: '2', GRAPHQL_MAX_ALIASES: '2', GRAPHQL_MAX_TOKENS: '40', GRAPHQL_MAX_DIRECTIVES: '1', ...EXACT };
  const refusedDocuments = {
    'too deep': { env: TIGHT, query: 'subscription { commitmentChanged { commitment { partnership { id } } } }', message: /^Syntax Error: Query depth limit of 2 exceeded, found 4\.$/ },
    'too many aliases': { env: TIGHT, query: 'subscription { commitmentChanged { a: kind b: kind c: kind } }', message: /^Syntax Error: Aliases limit of 2 exceeded, found 3\.$/ },
    'with too many directives': { env: TIGHT, query: 'subscription { commitmentChanged { kind @include(if: true) @skip(if: false) } }', message: /^Syntax Error: Directives limit of 1 exceeded, found 2\.$/ },
    'too many tokens': { env: TIGHT, query: `subscription { commitmentChanged { ${'kind '.repeat(40)}} }`, message: /^Syntax Error: Document contains more tha[nt] 40 tokens\. Parsing aborted\.$/ },
    'too costly': { env: { GRAPHQL_MAX_COST: '100', ...EXACT }, query: EXPENSIVE, message: /^Query cost limit of 100 exceeded, found [\d.]+\.$/ },
  };

  it.each(Object.entries(refusedDocuments))('refuse a document %s with the error HTTP gives for it, before anything is charged', async (_name, { env, query, message }) => {
    const server = await suite.startServer(env);
    const { authorization: key, id } = await suite.fixtures.key('EDITOR', `websocket limits ${_name}`);
    const spent = async () =>
      Number((await suite.database.pool.query<{ points: number }>(`SELECT points FROM rate_limit_counter WHERE key LIKE $1`, [`query-cost:%:${id}`])).rows[0]?.points ?? 0);
    const { client, opened } = connect(server, key);
    expect(await opened).toEqual({ acknowledged: true });

    const overWebSocket = await start(client, query).outcome;
    // Only the connection was charged: the refusal came before any budget was touched.
    expect(await spent()).toBe(1);
    const overHttp = await server.graphql(query, {}, { authorization: key });
    console.log(`${_name} over WebSocket: ${JSON.stringify(overWebSocket.errors)}`);
    expect(overHttp.status).toBe(400);
    expect(overWebSocket.errors).toEqual(overHttp.body.errors);
    expect(overWebSocket.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(message), extensions: expect.objectContaining({ code: expect.stringMatching(/^GRAPHQL_(VALIDATION|PARSE)_FAILED$/) }) })]);
  });

  it('let a subscription within the limits run and deliver its events', async () => {
    const server = await suite.startServer(TIGHT);
    const key = await freshKey('websocket limits, within');
    const { client, opened } = connect(server, key);
    expect(await opened).toEqual({ acknowledged: true });
    const events: unknown[] = [];
    const received = new Promise<void>((resolve, reject) => {
      client.subscribe({ query: CHANGES }, { next: (event) => (events.push(event), resolve()), error: reject, complete: () => undefined });
    });
    await untilOpen(server, 1);
    // Written through an instance with the default limits: the mutation is deeper than this one allows.
    const writer = await suite.startServer({});
    const note = await writer.graphql(`mutation ($id: ID!) { ${NOTE_FIELD('a')} }`, { id: commitmentId }, { authorization: key });
    expect(note.body.errors).toBeUndefined();
    await received;
    expect(events[0]).toEqual({ data: { commitmentChanged: { kind: expect.any(String) } } });
  });
});
