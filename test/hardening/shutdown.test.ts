// SIGTERM to the real server process: readiness fails at once while requests are still served, in-flight
// requests finish within the grace period, and the process exits with 0; a request that outlasts the grace
// period is cut and the exit still comes, bounded.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { lockTable, type TableLock } from '../support/table-lock';
import { useTestDatabase } from '../support/fixture';

const root = path.resolve(__dirname, '../..');

const suite = useTestDatabase();

interface ServerProcess {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', PORT: String(port), DATABASE_URL: suite.db.url, MIGRATE_ON_START: 'false', SEED_ON_START: 'false', ...env },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const server = { child, port, output: () => output, exited };
  await waitFor(() => /server ready/.test(output), 60_000, server);
  return server;
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, server: ServerProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (server.child.exitCode !== null && !/stopped/.test(server.output())) throw new Error(`server exited early:\n${server.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const slowQuery = (port: number) =>
  fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ partnerships { name } }' }),
  });

describe('graceful shutdown on SIGTERM', () => {
  jest.setTimeout(180_000);
  let lock: TableLock | undefined;
  let server: ServerProcess | undefined;

  afterEach(async () => {
    await lock?.release();
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
  });

  it('fails readiness first, lets the in-flight request finish with 200, and exits with 0', async () => {
    server = await startServer({ SHUTDOWN_READINESS_DELAY_MS: '3000', SHUTDOWN_GRACE_MS: '30000' });
    const { port } = server;
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

    // An in-flight request: it waits for a table lock this test holds.
    lock = await lockTable(suite.db.url, 'partnership');
    let settled = false;
    const inFlight = slowQuery(port).finally(() => (settled = true));
    await lock.waiter();

    server.child.kill('SIGTERM');
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 503, 10_000, server);
    const readiness = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(await readiness.json()).toEqual({ ready: false, reason: 'shutting down' });
    // Still serving while not ready: the load balancer may not have noticed yet.
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    // The drain begins; the request is still in flight and is let finish.
    await waitFor(() => /draining in-flight requests/.test(server!.output()), 20_000, server);
    expect(settled).toBe(false);
    await lock.release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { partnerships: [] } });

    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/"msg":"stopped"/);
  });

  it('cuts a request that outlasts SHUTDOWN_GRACE_MS and still exits with 0, without hanging', async () => {
    server = await startServer({ SHUTDOWN_READINESS_DELAY_MS: '0', SHUTDOWN_GRACE_MS: '1000', DB_STATEMENT_TIMEOUT_MS: '4000' });
    lock = await lockTable(suite.db.url, 'partnership');
    const inFlight = slowQuery(server.port).then(
      (response) => response.status,
      () => 'connection closed',
    );
    await lock.waiter();

    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    expect(await inFlight).toBe('connection closed');
    expect(await server.exited).toBe(0);
    // Grace period, then the statement still holding a connection ends at its statement_timeout.
    expect(Date.now() - signalledAt).toBeLessThan(15_000);
  });
});
