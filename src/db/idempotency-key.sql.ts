// The SQL of idempotency keys (see idempotency/write-unit.ts for what a key promises). A key is claimed
// by INSERT … ON CONFLICT inside the write's own transaction, or, for a write that is one statement, by
// CTEs of that statement (StatementKey).
import { DatabaseError } from 'pg';
import { Prisma } from '../generated/prisma/client';

type Client = Prisma.TransactionClient;

/** A key lives 24 hours, as Stripe's do; an expired one is reclaimed by the next request with it, and pruned later. */
const KEY_LIFETIME = Prisma.raw("interval '24 hours'");
const KEY_CONSTRAINT = 'idempotency_key_pkey';

/** What a one-statement write returns, whatever else its row holds. */
export interface StatementResult {
  /** The response it wrote (jsonb text); null when it wrote nothing. */
  response: string | null;
  /** With a key, set when the key was taken already: the statement then wrote nothing, and the request is answered from it. */
  storedOperation?: string | null;
  storedRequestHash?: string | null;
  storedState?: string | null;
  storedResponse?: string | null;
}

export interface KeyClaim {
  principal: string;
  key: string;
  operation: string;
  requestHash: string;
}

/**
 * Claims the key for this transaction: inserts it IN_PROGRESS, or takes over an expired row. Returns false
 * when an unexpired row holds it; a claim racing an uncommitted one waits for it (read committed re-checks).
 */
export async function claimKey(tx: Client, { principal, key, operation, requestHash }: KeyClaim): Promise<boolean> {
  const claimed = await tx.$executeRaw`
    INSERT INTO idempotency_key (principal, key, operation, request_hash, state, expires_at)
    VALUES (${principal}, ${key}, ${operation}, ${requestHash}, 'IN_PROGRESS', now() + ${KEY_LIFETIME})
    ON CONFLICT (principal, key) DO UPDATE
      SET operation = EXCLUDED.operation, request_hash = EXCLUDED.request_hash, state = 'IN_PROGRESS',
          response = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
      WHERE idempotency_key.expires_at <= now()`;
  return claimed > 0;
}

/** Stores the response (JSON text) of the write that claimed the key, in the same transaction. */
export async function completeKey(tx: Client, principal: string, key: string, response: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE idempotency_key SET state = 'COMPLETED', response = ${response}::jsonb
    WHERE principal = ${principal} AND key = ${key}`;
}

/**
 * The SQL by which a one-statement write claims its key. The statement opens with `ctes` and reads
 * `seen_key`; it writes only when `free` holds; it stores its response with `store`; and it returns
 * `columns`, the key's row as it saw it.
 */
export interface StatementKey {
  /** CTEs, each followed by a comma: `seen_key`, the key's unexpired row, if the statement's snapshot has one. */
  ctes: Prisma.Sql;
  /** A condition: no unexpired row holds the key, so the write may go ahead. */
  free: Prisma.Sql;
  /** CTEs (no comma after the last): store `response`, a jsonb expression over `from` (one row, or none when nothing was written), as the key's response. */
  store(response: Prisma.Sql, from: Prisma.Sql): Prisma.Sql;
  /** Columns for the statement's one result row: "storedOperation", "storedRequestHash", "storedState", "storedResponse". */
  columns: Prisma.Sql;
}

export function statementKey({ principal, key, operation, requestHash }: KeyClaim): StatementKey {
  return {
    ctes: Prisma.sql`
      seen_key AS MATERIALIZED (
        SELECT operation, request_hash, state::text AS state, response::text AS response FROM idempotency_key
        WHERE principal = ${principal} AND key = ${key} AND expires_at > now()
      ),`,
    free: Prisma.sql`NOT EXISTS (SELECT FROM seen_key)`,
    // An expired key's old row goes only when the write happens, in the statement that stores the new one.
    // A plain INSERT, not ON CONFLICT: a row that another request committed since this statement's snapshot
    // must fail the statement, so that its write is undone (see WriteUnit.oneStatement). Counting expired_key
    // orders the INSERT after the DELETE.
    store: (response, from) => Prisma.sql`
      expired_key AS (
        DELETE FROM idempotency_key
        WHERE principal = ${principal} AND key = ${key} AND expires_at <= now() AND EXISTS (SELECT FROM ${from})
        RETURNING 1
      ), stored_key AS (
        INSERT INTO idempotency_key (principal, key, operation, request_hash, state, response, expires_at)
        SELECT ${principal}, ${key}, ${operation}, ${requestHash}, 'COMPLETED', ${response}, now() + ${KEY_LIFETIME}
        FROM ${from}
        WHERE (SELECT count(*) FROM expired_key) >= 0
        RETURNING 1
      )`,
    columns: Prisma.sql`
      (SELECT operation FROM seen_key) AS "storedOperation", (SELECT request_hash FROM seen_key) AS "storedRequestHash",
      (SELECT state FROM seen_key) AS "storedState", (SELECT response FROM seen_key) AS "storedResponse"`,
  };
}

/**
 * Why a statement failed, when running it again may succeed. node-postgres gives PostgreSQL's error fields
 * directly (a prepared statement's); Prisma's raw query wraps them in P2010 (raw query failed).
 */
export function retryableFailure(error: unknown): 'key taken' | 'deadlock' | undefined {
  const cause = postgresError(error);
  if (cause?.code === '23505' && cause.constraint === KEY_CONSTRAINT) return 'key taken';
  if (cause?.code === '40P01') return 'deadlock';
  return undefined;
}

function postgresError(error: unknown): { code?: string; constraint?: string } | undefined {
  if (error instanceof DatabaseError) return error;
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2010') return undefined;
  const cause = (error.meta?.driverAdapterError as { cause?: { originalCode?: string; constraint?: { index?: string } } } | undefined)?.cause;
  return cause && { code: cause.originalCode, constraint: cause.constraint?.index };
}
