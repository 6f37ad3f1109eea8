// The one setup every database suite shares: a database of its own (empty, or cloned from the migrated or the
// seeded template), the rows and API keys its tests rely on, and a server on it; all made in beforeAll and undone
// in afterAll of the describe block (or file) that calls useTestServer or useTestDatabase (in beforeEach and
// afterEach with scope: 'test'). What a test starts beyond that (another database, server or client, a seed run)
// it starts through the suite, which undoes it with the rest. The suite's properties exist only once the setup
// has run: reading one earlier, or one the options did not ask for, throws and says why.
import type { DestinationStream } from 'pino';
import { Client } from 'pg';
import type { Role } from '../../src/common/enums';
import { createDatabase, type Database, type DatabaseOptions } from '../../src/db/prisma';
import type { SeedReport } from '../../src/seed/seed.counts';
import type { SeedDataset } from '../../src/seed/seed.dataset';
import { loadSeedDataset } from '../../src/seed/seed.loader';
import { SeedService } from '../../src/seed/seed.service';
import { createFixture, type Fixture } from './commitment-fixtures';
import { captureLogs, type LogCapture } from './log-capture';
import { startStatementCounter, type StatementCounter } from './statement-counter';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';
import { createEmptyDatabase, createMigratedDatabase, createSeededDatabase, type TestDatabase } from './test-database';
import { SEEDS_DIR } from './seeds';
import { startTestServer, type TestServer } from './test-server';
import { createApiKey, createWriteFixtures, type ApiKeyCredentials, type WriteFixtures } from './write-fixtures';

/**
 * 'empty': a new database with nothing in it, not even the migrations' table (for the migration suites).
 * 'migrated': the schema and no rows. 'seeded': the curated seed dataset.
 */
export type DatabaseKind = 'empty' | 'migrated' | 'seeded';

export interface TestDatabaseOptions<Key extends string = never> {
  /** 'migrated' by default. fixtures and apiKeys need the schema: not with 'empty'. */
  database?: DatabaseKind;
  /**
   * 'suite' (the default): everything is made once, in beforeAll, and undone in afterAll. 'test': made afresh
   * for each test, in beforeEach, and undone in afterEach, for suites whose every test changes the database.
   */
  scope?: 'suite' | 'test';
  /** 'write': support/write-fixtures.ts, as `fixtures`. 'commitments': support/commitment-fixtures.ts, as `ids` and `dbIds`. */
  fixtures?: 'write' | 'commitments';
  /** Keys to create, in this order, by the name the tests use: a role (the key is named "<role> key") or a role and a name. */
  apiKeys?: Record<Key, Role | { role: Role; name: string }>;
  /** Rows of the suite's own, written after the fixtures and keys and before the server starts, as a deployment's rows would be. */
  prepare?: (suite: TestDatabaseSuite<Key>) => Promise<unknown>;
}

export interface TestServerOptions<Key extends string = never> extends TestDatabaseOptions<Key> {
  /** Settings for the server, over test-server.ts's defaults. */
  env?: Record<string, string>;
  /** The server reaches PostgreSQL through a statement counter, as `counter`. */
  countStatements?: boolean;
  /** The server reaches PostgreSQL through a TCP proxy the tests can cut, as `proxy`. */
  tcpProxy?: boolean;
  /** The server's log lines are collected in `logs`. */
  captureLogs?: boolean;
}

/** Another database of the suite's, with a client on it; drop() closes the client and drops the database. */
export interface OtherDatabase extends Omit<Database, 'close'> {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

export interface TestDatabaseSuite<Key extends string = never> {
  readonly db: TestDatabase;
  /** A client on the database for the tests' own reads and writes (the write fixtures' own, with fixtures: 'write'). */
  readonly database: Database;
  readonly fixtures: WriteFixtures;
  /** The commitment fixture's global IDs and database ids, by key. */
  readonly ids: Fixture['ids'];
  readonly dbIds: Fixture['dbIds'];
  readonly keys: Record<Key, ApiKeyCredentials>;
  /**
   * Runs `close` in the suite's teardown (afterAll; afterEach with scope: 'test') before the suite stops its
   * servers and drops its database (the last registered first). A file's own afterAll would be too late: jest
   * runs afterAll hooks in the order they are declared.
   */
  onTeardown(close: () => unknown): void;
  /**
   * What `npm run db:seed` does after migrating: loads the dataset (the seeds folder, another folder, or a
   * dataset already loaded) and applies it, on a client of its own, to the suite's database or `target`.
   */
  seed(source?: string | SeedDataset, target?: { url: string }): Promise<SeedReport>;
  /** Another database, with a client on it; the suite drops it with its own, unless the test dropped it first. */
  createDatabase(kind?: DatabaseKind): Promise<OtherDatabase>;
  /** A pg client of its own on the suite's database, connected; the suite ends it, unless the test ended it first. */
  connect(options?: { applicationName?: string }): Promise<Client>;
  /** Another Prisma client (and pool) on the suite's database, with `settings` over the suite's own; the suite closes it. */
  createClient(settings: Partial<Omit<DatabaseOptions, 'url'>>): Database;
  /**
   * Another server with only `env` over the defaults, straight on the suite's database (or on `url`); the suite
   * stops it before its database goes, unless the test stopped it first.
   */
  startServer(env?: Record<string, string>, options?: { url?: string; logDestination?: DestinationStream }): Promise<TestServer>;
}

export interface TestServerSuite<Key extends string = never> extends TestDatabaseSuite<Key> {
  readonly server: TestServer;
  readonly counter: StatementCounter;
  readonly proxy: TcpProxy;
  readonly logs: LogCapture;
}

/** What beforeAll makes, under the names the suite shows it by. */
interface Made {
  db: TestDatabase;
  database: Database;
  fixtures: WriteFixtures;
  ids: Fixture['ids'];
  dbIds: Fixture['dbIds'];
  keys: Record<string, ApiKeyCredentials>;
  server: TestServer;
  counter: StatementCounter;
  proxy: TcpProxy;
  logs: LogCapture;
}

const WHEN: Partial<Record<keyof Made, string>> = {
  fixtures: "only with fixtures: 'write'",
  ids: "only with fixtures: 'commitments'",
  dbIds: "only with fixtures: 'commitments'",
  server: 'only with useTestServer',
  counter: 'only with countStatements: true',
  proxy: 'only with tcpProxy: true',
  logs: 'only with captureLogs: true',
};

export function useTestDatabase<Key extends string = never>(options: TestDatabaseOptions<Key> = {}): TestDatabaseSuite<Key> {
  return useSuite(options, undefined);
}

export function useTestServer<Key extends string = never>(options: TestServerOptions<Key> = {}): TestServerSuite<Key> {
  if (options.countStatements && options.tcpProxy) throw new Error('useTestServer: countStatements and tcpProxy each sit between the server and PostgreSQL; pick one');
  return useSuite(options, options);
}

const CLIENT: Omit<DatabaseOptions, 'url'> = { poolMax: 2, statementTimeoutMs: 10_000, idleInTransactionTimeoutMs: 10_000, connectionTimeoutMs: 5_000 };
/** A seed writes the whole dataset in one transaction, and a second seed waits for the first: the seed script's patience. */
const SEED_CLIENT: Omit<DatabaseOptions, 'url'> = { poolMax: 2, statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 30_000, connectionTimeoutMs: 10_000 };

const CREATE: Record<DatabaseKind, () => Promise<TestDatabase>> = {
  empty: createEmptyDatabase,
  migrated: createMigratedDatabase,
  seeded: createSeededDatabase,
};

function useSuite<Key extends string>(options: TestDatabaseOptions<Key>, serverOptions: TestServerOptions<Key> | undefined): TestServerSuite<Key> {
  const kind = options.database ?? 'migrated';
  if (kind === 'empty' && (options.fixtures || options.apiKeys)) throw new Error("useTestDatabase: fixtures and apiKeys need the schema; not with database: 'empty'");
  let made: Partial<Made> = {};
  /** A client the suite made itself, as opposed to the write fixtures' own. */
  let ownDatabase: Database | undefined;
  /** What the tests started through the suite and have not undone themselves, undone in teardown. */
  const extraServers = new Set<TestServer>();
  const extraDatabases = new Set<OtherDatabase>();
  const extraClients = new Set<Client>();
  const extraPools = new Set<Database>();
  const teardowns: (() => unknown)[] = [];
  let started = false;

  const suite = {
    onTeardown(close: () => unknown) {
      teardowns.push(close);
    },
    async seed(source: string | SeedDataset = SEEDS_DIR, target: { url: string } = suite.db) {
      const dataset = typeof source === 'string' ? await loadSeedDataset(source) : source;
      const database = createDatabase({ ...SEED_CLIENT, url: target.url, applicationName: 'test-seed' });
      try {
        return await new SeedService(database.prisma).apply(dataset);
      } finally {
        await database.close();
      }
    },
    async createDatabase(other: DatabaseKind = 'migrated') {
      const db = await CREATE[other]();
      const database = createDatabase({ ...CLIENT, url: db.url });
      let dropping: Promise<void> | undefined;
      const tracked: OtherDatabase = {
        prisma: database.prisma,
        pool: database.pool,
        name: db.name,
        url: db.url,
        drop: () => {
          extraDatabases.delete(tracked);
          return (dropping ??= database.close().then(() => db.drop()));
        },
      };
      extraDatabases.add(tracked);
      return tracked;
    },
    async connect({ applicationName }: { applicationName?: string } = {}) {
      const client = new Client({ connectionString: suite.db.url, application_name: applicationName });
      await client.connect();
      extraClients.add(client);
      // The test may end it before the suite does: end() twice rejects.
      const end = client.end.bind(client);
      client.end = (() => (extraClients.delete(client) ? end() : Promise.resolve())) as Client['end'];
      return client;
    },
    createClient(settings: Partial<Omit<DatabaseOptions, 'url'>>) {
      const database = createDatabase({ ...CLIENT, ...settings, url: suite.db.url });
      let closing: Promise<void> | undefined;
      const tracked: Database = {
        ...database,
        close: () => {
          extraPools.delete(tracked);
          return (closing ??= database.close());
        },
      };
      extraPools.add(tracked);
      return tracked;
    },
    async startServer(env: Record<string, string> = {}, startOptions: { url?: string; logDestination?: DestinationStream } = {}) {
      const server = await startTestServer(startOptions.url ?? suite.db.url, env, { logDestination: startOptions.logDestination });
      // The test may stop it before the suite does: only the first stop() stops it.
      let stopping: Promise<void> | undefined;
      const tracked: TestServer = {
        ...server,
        stop: () => {
          extraServers.delete(tracked);
          return (stopping ??= server.stop());
        },
      };
      extraServers.add(tracked);
      return tracked;
    },
  } as TestServerSuite<Key>;
  for (const name of ['db', 'database', 'fixtures', 'ids', 'dbIds', 'keys', 'server', 'counter', 'proxy', 'logs'] as const) {
    Object.defineProperty(suite, name, {
      get() {
        const value = made[name];
        if (value !== undefined) return value;
        if (!started) throw new Error(`suite.${name} is filled in by ${options.scope === 'test' ? 'beforeEach' : 'beforeAll'}: read it inside a hook or a test`);
        throw new Error(`suite.${name} is not set up: ${WHEN[name] ?? 'its setup failed, or it was undone'}`);
      },
    });
  }

  async function setUp() {
    started = true;
    const db = (made.db = await CREATE[kind]());
    let database: Database;
    if (options.fixtures === 'write') {
      made.fixtures = await createWriteFixtures(db.url);
      database = made.fixtures.database;
    } else {
      database = ownDatabase = createDatabase({ ...CLIENT, url: db.url });
    }
    made.database = database;
    if (options.fixtures === 'commitments') {
      const fixture = await createFixture(database.prisma);
      made.ids = fixture.ids;
      made.dbIds = fixture.dbIds;
    }
    const keys: Record<string, ApiKeyCredentials> = {};
    for (const [name, spec] of Object.entries<Role | { role: Role; name: string }>(options.apiKeys ?? {})) {
      keys[name] = typeof spec === 'string' ? await createApiKey(database.prisma, spec) : await createApiKey(database.prisma, spec.role, spec.name);
    }
    made.keys = keys;
    await options.prepare?.(suite);
    if (!serverOptions) return;
    let url = db.url;
    if (serverOptions.countStatements) url = (made.counter = await startStatementCounter(url)).url;
    if (serverOptions.tcpProxy) url = (made.proxy = await startTcpProxy(url)).url;
    if (serverOptions.captureLogs) made.logs = captureLogs();
    made.server = await startTestServer(url, serverOptions.env, { logDestination: made.logs?.stream });
  }

  async function tearDown() {
    for (const close of teardowns.splice(0).reverse()) await close();
    for (const server of [...extraServers]) await server.stop();
    await made.server?.stop();
    await made.counter?.close();
    await made.proxy?.close();
    for (const client of [...extraClients]) await client.end();
    for (const database of [...extraPools]) await database.close();
    await ownDatabase?.close();
    await made.fixtures?.close();
    for (const database of [...extraDatabases]) await database.drop();
    await made.db?.drop();
    made = {};
    ownDatabase = undefined;
  }

  if (options.scope === 'test') {
    beforeEach(setUp);
    afterEach(tearDown);
  } else {
    beforeAll(setUp);
    afterAll(tearDown);
  }

  return suite;
}
