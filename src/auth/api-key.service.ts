// API keys: random secrets shown once, stored only as a SHA-256 hash and a short prefix. A key is long
// and random, so a plain (unsalted, fast) hash is safe here, unlike for passwords, and lets a request find
// its key with one indexed lookup.
import { createHash, randomBytes } from 'node:crypto';
import { InvalidInputError, NotFoundError, UnauthenticatedError } from '../common/errors';
import type { Role } from '../common/enums';
import type { PrismaClient } from '../database/prisma';
import { fromRow } from '../relay/node.interface';
import { ApiKey } from './api-key.type';
import type { AuthenticatedViewer } from './viewer';

/** Every key starts with this, so that a token is told apart from a JWT and found by secret scanners. */
export const API_KEY_PREFIX = 'ct_';
const PREFIX_LENGTH = 11;
/** last_used_at is written at most this often per key: a busy key costs no write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export class ApiKeyService {
  constructor(private readonly prisma: PrismaClient) {}

  /** Creates a key; the plaintext is returned here and never again. */
  async create(input: { name: string; role: Role }): Promise<{ apiKey: ApiKey; plaintextKey: string }> {
    const name = input.name.trim();
    if (!name) throw new InvalidInputError('name must not be blank', ['input', 'name']);
    if (name.length > 200) throw new InvalidInputError('name must be at most 200 characters', ['input', 'name']);
    // 32 random bytes: 256 bits, beyond guessing.
    const plaintextKey = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const row = await this.prisma.apiKey.create({
      data: { name, role: input.role, prefix: plaintextKey.slice(0, PREFIX_LENGTH), hash: hashApiKey(plaintextKey) },
    });
    return { apiKey: fromRow(ApiKey, row), plaintextKey };
  }

  async list(): Promise<ApiKey[]> {
    const rows = await this.prisma.apiKey.findMany({ orderBy: { id: 'asc' } });
    return rows.map((row) => fromRow(ApiKey, row));
  }

  /** Revokes a key; revoking a revoked key changes nothing and returns it as it is. */
  async revoke(id: number, field = ['input', 'apiKeyId']): Promise<ApiKey> {
    await this.prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    const row = await this.prisma.apiKey.findUnique({ where: { id } });
    if (!row) throw new NotFoundError(`API key ${id}`, field);
    return fromRow(ApiKey, row);
  }

  /** The viewer a presented key stands for. */
  async authenticate(key: string): Promise<AuthenticatedViewer> {
    const row = await this.prisma.apiKey.findUnique({ where: { hash: hashApiKey(key) } });
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
    return { kind: 'API_KEY', id: String(row.id), name: row.name, role: row.role };
  }
}
