// The newcomer's path: the real server process with no DATABASE_URL, on the embedded PostgreSQL.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

const root = path.resolve(__dirname, '../..');
let workDir: string;

interface ServerProcess {
  child: ChildProcess;
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

function startServer(env: Record<string, string>): ServerProcess {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info', SEED_ON_START: 'false', ...env };
  delete childEnv.DATABASE_URL;
  delete childEnv.TEST_DATABASE_URL;
  delete childEnv.TEST_SERVER_URL;
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], { cwd: root, env: childEnv });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForOutput(server: ServerProcess, pattern: RegExp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(server.output())) {
    if (server.child.exitCode !== null) throw new Error(`server exited early:\n${server.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function query(port: number, text: string) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: text }),
  });
  return response.json();
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'ct-embedded-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('the server on the embedded PostgreSQL', () => {
  jest.setTimeout(180_000);

  it('starts with no DATABASE_URL, keeps its data across a restart, and refuses a second process on the same data folder', async () => {
    const port = await freePort();
    const pgPort = await freePort();
    const env = { PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), EMBEDDED_PG_DATA_DIR: path.join(workDir, 'pg') };

    const first = startServer(env);
    await waitForOutput(first, /server ready/);
    expect(await query(port, '{ partnerships { name } }')).toEqual({ data: { partnerships: [] } });

    // Write through the embedded server, as any client would.
    const client = new Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${pgPort}/commitment_tracker` });
    await client.connect();
    await client.query(
      "INSERT INTO partnership (slug, name, level, updated_at) VALUES ('kept', 'Kept across restarts', 'OTHER', now())",
    );
    await client.end();

    // A second server on the same data folder must fail clearly and leave the first one serving.
    const second = startServer({ ...env, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()) });
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toMatch(/data folder .* is already in use by another PostgreSQL/);
    expect(await query(port, '{ partnerships { name } }')).toEqual({ data: { partnerships: [{ name: 'Kept across restarts' }] } });

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const restarted = startServer(env);
    await waitForOutput(restarted, /server ready/);
    expect(restarted.output()).toMatch(/"reused":true/);
    expect(await query(port, '{ partnerships { name } }')).toEqual({ data: { partnerships: [{ name: 'Kept across restarts' }] } });
    restarted.child.kill('SIGTERM');
    expect(await restarted.exited).toBe(0);
  });
});
