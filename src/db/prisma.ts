// The one place a Prisma client is made. It runs on a pg pool we own, so that timeouts are set on every
// connection and the pool's use can be reported.
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { PrismaClient } from '../generated/prisma/client';
import type { Logger } from '../logger';

export { PrismaClient };
export type { Prisma } from '../generated/prisma/client';

export interface DatabaseOptions {
  url: string;
  poolMax: number;
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  /** How long a request waits for a free connection before failing. */
  connectionTimeoutMs: number;
  applicationName?: string;
  logger?: Logger;
}

export interface Database {
  prisma: PrismaClient;
  pool: Pool;
  close(): Promise<void>;
}

export function createDatabase(options: DatabaseOptions): Database {
  const pool = new Pool({
    connectionString: options.url,
    max: options.poolMax,
    connectionTimeoutMillis: options.connectionTimeoutMs,
    idleTimeoutMillis: 30_000,
    // A runaway query or a forgotten open transaction is ended by the server, not left holding locks.
    options: `-c statement_timeout=${options.statementTimeoutMs} -c idle_in_transaction_session_timeout=${options.idleInTransactionTimeoutMs}`,
    application_name: options.applicationName ?? 'commitment-tracker',
  });
  // An idle client losing its connection (database restart) emits 'error' on the pool; unhandled, it would
  // crash the process. The pool drops that client and makes a new one on the next request.
  pool.on('error', (error) => options.logger?.warn({ err: error }, 'idle database connection lost'));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    pool,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
