// API keys: random secrets shown once, stored only as a SHA-256 hash and a short prefix. A key is long
// and random, so a plain (unsalted, fast) hash is safe here, unlike for passwords, and lets a request find
// its key with one indexed lookup. A verified key is then remembered for a few seconds (see authenticate).
import { createHash, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { InvalidInputError, NotFoundError, UnauthenticatedError } from '../common/errors';
import type { Role } from '../generated/prisma/enums';
import type { PrismaClient } from '../db/prisma';
import type { ApiKey } from '../generated/prisma/client';
import { WriteUnit } from '../idempotency/write-unit';
import type { AuthenticatedViewer } from './viewer';

/** Every key starts with this, so that a token is told apart from a JWT and found by secret scanners. */
export const API_KEY_PREFIX = 'ct_';
const PREFIX_LENGTH = 11;
/** last_used_at is written at most this often per key: a busy key costs no write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;
/** How long a verified key is trusted without a lookup, unless configured (API_KEY_CACHE_TTL_MS). */
export const DEFAULT_API_KEY_CACHE_TTL_MS = 5_000;
/** Verified keys remembered at most: far more than the keys in use, and a bound on memory all the same. */
const CACHE_MAX_KEYS = 10_000;

/** A key's record as admins see it: never the key itself, nor its hash. */
export type ApiKeyRecord = Omit<ApiKey, 'hash'>;
const SHOWN = { hash: true } as const;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export interface ApiKeyServiceOptions {
  /** How long a verified key is trusted without a lookup; 0: every request looks its key up. */
  cacheTtlMs?: number;
}

export class ApiKeyService {
  /** Viewers of verified, unrevoked keys, by the key's hash (never the key itself). */
  private readonly verified: LRUCache<string, AuthenticatedViewer> | undefined;
  /** Bumped by every revocation: a lookup that a revocation overtook does not fill the cache (see authenticate). */
  private revocations = 0;

  constructor(
    private readonly prisma: PrismaClient,
    { cacheTtlMs = DEFAULT_API_KEY_CACHE_TTL_MS }: ApiKeyServiceOptions = {},
    private readonly writes = new WriteUnit(prisma),
  ) {
    // Not refreshed on use: a key revoked on another instance must stop working here within the TTL,
    // however busy it is.
    this.verified = cacheTtlMs > 0 ? new LRUCache({ max: CACHE_MAX_KEYS, ttl: cacheTtlMs, updateAgeOnGet: false }) : undefined;
  }

  /** Creates a key; the plaintext is returned here and never again. */
  async create(input: { name: string; role: Role }): Promise<{ apiKey: ApiKeyRecord; plaintextKey: string }> {
    const name = input.name.trim();
    if (!name) throw new InvalidInputError('name must not be blank', ['input', 'name']);
    if (name.length > 200) throw new InvalidInputError('name must be at most 200 characters', ['input', 'name']);
    // 32 random bytes: 256 bits, beyond guessing.
    const plaintextKey = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const row = await this.writes.transaction({ operation: 'createApiKey' }, (tx) =>
      tx.apiKey.create({
        data: { name, role: input.role, prefix: plaintextKey.slice(0, PREFIX_LENGTH), hash: hashApiKey(plaintextKey) },
        omit: SHOWN,
      }),
    );
    return { apiKey: row, plaintextKey };
  }

  list(): Promise<ApiKeyRecord[]> {
    return this.prisma.apiKey.findMany({ orderBy: { id: 'asc' }, omit: SHOWN });
  }

  /** Revokes a key; revoking a revoked key changes nothing and returns it as it is. */
  async revoke(id: number, field = ['input', 'apiKeyId']): Promise<ApiKeyRecord> {
    const { row } = await this.writes.transaction({ operation: 'revokeApiKey' }, async (tx) => {
      await tx.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
      return { row: await tx.apiKey.findUnique({ where: { id }, omit: SHOWN }) };
    });
    this.forget(id);
    if (!row) throw new NotFoundError(`API key ${id}`, field);
    return row;
  }

  /** The viewer a presented key stands for. */
  async authenticate(key: string): Promise<AuthenticatedViewer> {
    const hash = hashApiKey(key);
    const cached = this.verified?.get(hash);
    // A copy: the viewer is the request's, and no request may change what the next one is handed.
    if (cached) return { ...cached };
    const revocations = this.revocations;
    const row = await this.prisma.apiKey.findUnique({ where: { hash } });
    if (!row) throw new UnauthenticatedError('The API key is not valid');
    if (row.revokedAt) throw new UnauthenticatedError('The API key has been revoked');
    const now = Date.now();
    if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      // Conditional, so that a burst of requests arriving together writes once.
      await this.prisma.apiKey.updateMany({
        where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now - LAST_USED_RESOLUTION_MS) } }] },
        data: { lastUsedAt: new Date(now) },
      });
    }
    const viewer: AuthenticatedViewer = { kind: 'API_KEY', id: String(row.id), name: row.name, role: row.role };
    // A revocation on this instance while the row was being read may have found nothing to evict yet.
    if (revocations === this.revocations) this.verified?.set(hash, viewer);
    return { ...viewer };
  }

  /** Evicts a key from the cache, at once: on this instance a revoked key stops working with the next request. */
  private forget(id: number): void {
    this.revocations += 1;
    if (!this.verified) return;
    const keyId = String(id);
    const hashes = [...this.verified.entries()].filter(([, viewer]) => viewer.id === keyId).map(([hash]) => hash);
    for (const hash of hashes) this.verified.delete(hash);
  }
}
