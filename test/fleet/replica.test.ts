// Read replicas with real processes: a private primary and its streaming replica (support/streaming-replica.ts),
// the server started on both. Which database answered is seen from the data itself: with the replica's
// replay paused, a write on the primary is missing from the replica, so an answer without it came from
// the replica and an answer with it from the primary. A second instance (B) shows read-your-writes across
// instances: the commit position a mutation through A returns, brought to B, keeps B's reads on the primary.
import { Client } from 'pg';
import { startApp } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { createDatabase, type Database } from '../../src/db/prisma';
import { createLogger } from '../../src/logger';
import { missingBinaries, startReplicatedCluster, type ReplicatedCluster } from '../support/streaming-replica';
import { startTestServer, type TestServer } from '../support/test-server';
import { createApiKey } from '../support/write-fixtures';

const missing = missingBinaries();
if (missing) console.log(`replica tests skipped: ${missing}`);
const describeWithBinaries = missing ? describe.skip : describe;

const ACTORS = `query ($search: String!) { actors(filter: { search: $search }, first: 50) { nodes { slug } } }`;
const CREATE_ACTOR = `mutation ($input: CreateActorInput!) { createActor(input: $input) { actor { slug } userErrors { field message code } } }`;

async function onReplica<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (done(value)) {
      console.log(`${what}: after ${Date.now() - started} ms`);
      return value;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describeWithBinaries('read replicas (real primary and streaming replica)', () => {
  let cluster: ReplicatedCluster;
  let server: TestServer;
  let primary: Database;
  let admin: { authorization: string };

  const slugs = async (headers: Record<string, string> = {}) => {
    const { body } = await server.graphql<{ actors: { nodes: { slug: string }[] } }>(ACTORS, { search: 'Replica probe' }, headers);
    expect(body.errors).toBeUndefined();
    return body.data!.actors.nodes.map((actor) => actor.slug).sort();
  };
  const readyz = async () => {
    const response = await fetch(`${server.baseUrl}/readyz`);
    return { status: response.status, body: (await response.json()) as { ready: boolean; replicas?: { name: string; state: string; lagBytes: number | null }[] } };
  };
  const replicaState = async () => (await readyz()).body.replicas?.[0]?.state;

  beforeAll(async () => {
    const started = Date.now();
    cluster = await startReplicatedCluster();
    console.log(`primary and streaming replica started in ${Date.now() - started} ms`);
    server = await startTestServer(cluster.primary.url, {
      MIGRATE_ON_START: 'true',
      SEED_ON_START: 'true',
      DATABASE_REPLICA_URL: cluster.replica.url,
      DB_REPLICA_CHECK_INTERVAL_MS: '100',
      // Replay is paused on purpose below; lag in seconds must not take the replica out meanwhile.
      DB_REPLICA_MAX_LAG_SECONDS: '3600',
      DB_REPLICA_READ_YOUR_WRITES_MS: '600000',
    });
    primary = createDatabase({ url: cluster.primary.url, poolMax: 2, statementTimeoutMs: 10_000, idleInTransactionTimeoutMs: 10_000, connectionTimeoutMs: 5_000 });
    admin = await createApiKey(primary.prisma, 'ADMIN');
    // The key and the seed are on the replica once it is up to date: from then on, reads there are exact.
    await eventually(replicaState, (state) => state === 'up', 'replica up');
    console.log(`set-up done in ${Date.now() - started} ms`);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await primary?.close();
    await cluster?.close();
  }, 60_000);

  it('serves reads from the replica and a writer\'s own reads from the primary until the replica has replayed its write', async () => {
    await onReplica(cluster.replica.url, 'SELECT pg_wal_replay_pause()');
    try {
      const created = await server.graphql(CREATE_ACTOR, { input: { slug: 'replica-probe-1', name: 'Replica probe one', kind: 'OTHER' } }, { authorization: admin.authorization });
      expect(created.body.data?.createActor).toEqual({ actor: { slug: 'replica-probe-1' }, userErrors: [] });

      // The writer sees its write at once: its reads went to the primary.
      expect(await slugs({ authorization: admin.authorization })).toEqual(['replica-probe-1']);
      // Anyone else reads the replica, which has not replayed the write: the answer lacks it.
      expect(await slugs()).toEqual([]);
      expect((await onReplica<{ n: number }>(cluster.replica.url, `SELECT count(*)::int AS n FROM actor WHERE slug = 'replica-probe-1'`))[0]!.n).toBe(0);
      expect((await readyz()).body.replicas![0]).toMatchObject({ state: 'up', lagBytes: expect.any(Number) });
    } finally {
      await onReplica(cluster.replica.url, 'SELECT pg_wal_replay_resume()');
    }
    // Once replayed, everyone's reads see it, the writer's back on the replica.
    await eventually(() => slugs(), (found) => found.length === 1, 'write visible on the replica');

    const metrics = await (await fetch(`${server.baseUrl}/metrics`)).text();
    const routed = Object.fromEntries([...metrics.matchAll(/^db_read_requests_routed\{database="([^"]+)"\} (\d+)$/gm)].map((m) => [m[1] === 'primary' ? 'primary' : 'replica', Number(m[2])]));
    console.log('reads routed', routed);
    expect(routed.replica).toBeGreaterThan(0);
    expect(routed.primary).toBeGreaterThan(0);
  });

  it('gives a writer its writes on another instance too: the commit position from A, brought to B, keeps B off a replica that lacks it', async () => {
    const b = await startTestServer(cluster.primary.url, {
      DATABASE_REPLICA_URL: cluster.replica.url,
      DB_REPLICA_CHECK_INTERVAL_MS: '100',
      DB_REPLICA_MAX_LAG_SECONDS: '3600',
      DB_REPLICA_READ_YOUR_WRITES_MS: '600000',
    });
    try {
      await eventually(async () => ((await (await fetch(`${b.baseUrl}/readyz`)).json()) as { replicas: { state: string }[] }).replicas[0]!.state, (state) => state === 'up', 'replica up for B');
      await onReplica(cluster.replica.url, 'SELECT pg_wal_replay_pause()');
      try {
        const created = await server.graphql(CREATE_ACTOR, { input: { slug: 'replica-probe-fleet', name: 'Replica probe fleet', kind: 'OTHER' } }, { authorization: admin.authorization });
        expect(created.body.data?.createActor).toEqual({ actor: { slug: 'replica-probe-fleet' }, userErrors: [] });
        const lsn = created.headers.get('x-commit-lsn')!;
        expect(lsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
        const cookie = created.headers.get('set-cookie')!;
        expect(cookie).toMatch(new RegExp(`^ct_read_after_lsn=${lsn.replace('/', '\\/')}; Max-Age=600; Path=/; HttpOnly; SameSite=Lax$`));
        const onB = async (headers: Record<string, string>) => {
          const { body } = await b.graphql<{ actors: { nodes: { slug: string }[] } }>(ACTORS, { search: 'Replica probe fleet' }, headers);
          expect(body.errors).toBeUndefined();
          return body.data!.actors.nodes.map((actor) => actor.slug);
        };
        // B has not seen the write: the same writer without the position reads B's replica, which lacks it.
        expect(await onB({ authorization: admin.authorization })).toEqual([]);
        // With the position, as a header (API clients) or the cookie (browsers), B reads the primary.
        expect(await onB({ authorization: admin.authorization, 'x-read-after-lsn': lsn })).toEqual(['replica-probe-fleet']);
        expect(await onB({ authorization: admin.authorization, cookie: cookie.split(';')[0]! })).toEqual(['replica-probe-fleet']);
        // A position that is not one is ignored, not an error.
        expect(await onB({ 'x-read-after-lsn': 'not-a-position' })).toEqual([]);
      } finally {
        await onReplica(cluster.replica.url, 'SELECT pg_wal_replay_resume()');
      }
      // Once replayed, anyone reading B's replica sees it.
      await eventually(async () => (await b.graphql<{ actors: { nodes: { slug: string }[] } }>(ACTORS, { search: 'Replica probe fleet' })).body.data!.actors.nodes.length, (n) => n === 1, 'write replayed, seen on B without the position');
    } finally {
      await b.stop();
    }
  });

  it('skips a replica lagging past the limit: its reads go to the primary', async () => {
    const strict = await startTestServer(cluster.primary.url, { DATABASE_REPLICA_URL: cluster.replica.url, DB_REPLICA_CHECK_INTERVAL_MS: '100', DB_REPLICA_MAX_LAG_BYTES: '1' });
    await onReplica(cluster.replica.url, 'SELECT pg_wal_replay_pause()');
    try {
      // Written through the other server: `strict` knows of no write by anyone, only the replica's lag.
      await server.graphql(CREATE_ACTOR, { input: { slug: 'replica-probe-lag', name: 'Replica probe lag', kind: 'OTHER' } }, { authorization: admin.authorization });
      const state = async () => ((await (await fetch(`${strict.baseUrl}/readyz`)).json()) as { replicas: { state: string; lagBytes: number }[] }).replicas[0]!;
      const lagging = await eventually(state, ({ state }) => state === 'lagging', 'replica seen lagging');
      expect(lagging.lagBytes).toBeGreaterThan(1);
      const { body } = await strict.graphql<{ actors: { nodes: { slug: string }[] } }>(ACTORS, { search: 'Replica probe lag' });
      expect(body.data!.actors.nodes).toEqual([{ slug: 'replica-probe-lag' }]);
    } finally {
      await onReplica(cluster.replica.url, 'SELECT pg_wal_replay_resume()');
      await strict.stop();
    }
  });

  it('refuses to start with a primary, or another database, given as the replica', async () => {
    const env = { NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: cluster.primary.url, MIGRATE_ON_START: 'false', SEED_ON_START: 'false' };
    const start = (replicaUrl: string) => startApp(loadConfig({ ...env, DATABASE_REPLICA_URL: replicaUrl }), createLogger('silent'));
    await expect(start(cluster.primary.url)).rejects.toThrow(/is not a replica \(pg_is_in_recovery\(\) is false\)/);
    const otherDatabase = cluster.replica.url.replace(/\/postgres$/, '/template1');
    await expect(start(otherDatabase)).rejects.toThrow(/is not a replica of DATABASE_URL: .* database "template1", the primary is .* database "postgres"/);
  });

  it('falls back to the primary when the replica is down, and /readyz says so', async () => {
    await cluster.replica.stop();
    const ready = await eventually(readyz, ({ body }) => body.replicas?.[0]?.state === 'down', 'replica seen down');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ ready: true, replicas: [{ state: 'down', lagBytes: null }] });

    await server.graphql(CREATE_ACTOR, { input: { slug: 'replica-probe-2', name: 'Replica probe two', kind: 'OTHER' } }, { authorization: admin.authorization });
    // Anonymous, so not held on the primary by read-your-writes: it is there because the replica is out.
    expect(await slugs()).toEqual(['replica-probe-1', 'replica-probe-2', 'replica-probe-fleet', 'replica-probe-lag']);

    await cluster.replica.start();
    await eventually(() => slugs(), (found) => found.length === 4, 'reads answered after the replica is back');
    await eventually(replicaState, (state) => state === 'up', 'replica up again');
  });
});
