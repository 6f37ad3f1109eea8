// The one setup every database suite shares: a database of its own (cloned from a template), the rows and API
// keys its tests rely on, and a server on it; all made in beforeAll and undone in afterAll of the describe block
// (or file) that calls useTestServer or useTestDatabase. The suite's properties exist only once beforeAll has
// run: reading one earlier, or one the options did not ask for, throws and says why.
import type { DestinationStream } from 'pino';
import type { Role } from '../../src/common/enums';
import { createDatabase, type Database } from '../../src/db/prisma';
import { createFixture, type Fixture } from './commitment-fixtures';
import { captureLogs, type LogCapture } from './log-capture';
import { startStatementCounter, type StatementCounter } from './statement-counter';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';
import { createMigratedDatabase, createSeededDatabase, type TestDatabase } from './test-database';
import { startTestServer, type TestServer } from './test-server';
import { createApiKey, createWriteFixtures, type ApiKeyCredentials, type WriteFixtures } from './write-fixtures';

export interface TestDatabaseOptions<Key extends string = never> {
  /** 'migrated' (the default): the schema and no rows. 'seeded': the curated seed dataset. */
  database?: 'migrated' | 'seeded';
  /** 'write': support/write-fixtures.ts, as `fixtures`. 'commitments': support/commitment-fixtures.ts, as `ids` and `dbIds`. */
  fixtures?: 'write' | 'commitments';
  /** Keys to create, in this order, by the name the tests use: a role (the key is named "<role> key") or a role and a name. */
  apiKeys?: Record<Key, Role | { role: Role; name: string }>;
  /** Rows of the suite's own, written after the fixtures and keys and before the server starts, as a deployment's rows would be. */
  prepare?: (suite: TestDatabaseSuite<Key>) => Promise<void>;
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
   * Runs `close` in afterAll before the suite stops its servers and drops its database (the last registered
   * first). A file's own afterAll would be too late: jest runs afterAll hooks in the order they are declared.
   */
  onTeardown(close: () => unknown): void;
}

export interface TestServerSuite<Key extends string = never> extends TestDatabaseSuite<Key> {
  readonly server: TestServer;
  readonly counter: StatementCounter;
  readonly proxy: TcpProxy;
  readonly logs: LogCapture;
  /**
   * Another server, straight on the suite's database with only `env` over the defaults; the suite stops it
   * before its database goes, unless the test stopped it first.
   */
  startServer(env?: Record<string, string>, options?: { logDestination?: DestinationStream }): Promise<TestServer>;
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

function useSuite<Key extends string>(options: TestDatabaseOptions<Key>, serverOptions: TestServerOptions<Key> | undefined): TestServerSuite<Key> {
  const made: Partial<Made> = {};
  /** A client the suite made itself, as opposed to the write fixtures' own. */
  let ownDatabase: Database | undefined;
  const extraServers = new Set<TestServer>();
  const teardowns: (() => unknown)[] = [];
  let started = false;

  const suite = {
    onTeardown(close: () => unknown) {
      teardowns.push(close);
    },
    async startServer(env: Record<string, string> = {}, startOptions: { logDestination?: DestinationStream } = {}) {
      const server = await startTestServer(suite.db.url, env, startOptions);
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
        if (!started) throw new Error(`suite.${name} is filled in by beforeAll: read it inside a hook or a test`);
        throw new Error(`suite.${name} is not set up: ${WHEN[name] ?? 'its setup failed'}`);
      },
    });
  }

  beforeAll(async () => {
    started = true;
    const db = (made.db = await (options.database === 'seeded' ? createSeededDatabase() : createMigratedDatabase()));
    let database: Database;
    if (options.fixtures === 'write') {
      made.fixtures = await createWriteFixtures(db.url);
      database = made.fixtures.database;
    } else {
      database = ownDatabase = createDatabase({ url: db.url, poolMax: 2, statementTimeoutMs: 10_000, idleInTransactionTimeoutMs: 10_000, connectionTimeoutMs: 5_000 });
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
  });

  afterAll(async () => {
    for (const close of teardowns.reverse()) await close();
    for (const server of [...extraServers]) await server.stop();
    await made.server?.stop();
    await made.counter?.close();
    await made.proxy?.close();
    await ownDatabase?.close();
    await made.fixtures?.close();
    await made.db?.drop();
  });

  return suite;
}
