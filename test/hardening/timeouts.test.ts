// Every wait has an end: a slow statement, a forgotten transaction, a pool with no free connection and a
// request that takes too long each end in a clean error, never a hang, and the server serves on.
import type { Database } from '../../src/db/prisma';
import { useTestDatabase } from '../support/fixture';
import { captureLogs, type LogCapture } from '../support/log-capture';
import { lockTable } from '../support/table-lock';

const suite = useTestDatabase();

const MASKED = { code: 'INTERNAL_SERVER_ERROR', errorId: expect.any(String) };

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work();
  return { result, ms: Date.now() - started };
}

describe('database timeouts on every pool connection', () => {
  let database: Database;

  beforeAll(() => {
    database = suite.createClient({ poolMax: 2, statementTimeoutMs: 300, idleInTransactionTimeoutMs: 300, connectionTimeoutMs: 5_000 });
  });

  it('cancels a statement that runs past statement_timeout, and the pool serves on', async () => {
    const { result, ms } = await timed(() => database.prisma.$queryRaw`SELECT pg_sleep(10)`.catch((error: unknown) => error));
    expect(String(result)).toMatch(/statement timeout/);
    expect(ms).toBeLessThan(5_000);
    expect(await database.prisma.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  });

  it('ends a transaction left idle past idle_in_transaction_session_timeout, and the pool serves on', async () => {
    const outcome = await database.prisma
      .$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT 1`;
          await new Promise((resolve) => setTimeout(resolve, 1_500));
          await tx.$queryRaw`SELECT 1`;
        },
        { timeout: 20_000 },
      )
      .then(
        () => 'committed',
        (error: unknown) => error,
      );
    expect(outcome).toBeInstanceOf(Error);
    expect(await database.prisma.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  });
});

describe('through the server', () => {
  it('fails a request that finds no free connection within DB_CONNECTION_TIMEOUT_MS, instead of queueing it forever', async () => {
    const server = await suite.startServer({ DB_POOL_MAX: '1', DB_CONNECTION_TIMEOUT_MS: '500', DB_STATEMENT_TIMEOUT_MS: '30000' });
    const lock = await lockTable(suite.db.url, 'partnership');
    try {
      // Holds the only connection, waiting for the lock.
      const holder = server.graphql('{ partnerships { name } }');
      await lock.waiter();
      const { result: starved, ms } = await timed(() => server.graphql('{ countries { code } }'));
      expect(starved.body.errors).toEqual([expect.objectContaining({ extensions: MASKED })]);
      expect(ms).toBeLessThan(5_000);

      await lock.release();
      expect((await holder).body).toEqual({ data: { partnerships: [] } });
      expect((await server.graphql('{ countries { code } }')).body).toEqual({ data: { countries: [] } });
    } finally {
      await lock.release();
      await server.stop();
    }
  });

  it('answers a request still running at REQUEST_TIMEOUT_MS with 503 REQUEST_TIMEOUT, and serves on', async () => {
    const logs: LogCapture = captureLogs();
    const server = await suite.startServer({ REQUEST_TIMEOUT_MS: '1000', DB_STATEMENT_TIMEOUT_MS: '30000', LOG_LEVEL: 'info' }, { logDestination: logs.stream });
    const lock = await lockTable(suite.db.url, 'partnership');
    try {
      const { result: response, ms } = await timed(() =>
        fetch(server.app.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': 'deadline-test' },
          body: JSON.stringify({ query: '{ partnerships { name } }' }),
        }),
      );
      expect(response.status).toBe(503);
      expect(response.headers.get('x-request-id')).toBe('deadline-test');
      expect(await response.json()).toEqual({
        errors: [{ message: expect.stringMatching(/did not complete within 1000 ms/), extensions: { code: 'REQUEST_TIMEOUT' } }],
      });
      expect(ms).toBeGreaterThanOrEqual(900);
      expect(ms).toBeLessThan(10_000);

      // The abandoned request finishes once the lock goes; its late answer is dropped without harm.
      await lock.release();
      const deadline = Date.now() + 10_000;
      while (!logs.lines().some((line) => line.requestId === 'deadline-test' && /after its deadline/.test(line.msg)) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(logs.lines().filter((line) => line.requestId === 'deadline-test').map((line) => line.msg)).toContain('request finished after its deadline; its answer was dropped');
      expect((await server.graphql('{ partnerships { name } }')).body).toEqual({ data: { partnerships: [] } });
    } finally {
      await lock.release();
      await server.stop();
    }
  });
});
