// Rate-limit leases: an instance takes a slice of a caller's budget from the shared store and spends it
// locally, so that most requests are charged without a round trip, while the fleet still never allows more
// than the limit. The store's lease (rate_limit_lease in PostgreSQL) is exercised on a real database; the
// budget's bookkeeping both against it and, for timing-sensitive cases, against a store in memory.
import { createLogger } from '../../src/logger';
import { LeasedBudget } from '../../src/rate-limit/leased-budget';
import { createLimiterStore, type LeaseRequest, type LimiterStore, type PointLease } from '../../src/rate-limit/rate-limit.store';
import { useTestServer } from '../support/fixture';
import type { TestServer } from '../support/test-server';
import { commitmentGid } from '../support/write-fixtures';

jest.setTimeout(60_000);

let commitmentId: string;
const suite = useTestServer({
  fixtures: 'write',
  prepare: async ({ fixtures }) => {
    commitmentId = commitmentGid(await fixtures.commitment('leased-limits'));
  },
});

const silent = createLogger('silent');
const storeOn = (url: string) =>
  createLimiterStore({ windowSeconds: 60, mutations: 1, queryCost: 1, connectionCost: 1, leasePercent: 0, subscriptionsPerKey: 1 }, {
    databaseUrl: url,
    connectionTimeoutMs: 5_000,
    statementTimeoutMs: 5_000,
    logger: silent,
  });

/** A store that counts the leases asked of the one it wraps. */
function counting(store: LimiterStore): LimiterStore & { asked: LeaseRequest[] } {
  const asked: LeaseRequest[] = [];
  return { ...store, kind: store.kind, asked, lease: (request) => (asked.push(request), store.lease(request)) };
}

let key = 0;
const freshKey = (name: string) => `${name}:${process.pid}:${(key += 1)}`;

describe('rate_limit_lease, the store\'s one statement', () => {
  let store: LimiterStore;
  beforeAll(() => {
    store = storeOn(suite.db.url);
  });
  afterAll(() => store.close());

  const lease = (request: Partial<LeaseRequest> & { key: string }) => store.lease({ need: 1, want: 1, limit: 10, windowMs: 60_000, ...request });

  it('grants what is wanted while it is left, then what is left, then nothing, with the time until the window ends', async () => {
    const k = freshKey('grants');
    expect((await lease({ key: k, want: 6 })).granted).toBe(6);
    expect((await lease({ key: k, want: 6 })).granted).toBe(4);
    const refused = await lease({ key: k, want: 6 });
    expect(refused.granted).toBe(0);
    expect(refused.msBeforeReset).toBeGreaterThan(55_000);
    expect(refused.msBeforeReset).toBeLessThanOrEqual(60_000);
  });

  it('grants nothing when fewer than the points needed are left, and counts nothing for it', async () => {
    const k = freshKey('need');
    expect((await lease({ key: k, want: 8 })).granted).toBe(8);
    expect((await lease({ key: k, need: 3, want: 3 })).granted).toBe(0);
    expect((await lease({ key: k, need: 2, want: 5 })).granted).toBe(2);
  });

  it('starts a new window once the last has ended', async () => {
    const k = freshKey('window');
    expect((await lease({ key: k, want: 10, windowMs: 300 })).granted).toBe(10);
    expect((await lease({ key: k, windowMs: 300 })).granted).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await lease({ key: k, want: 10, windowMs: 300 })).granted).toBe(10);
  });

  it('never grants more than the limit to leases asked at once from several connections', async () => {
    const stores = [storeOn(suite.db.url), storeOn(suite.db.url)];
    try {
      const k = freshKey('race');
      const grants = await Promise.all(Array.from({ length: 40 }, (_, i) => stores[i % 2]!.lease({ key: k, need: 1, want: 7, limit: 100, windowMs: 60_000 })));
      expect(grants.reduce((sum, { granted }) => sum + granted, 0)).toBe(100);
      const { rows } = await suite.database.pool.query<{ points: number }>('SELECT points FROM rate_limit_counter WHERE key = $1', [k]);
      expect(rows[0]!.points).toBe(100);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});

describe('a leased budget', () => {
  it('asks the store once per lease, not once per request: 100 requests of 1 point, leases of 50, 2 round trips', async () => {
    const store = counting(storeOn(suite.db.url));
    try {
      const budget = new LeasedBudget(store, { name: 'q', limit: 1_000, windowMs: 60_000, leasePoints: 50 });
      const caller = freshKey('round-trips');
      for (let i = 0; i < 100; i += 1) expect(await budget.take(caller, 1)).toBeUndefined();
      expect(store.asked).toHaveLength(2);
    } finally {
      await store.close();
    }
  });

  it('is exact on one instance: what it allows is the limit, and a refusal gives the time until the window ends', async () => {
    const store = storeOn(suite.db.url);
    try {
      const budget = new LeasedBudget(store, { name: 'q', limit: 100, windowMs: 60_000, leasePoints: 30 });
      const caller = freshKey('exact');
      let allowed = 0;
      let refusedFor: number | undefined;
      for (let i = 0; i < 40 && refusedFor === undefined; i += 1) {
        refusedFor = await budget.take(caller, 3);
        if (refusedFor === undefined) allowed += 3;
      }
      expect(allowed).toBe(99);
      expect(refusedFor).toBeGreaterThan(55_000);
      // The point left is still there for a request that fits it.
      expect(await budget.take(caller, 1)).toBeUndefined();
      expect(await budget.take(caller, 1)).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it('lets requests arriving together wait for one lease instead of each asking for its own', async () => {
    const store = counting(storeOn(suite.db.url));
    try {
      const budget = new LeasedBudget(store, { name: 'q', limit: 1_000, windowMs: 60_000, leasePoints: 100 });
      const caller = freshKey('together');
      const answers = await Promise.all(Array.from({ length: 50 }, () => budget.take(caller, 1)));
      expect(answers.every((answer) => answer === undefined)).toBe(true);
      expect(store.asked).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('lets a lease lapse with its window: points left in an ended window are not spent in the next', async () => {
    let windowEnds = 0;
    const granted: number[] = [];
    const memory: LimiterStore = {
      kind: 'postgres',
      ready: async () => undefined,
      close: async () => undefined,
      async lease({ want }: LeaseRequest): Promise<PointLease> {
        granted.push(want);
        windowEnds = Date.now() + 200;
        return { granted: want, msBeforeReset: 200 };
      },
    };
    const budget = new LeasedBudget(memory, { name: 'q', limit: 100, windowMs: 200, leasePoints: 10 });
    expect(await budget.take('caller', 1)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, windowEnds - Date.now()) + 50));
    expect(await budget.take('caller', 1)).toBeUndefined();
    // Nine points were left of the first lease; they lapsed, so the second request needed a new one.
    expect(granted).toEqual([10, 10]);
  });
});

describe('two instances with leases', () => {
  const NOTE = `mutation ($id: ID!) { addProgressNote(input: { commitmentId: $id, effectiveOn: "2024-01-01", note: "lease" }) { userErrors { message } } }`;

  async function alternate(servers: TestServer[], authorization: string, count: number) {
    let allowed = 0;
    for (let i = 0; i < count; i += 1) {
      const { status, body } = await servers[i % servers.length]!.graphql(NOTE, { id: commitmentId }, { authorization });
      if (status === 200 && !body.errors) allowed += 1;
      else if (status !== 429) throw new Error(`unexpected answer ${status}: ${JSON.stringify(body)}`);
    }
    return allowed;
  }

  it('allow the limit once between them, and refuse at most one lease per instance early', async () => {
    // 40 mutations a minute, leases of 10% (4 points): 60 requests alternating A/B.
    const env = { RATE_LIMIT_MUTATIONS: '40', RATE_LIMIT_LEASE_PERCENT: '10' };
    const servers = [await suite.startServer(env), await suite.startServer(env)];
    const { authorization } = await suite.fixtures.key('EDITOR', 'leases across two instances');
    const allowed = await alternate(servers, authorization, 60);
    console.log(`leases of 4 points, limit 40, 60 mutations alternating over 2 instances: ${allowed} allowed`);
    expect(allowed).toBeLessThanOrEqual(40);
    expect(allowed).toBeGreaterThanOrEqual(40 - 2 * 4);
    const { rows } = await suite.database.pool.query<{ points: number }>(`SELECT points FROM rate_limit_counter WHERE key LIKE 'mutations:%'`);
    expect(rows.reduce((sum, row) => sum + row.points, 0)).toBeLessThanOrEqual(40);
  });
});
