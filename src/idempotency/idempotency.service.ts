// Transactions for writes, with Stripe-style idempotency keys. The key is claimed (INSERT … ON CONFLICT)
// inside the same transaction as the write and its stored response, so:
// - a retry after success finds the completed row and replays the stored response, writing nothing;
// - a duplicate racing the first blocks on the uncommitted row, then replays its committed response, or,
//   if the first rolled back, claims the key and does the work itself;
// - a request that fails writes nothing, the key included, so it may be retried with the same key.
import { createHash } from 'node:crypto';
import { ConflictError, InvalidInputError } from '../common/errors';
import type { Prisma, PrismaClient } from '../database/prisma';
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

const PRUNE_INTERVAL_MS = 10 * 60_000;
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
      // A key lives 24 hours, as Stripe's do; an expired one is reclaimed here, and pruned later.
      const claimed = await tx.$executeRaw`
        INSERT INTO idempotency_key (principal, key, operation, request_hash, state, expires_at)
        VALUES (${principal}, ${key}, ${request.operation}, ${requestHash}, 'IN_PROGRESS', now() + interval '24 hours')
        ON CONFLICT (principal, key) DO UPDATE
          SET operation = EXCLUDED.operation, request_hash = EXCLUDED.request_hash, state = 'IN_PROGRESS',
              response = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
          WHERE idempotency_key.expires_at <= now()`;
      if (claimed === 0) return replay<T>(tx, principal, key, request.operation, requestHash);
      const result = await work(tx);
      await tx.$executeRaw`
        UPDATE idempotency_key SET state = 'COMPLETED', response = ${encode(result)}::jsonb
        WHERE principal = ${principal} AND key = ${key}`;
      return result;
    }, TRANSACTION_OPTIONS);
  }

  /**
   * Runs `work` outside any transaction, each statement committing on its own: for a write that is one
   * statement, atomic by itself, and conditional on what it read before (BEGIN and COMMIT would cost two
   * round trips more). Never with an idempotency key: a key is claimed in the write's own transaction.
   */
  async autocommit<T>(request: WriteRequest, work: (client: Transaction) => Promise<T>): Promise<T> {
    if (request.key) throw new Error(`${request.operation}: a request with an idempotency key runs in transaction()`);
    return work(this.prisma);
  }

  /** Deletes expired keys, at most once per interval per process: the table stays small without a job. */
  private async pruneExpired(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPrunedAt < PRUNE_INTERVAL_MS) return;
    this.lastPrunedAt = now;
    await this.prisma.idempotencyKey.deleteMany({ where: { expiresAt: { lte: new Date(now) } } });
  }
}

async function replay<T>(tx: Transaction, principal: string, key: string, operation: string, requestHash: string): Promise<T> {
  const row = await tx.idempotencyKey.findUniqueOrThrow({ where: { principal_key: { principal, key } } });
  if (row.operation !== operation || row.requestHash !== requestHash) {
    throw new InvalidInputError(
      `idempotencyKey "${key}" was already used for ${row.operation === operation ? 'a different input' : row.operation}; use a new key for a new request`,
      ['input', 'idempotencyKey'],
    );
  }
  // Only a committed row is visible here, and it is committed COMPLETED; kept as a guard all the same.
  if (row.state !== 'COMPLETED') throw new ConflictError(`A request with idempotencyKey "${key}" is still in progress; retry`, ['input', 'idempotencyKey']);
  return decode(row.response) as T;
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
