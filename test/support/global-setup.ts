// Runs once before all test files: finds or starts the PostgreSQL server, and builds template databases
// that each test file clones (CREATE DATABASE ... TEMPLATE is a file copy: far faster than migrating).
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { prepareTemplates } from './templates';

export default async function globalSetup(): Promise<void> {
  const configured = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (configured) {
    process.env.TEST_SERVER_URL = configured;
  } else {
    const dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'commitment-tracker-test-')), 'pg');
    const postgres = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'postgres' });
    process.env.TEST_SERVER_URL = postgres.url;
    (globalThis as { __embeddedPostgres?: typeof postgres }).__embeddedPostgres = postgres;
    (globalThis as { __embeddedPostgresDir?: string }).__embeddedPostgresDir = path.dirname(dataDir);
  }
  await prepareTemplates();
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
