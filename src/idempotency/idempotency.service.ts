// Transactions for writes, with Stripe-style idempotency keys. The key is claimed (INSERT … ON CONFLICT)
// inside the same transaction as the write and its stored response, so:
// - a retry after success finds the completed row and replays the stored response, writing nothing;
// - a duplicate racing the first blocks on the uncommitted row, then replays its committed response, or,
//   if the first rolled back, claims the key and does the work itself;
// - a request that fails writes nothing, the key included, so it may be retried with the same key.
// A write that is one statement claims its key in that statement instead (see oneStatement).
import { createHash } from 'node:crypto';
import { ConflictError, InvalidInputError } from '../common/errors';
import type { PrismaClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import { principalOf, type AuthenticatedViewer } from '../auth/viewer';

export type Transaction = Prisma.TransactionClient;

export interface WriteRequest {
  viewer: AuthenticatedViewer;
  /** The mutation's name: a key reused for another mutation is refused like one reused with another input. */
  operation: string;
  key?: string | null;
  /** The input as received; the key itself is left out of the hash. */
  input: object;
}

/** The key's row as a write found it: what a replay answers from. */
export interface StoredKey {
  operation: string;
  requestHash: string;
  state: string;
  /** The stored response: JSON, or its text. */
  response: unknown;
}

/**
 * The SQL by which a one-statement write claims its key (see oneStatement). The statement opens with `ctes`
 * and reads `seen_key`; it writes only when `free` holds; it stores its response with `store`; and it returns
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

const PRUNE_INTERVAL_MS = 10 * 60_000;
/** A key lives 24 hours, as Stripe's do; an expired one is reclaimed by the next request with it, and pruned later. */
const KEY_LIFETIME = Prisma.raw("interval '24 hours'");
/**
 * A one-statement write runs again when a concurrent request claimed its key first (the second run finds
 * that request's response) or when it lost a deadlock; a third run is for the rare both.
 */
const STATEMENT_ATTEMPTS = 3;
const KEY_CONSTRAINT = 'idempotency_key_pkey';
/**
 * Read committed is what the claim relies on (a blocked INSERT re-checks the committed row). Writes to one
 * commitment queue on its row lock, so a transaction may wait for others: allow it more than Prisma's 5 s.
 */
const TRANSACTION_OPTIONS = { isolationLevel: 'ReadCommitted', maxWait: 5_000, timeout: 15_000 } as const;

export class IdempotencyService {
  private lastPrunedAt = 0;

  constructor(private readonly prisma: PrismaClient) {}

  /** Runs `work` in one transaction. With a key: claims it there, stores the result, or replays a stored one. */
  async transaction<T extends object>(request: WriteRequest, work: (tx: Transaction) => Promise<T>): Promise<T> {
    const { key } = request;
    if (!key) return this.prisma.$transaction(work, TRANSACTION_OPTIONS);
    await this.pruneExpired();
    const principal = principalOf(request.viewer);
    const requestHash = hashRequest(request.operation, request.input);
    return this.prisma.$transaction(async (tx) => {
      const claimed = await tx.$executeRaw`
        INSERT INTO idempotency_key (principal, key, operation, request_hash, state, expires_at)
        VALUES (${principal}, ${key}, ${request.operation}, ${requestHash}, 'IN_PROGRESS', now() + ${KEY_LIFETIME})
        ON CONFLICT (principal, key) DO UPDATE
          SET operation = EXCLUDED.operation, request_hash = EXCLUDED.request_hash, state = 'IN_PROGRESS',
              response = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
          WHERE idempotency_key.expires_at <= now()`;
      if (claimed === 0) return replay<T>(await tx.idempotencyKey.findUniqueOrThrow({ where: { principal_key: { principal, key } } }), key, request.operation, requestHash);
      const result = await work(tx);
      await tx.$executeRaw`
        UPDATE idempotency_key SET state = 'COMPLETED', response = ${encode(result)}::jsonb
        WHERE principal = ${principal} AND key = ${key}`;
      return result;
    }, TRANSACTION_OPTIONS);
  }

  /**
   * Runs a write that is one statement, which PostgreSQL runs as a transaction of its own: one round trip,
   * no BEGIN or COMMIT. `run` sends the statement; with a key, the statement also claims it (StatementKey),
   * so the write, its stored response and the claim commit together or not at all, as in transaction():
   * - a retry after success finds the key in the statement's snapshot; the statement writes nothing, and the
   *   stored response is replayed;
   * - a duplicate racing the first either queues behind it on the row the write locks and is then refused by
   *   the write's own rules, or reaches the key's INSERT, which waits for the first and fails when the first
   *   commits; either way nothing of it is left, and the first's response is found and replayed (a refused
   *   request with a key looks the key up again: its snapshot is older than the first's commit);
   * - a request that fails writes nothing, the key included.
   * Returns the response, decoded as transaction() returns a replayed one; or, when the write was refused and
   * no request holds the key, `run`'s result, from which the caller tells why.
   */
  async oneStatement<T, R extends StatementResult>(
    request: WriteRequest,
    run: (client: Transaction, key: StatementKey | undefined) => Promise<R>,
  ): Promise<{ response: T } | { refused: R }> {
    const key = request.key ? statementKey(principalOf(request.viewer), request.key, request.operation, hashRequest(request.operation, request.input)) : undefined;
    if (key) await this.pruneExpired();
    for (let attempt = 1; ; attempt += 1) {
      let result: R;
      try {
        result = await run(this.prisma, key?.sql);
      } catch (error) {
        // Rolled back whole, so safe to run again: another request claimed the key after this statement's
        // snapshot was taken, and committed; or the statement was a deadlock's victim (it locks the row before
        // the key, a transaction() with the same key takes them the other way round).
        if (attempt < STATEMENT_ATTEMPTS && (retryable(error) === 'deadlock' || (key && retryable(error) === 'key taken'))) continue;
        throw error;
      }
      if (key && result.storedOperation != null) {
        const stored = { operation: result.storedOperation, requestHash: result.storedRequestHash!, state: result.storedState!, response: result.storedResponse };
        return { response: replay<T>(stored, key.key, request.operation, key.requestHash) };
      }
      if (result.response !== null) return { response: decode(JSON.parse(result.response)) as T };
      if (key) {
        const stored = await this.prisma.idempotencyKey.findUnique({ where: { principal_key: { principal: key.principal, key: key.key } } });
        if (stored && stored.expiresAt.getTime() > Date.now()) return { response: replay<T>(stored, key.key, request.operation, key.requestHash) };
      }
      return { refused: result };
    }
  }

  /** Deletes expired keys, at most once per interval per process: the table stays small without a job. */
  private async pruneExpired(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPrunedAt < PRUNE_INTERVAL_MS) return;
    this.lastPrunedAt = now;
    await this.prisma.idempotencyKey.deleteMany({ where: { expiresAt: { lte: new Date(now) } } });
  }
}

/** The key's SQL for a one-statement write, and what the service needs to replay from what it finds. */
function statementKey(principal: string, key: string, operation: string, requestHash: string) {
  const sql: StatementKey = {
    ctes: Prisma.sql`
      seen_key AS MATERIALIZED (
        SELECT operation, request_hash, state::text AS state, response::text AS response FROM idempotency_key
        WHERE principal = ${principal} AND key = ${key} AND expires_at > now()
      ),`,
    free: Prisma.sql`NOT EXISTS (SELECT FROM seen_key)`,
    // An expired key's old row goes only when the write happens, in the statement that stores the new one.
    // A plain INSERT, not ON CONFLICT: a row that another request committed since this statement's snapshot
    // must fail the statement, so that its write is undone (see oneStatement). Counting expired_key orders
    // the INSERT after the DELETE.
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
  return { sql, principal, key, requestHash };
}

/**
 * Why a statement failed, when running it again may succeed. A raw query's error comes as Prisma's P2010
 * (raw query failed) with the driver's error, PostgreSQL's code included.
 */
function retryable(error: unknown): 'key taken' | 'deadlock' | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2010') return undefined;
  const cause = (error.meta?.driverAdapterError as { cause?: { originalCode?: string; constraint?: { index?: string } } } | undefined)?.cause;
  if (cause?.originalCode === '23505' && cause.constraint?.index === KEY_CONSTRAINT) return 'key taken';
  if (cause?.originalCode === '40P01') return 'deadlock';
  return undefined;
}

function replay<T>(row: StoredKey, key: string, operation: string, requestHash: string): T {
  if (row.operation !== operation || row.requestHash !== requestHash) {
    throw new InvalidInputError(
      `idempotencyKey "${key}" was already used for ${row.operation === operation ? 'a different input' : row.operation}; use a new key for a new request`,
      ['input', 'idempotencyKey'],
    );
  }
  // Only a committed row is visible here, and it is committed COMPLETED; kept as a guard all the same.
  if (row.state !== 'COMPLETED') throw new ConflictError(`A request with idempotencyKey "${key}" is still in progress; retry`, ['input', 'idempotencyKey']);
  return decode(typeof row.response === 'string' ? JSON.parse(row.response) : row.response) as T;
}

function hashRequest(operation: string, input: object): string {
  const { idempotencyKey: _key, ...rest } = input as { idempotencyKey?: unknown };
  return createHash('sha256').update(`${operation}\n${canonicalJson(rest)}`).digest('hex');
}

/** JSON with object keys sorted, so that the same input always hashes the same. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_name, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/** The stored response, as JSON text: database rows, with Dates tagged so that they come back as Dates. */
function encode(value: object): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, name: string, item: unknown) {
    const raw = this[name];
    return raw instanceof Date ? { $date: raw.toISOString() } : item;
  });
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === '$date') return new Date(entries[0]![1] as string);
    return Object.fromEntries(entries.map(([name, item]) => [name, decode(item)]));
  }
  return value;
}
