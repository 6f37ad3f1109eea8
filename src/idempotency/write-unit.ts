// The one write unit: every write runs in it, as one transaction with the same isolation and timeouts.
// A write may carry a Stripe-style idempotency key, claimed (db/idempotency-key.sql.ts) inside the same
// transaction as the write and its stored response, so:
// - a retry after success finds the completed row and replays the stored response, writing nothing;
// - a duplicate racing the first blocks on the uncommitted row, then replays its committed response, or,
//   if the first rolled back, claims the key and does the work itself;
// - a request that fails writes nothing, the key included, so it may be retried with the same key.
// A write that is one statement claims its key in that statement instead (see oneStatement).
// It lives here, not in db/, because a key is the caller's: scoped to the viewer, compared with the request
// it came with, and refused with errors that name the input's idempotencyKey.
import { createHash } from 'node:crypto';
import { ConflictError, InvalidInputError } from '../common/errors';
import { claimKey, completeKey, retryableFailure, statementKey, type KeyClaim, type StatementKey, type StatementResult } from '../db/idempotency-key.sql';
import { prismaStatements, type StatementRunner } from '../db/statements';
import { reviveDates } from '../db/tables/columns';
import type { PrismaClient } from '../db/prisma';
import type { Prisma } from '../generated/prisma/client';

export type Transaction = Prisma.TransactionClient;

/** A write with no idempotency key (admin writes have none): the transaction alone. */
export interface PlainWrite {
  /** The mutation's name. */
  operation: string;
  key?: undefined;
  /** For a write far larger than a mutation's (loading the seed dataset): longer than TRANSACTION_OPTIONS allow. */
  timeoutMs?: number;
  maxWaitMs?: number;
}

export interface WriteRequest {
  /** Whose key it is (auth/viewer.ts principalOf): keys of different callers never meet. */
  principal: string;
  /** The mutation's name: a key reused for another mutation is refused like one reused with another input. */
  operation: string;
  key?: string | null;
  /** The input as received; the key itself is left out of the hash. */
  input: object;
}

/** The key's row as a write found it: what a replay answers from. */
interface StoredKey {
  operation: string;
  requestHash: string;
  state: string;
  /** The stored response: JSON, or its text. */
  response: unknown;
}

const PRUNE_INTERVAL_MS = 10 * 60_000;
/**
 * A one-statement write runs again when a concurrent request claimed its key first (the second run finds
 * that request's response) or when it lost a deadlock; a third run is for the rare both.
 */
const STATEMENT_ATTEMPTS = 3;
/**
 * Read committed is what the claim relies on (a blocked INSERT re-checks the committed row). Writes to one
 * commitment queue on its row lock, so a transaction may wait for others: allow it more than Prisma's 5 s.
 */
const TRANSACTION_OPTIONS = { isolationLevel: 'ReadCommitted', maxWait: 5_000, timeout: 15_000 } as const;

export class WriteUnit {
  private lastPrunedAt = 0;

  /** `statements` runs one-statement writes: the pool's prepared statements in the server. */
  constructor(
    private readonly prisma: PrismaClient,
    private readonly statements: StatementRunner = prismaStatements(prisma),
  ) {}

  /** Runs `work` in one transaction. With a key: claims it there, stores the result, or replays a stored one. */
  async transaction<T extends object>(request: WriteRequest | PlainWrite, work: (tx: Transaction) => Promise<T>): Promise<T> {
    if (!request.key) {
      const { timeoutMs = TRANSACTION_OPTIONS.timeout, maxWaitMs = TRANSACTION_OPTIONS.maxWait } = request as PlainWrite;
      return this.prisma.$transaction(work, { ...TRANSACTION_OPTIONS, timeout: timeoutMs, maxWait: maxWaitMs });
    }
    await this.pruneExpired();
    const claim = claimOf(request, request.key);
    return this.prisma.$transaction(async (tx) => {
      if (!(await claimKey(tx, claim))) {
        const stored = await tx.idempotencyKey.findUniqueOrThrow({ where: { principal_key: { principal: claim.principal, key: claim.key } } });
        return replay<T>(stored, claim);
      }
      const result = await work(tx);
      await completeKey(tx, claim.principal, claim.key, encode(result));
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
    run: (statements: StatementRunner, key: StatementKey | undefined) => Promise<R>,
  ): Promise<{ response: T } | { refused: R }> {
    const claim = request.key ? claimOf(request, request.key) : undefined;
    const key = claim && statementKey(claim);
    if (claim) await this.pruneExpired();
    for (let attempt = 1; ; attempt += 1) {
      let result: R;
      try {
        result = await run(this.statements, key);
      } catch (error) {
        // Rolled back whole, so safe to run again: another request claimed the key after this statement's
        // snapshot was taken, and committed; or the statement was a deadlock's victim (it locks the row before
        // the key, a transaction() with the same key takes them the other way round).
        const failure = retryableFailure(error);
        if (attempt < STATEMENT_ATTEMPTS && (failure === 'deadlock' || (claim && failure === 'key taken'))) continue;
        throw error;
      }
      if (claim && result.storedOperation != null) {
        const stored = { operation: result.storedOperation, requestHash: result.storedRequestHash!, state: result.storedState!, response: result.storedResponse };
        return { response: replay<T>(stored, claim) };
      }
      if (result.response !== null) return { response: reviveDates(JSON.parse(result.response)) as T };
      if (claim) {
        const stored = await this.prisma.idempotencyKey.findUnique({ where: { principal_key: { principal: claim.principal, key: claim.key } } });
        if (stored && stored.expiresAt.getTime() > Date.now()) return { response: replay<T>(stored, claim) };
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

function claimOf(request: WriteRequest, key: string): KeyClaim {
  return { principal: request.principal, key, operation: request.operation, requestHash: hashRequest(request.operation, request.input) };
}

function replay<T>(row: StoredKey, claim: KeyClaim): T {
  const { key, operation } = claim;
  if (row.operation !== operation || row.requestHash !== claim.requestHash) {
    throw new InvalidInputError(
      `idempotencyKey "${key}" was already used for ${row.operation === operation ? 'a different input' : row.operation}; use a new key for a new request`,
      ['input', 'idempotencyKey'],
    );
  }
  // Only a committed row is visible here, and it is committed COMPLETED; kept as a guard all the same.
  if (row.state !== 'COMPLETED') throw new ConflictError(`A request with idempotencyKey "${key}" is still in progress; retry`, ['input', 'idempotencyKey']);
  return reviveDates(typeof row.response === 'string' ? JSON.parse(row.response) : row.response) as T;
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

