// A private PostgreSQL primary with a streaming replica, made with the PostgreSQL 15 binaries of the
// machine (not the shared server at 5432, which must not be reconfigured). PostgreSQL refuses to run as
// root, so when the tests are root the binaries run as the `postgres` OS user, which owns the temp dir.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, chown, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const PG_BIN = process.env.PG15_BIN ?? '/usr/lib/postgresql/15/bin';

/** Why the cluster cannot be made here, or undefined when it can. */
export function missingBinaries(): string | undefined {
  const missing = ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres'].filter((name) => !existsSync(path.join(PG_BIN, name)));
  return missing.length ? `PostgreSQL binaries missing in ${PG_BIN}: ${missing.join(', ')}` : undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

async function pg(binary: string, args: string[]): Promise<string> {
  const file = path.join(PG_BIN, binary);
  const { stdout } = asRoot ? await run('runuser', ['-u', 'postgres', '--', file, ...args]) : await run(file, args);
  return stdout;
}

export interface Node {
  url: string;
  port: number;
  dataDir: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ReplicatedCluster {
  primary: Node;
  replica: Node;
  close(): Promise<void>;
}

function node(dir: string, name: string, port: number): Node {
  const dataDir = path.join(dir, name);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    start: async () => {
      await pg('pg_ctl', ['-D', dataDir, '-l', path.join(dir, `${name}.log`), '-w', '-t', '60', 'start']);
    },
    stop: async () => {
      await pg('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    },
  };
}

export async function startReplicatedCluster(): Promise<ReplicatedCluster> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ct-replica-'));
  if (asRoot) await chown(dir, Number((await run('id', ['-u', 'postgres'])).stdout), Number((await run('id', ['-g', 'postgres'])).stdout));
  const primary = node(dir, 'primary', await freePort());
  const replica = node(dir, 'replica', await freePort());
  let started: Node[] = [];
  try {
    // initdb's trust pg_hba already allows replication connections from 127.0.0.1.
    await pg('initdb', ['-D', primary.dataDir, '-U', 'postgres', '--auth=trust', '--no-sync']);
    const common = `listen_addresses = '127.0.0.1'\nunix_socket_directories = '${dir}'\nfsync = off\n`;
    await appendFile(path.join(primary.dataDir, 'postgresql.conf'), `${common}port = ${primary.port}\nwal_level = replica\nmax_wal_senders = 5\n`);
    await primary.start();
    started = [primary];
    // -R writes primary_conninfo and standby.signal: the copy starts as a streaming replica.
    await pg('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', replica.dataDir, '-R', '-X', 'stream', '--no-sync']);
    await appendFile(path.join(replica.dataDir, 'postgresql.conf'), `port = ${replica.port}\nhot_standby = on\n`);
    await replica.start();
    started = [primary, replica];
  } catch (error) {
    await Promise.allSettled(started.map((n) => n.stop()));
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    primary,
    replica,
    async close() {
      await Promise.allSettled([replica.stop(), primary.stop()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
