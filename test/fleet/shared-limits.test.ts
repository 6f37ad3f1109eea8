// Rate limits shared by a fleet: two server instances on one database allow a caller's budget once between
// them, not once each, whether the counters live in PostgreSQL (the default) or in Redis (REDIS_URL); when
// Redis is unreachable, or goes away, the counters fall back to PostgreSQL and the limits still hold.
import net from 'node:net';
import { Redis } from 'ioredis';
import { useTestServer } from '../support/fixture';
import { captureLogs, type LogCapture } from '../support/log-capture';
import { startTcpProxy } from '../support/tcp-proxy';
import type { TestServer } from '../support/test-server';
import { commitmentGid } from '../support/write-fixtures';

jest.setTimeout(120_000);

const REDIS = 'redis://127.0.0.1:6379';
let commitmentId: string;

const suite = useTestServer({
  fixtures: 'write',
  prepare: async ({ fixtures }) => {
    commitmentId = commitmentGid(await fixtures.commitment('shared-limits'));
  },
});

const LIMITS = { RATE_LIMIT_MUTATIONS: '3', RATE_LIMIT_QUERY_COST: '1000', GRAPHQL_MAX_COST: '1000' };
const NOTE = `mutation ($id: ID!) { addProgressNote(input: { commitmentId: $id, effectiveOn: "2024-01-01", note: "fleet" }) { userErrors { message } } }`;
// 50 commitments of one field cost ≈ 644 of a budget of 1000: once fits, twice does not.
const EXPENSIVE = '{ commitments(first: 50) { edges { node { id } } } }';

/** Each test's caller is a key of its own, so that the budgets it spends start at nothing. */
const freshKey = async (name: string) => (await suite.fixtures.key('EDITOR', name)).authorization;

/** Sends `count` one-field mutations alternately through each server; what each allowed and refused. */
async function alternate(servers: TestServer[], authorization: string, count: number) {
  const allowed = servers.map(() => 0);
  const refused = servers.map(() => 0);
  for (let i = 0; i < count; i += 1) {
    const at = i % servers.length;
    const { status, body } = await servers[at]!.graphql(NOTE, { id: commitmentId }, { authorization });
    if (status === 200 && !body.errors) allowed[at]! += 1;
    else if (status === 429 && body.errors?.[0]?.extensions?.code === 'RATE_LIMITED') refused[at]! += 1;
    else throw new Error(`unexpected answer ${status}: ${JSON.stringify(body)}`);
  }
  return { allowed, refused, total: allowed.reduce((sum, n) => sum + n, 0) };
}

const counterRows = async (like: string) =>
  Number((await suite.database.pool.query<{ n: string }>(`SELECT count(*) AS n FROM rate_limit_counter WHERE key LIKE $1`, [like])).rows[0]!.n);

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const startPair = async (env: Record<string, string>, logs?: LogCapture) => [
  await suite.startServer(env, { logDestination: logs?.stream }),
  await suite.startServer(env, { logDestination: logs?.stream }),
];

describe('in PostgreSQL (the default store)', () => {
  it('allows a mutation budget of 3 once across two instances: 3 of 8 alternating requests pass, not 6', async () => {
    const [a, b] = await startPair(LIMITS);
    const key = await freshKey('postgres fleet');
    const { allowed, refused, total } = await alternate([a!, b!], key, 8);
    console.log(`PostgreSQL store, limit 3, 8 requests alternating A/B: allowed A=${allowed[0]} B=${allowed[1]} (total ${total}), refused A=${refused[0]} B=${refused[1]}`);
    expect(total).toBe(3);
    expect(allowed).toEqual([2, 1]);
    expect(await counterRows('mutations:%')).toBeGreaterThan(0);
  });

  it('shares the query-cost budget: a query that fits once, spent through A, is refused through B', async () => {
    const [a, b] = await startPair(LIMITS);
    const key = await freshKey('postgres query cost');
    expect((await a!.graphql(EXPENSIVE, {}, { authorization: key })).status).toBe(200);
    const refused = await b!.graphql(EXPENSIVE, {}, { authorization: key });
    expect(refused.status).toBe(429);
    expect(refused.body.errors![0]!.message).toMatch(/^Rate limit reached: a query cost of 1000 per 60 s\./);
  });
});

describe('in Redis (REDIS_URL)', () => {
  const redis = new Redis(REDIS, { lazyConnect: true });
  const prefix = `ct-test:${process.pid}:${Date.now()}:`;
  beforeAll(() => redis.connect());
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('allows the budget once across two instances, counted in Redis and not in PostgreSQL', async () => {
    const [a, b] = await startPair({ ...LIMITS, REDIS_URL: REDIS, REDIS_KEY_PREFIX: `${prefix}shared:` });
    const key = await freshKey('redis fleet');
    const rowsBefore = await counterRows('%');
    const { allowed, refused, total } = await alternate([a!, b!], key, 8);
    console.log(`Redis store, limit 3, 8 requests alternating A/B: allowed A=${allowed[0]} B=${allowed[1]} (total ${total}), refused A=${refused[0]} B=${refused[1]}`);
    expect(total).toBe(3);
    const keys = await redis.keys(`${prefix}shared:mutations:*`);
    expect(keys).toHaveLength(1);
    expect(Number(await redis.get(keys[0]!))).toBeGreaterThanOrEqual(3);
    expect(await counterRows('%')).toBe(rowsBefore);
  });

  it('falls back to PostgreSQL when Redis is unreachable: the budget still holds across both instances, and it is logged', async () => {
    const logs = captureLogs();
    const [a, b] = await startPair({ ...LIMITS, REDIS_URL: `redis://127.0.0.1:${await closedPort()}`, REDIS_KEY_PREFIX: `${prefix}closed:`, LOG_LEVEL: 'warn' }, logs);
    const key = await freshKey('redis unreachable');
    const rowsBefore = await counterRows('mutations:%');
    const { allowed, refused, total } = await alternate([a!, b!], key, 8);
    console.log(`Redis unreachable, limit 3, 8 requests alternating A/B: allowed A=${allowed[0]} B=${allowed[1]} (total ${total}), refused A=${refused[0]} B=${refused[1]}`);
    expect(total).toBe(3);
    expect(await counterRows('mutations:%')).toBe(rowsBefore + 1);
    const outages = logs.lines().filter((line) => /Redis unreachable; counting in PostgreSQL/.test(line.msg));
    expect(outages.length).toBeGreaterThanOrEqual(2);
    expect(outages.every((line) => line.level === 50)).toBe(true);
  });

  it('falls back to PostgreSQL when Redis goes away while serving, and goes on limiting', async () => {
    const proxy = await startTcpProxy(REDIS);
    suite.onTeardown(() => proxy.close());
    const logs = captureLogs();
    const [a, b] = await startPair({ ...LIMITS, REDIS_URL: proxy.url, REDIS_KEY_PREFIX: `${prefix}away:`, LOG_LEVEL: 'warn' }, logs);
    const key = await freshKey('redis goes away');
    const before = await alternate([a!, b!], key, 2);
    expect(before.total).toBe(2);
    expect(await redis.keys(`${prefix}away:mutations:*`)).toHaveLength(1);

    await proxy.cut();
    // What Redis counted stays there; PostgreSQL counts from nothing, so the budget is granted afresh once, no more.
    const after = await alternate([a!, b!], key, 8);
    console.log(`Redis gone mid-window, limit 3: before the cut allowed ${before.total}; after it, 8 requests alternating A/B: allowed A=${after.allowed[0]} B=${after.allowed[1]} (total ${after.total}), refused ${after.refused[0]! + after.refused[1]!}`);
    expect(after.total).toBe(3);
    expect(logs.lines().some((line) => /Redis unreachable/.test(line.msg))).toBe(true);
  });
});
