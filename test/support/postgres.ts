// Databases for tests on a real PostgreSQL server.
// The server is TEST_DATABASE_URL (or DATABASE_URL); without either, jest's global setup starts an embedded
// server and publishes its URL as TEST_SERVER_URL. Every test file gets databases of its own, so files run
// in parallel without seeing each other's rows.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export function serverUrl(): string {
  const url = process.env.TEST_SERVER_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error('No test PostgreSQL server: jest global setup should have set TEST_SERVER_URL');
  return url;
}

export function databaseUrl(database: string, base = serverUrl()): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdminClient<T>(work: (client: Client) => Promise<T>, base = serverUrl()): Promise<T> {
  const client = new Client({ connectionString: databaseUrl('postgres', base) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Creates a database with a unique name, empty or cloned from a template database. */
export async function createDatabase(prefix: string, options: { template?: string } = {}): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`.toLowerCase();
  await withAdminClient((client) =>
    client.query(
      `CREATE DATABASE ${quoteIdent(name)}${options.template ? ` TEMPLATE ${quoteIdent(options.template)}` : ''}`,
    ),
  );
  return {
    name,
    url: databaseUrl(name),
    drop: () => dropDatabase(name),
  };
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}
