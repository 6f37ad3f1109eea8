// A verified API key is cached for a few seconds, so that a request with a key costs no lookup: the cache
// is keyed by the key's hash, bounded, expires entries API_KEY_CACHE_TTL_MS after they were verified however
// often they are used, and forgets a key at once when it is revoked through the same instance.
import { ApiKeyService, DEFAULT_API_KEY_CACHE_TTL_MS, hashApiKey } from '../../src/auth/api-key.service';
import { ConfigError, loadConfig } from '../../src/config/config';
import type { PrismaClient } from '../../src/db/prisma';
import { toGlobalId } from '../../src/relay/global-id';
import { useTestServer } from '../support/fixture';

const suite = useTestServer({ fixtures: 'write', countStatements: true });

const READ = '{ partnerships { slug } }';
const REVOKE_KEY = `mutation ($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { apiKey { revokedAt } userErrors { code } } }`;

async function counted(authorization?: string) {
  suite.counter.reset();
  const response = await suite.server.graphql(READ, undefined, authorization ? { authorization } : {});
  return { status: response.status, count: suite.counter.count(), statements: suite.counter.statements() };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a read with an API key', () => {
  it('costs one lookup the first time, then no statement more than the same read anonymously', async () => {
    const anonymous = await counted();
    expect(anonymous.status).toBe(200);
    const { authorization } = await suite.fixtures.key('VIEWER', 'Dashboard');
    const first = await counted(authorization);
    expect(first.status).toBe(200);
    // The lookup, and the first use recorded in last_used_at.
    expect(first.count).toBe(anonymous.count + 2);
    for (let request = 0; request < 3; request++) {
      const cached = await counted(authorization);
      expect(cached.status).toBe(200);
      expect(cached.count).toBe(anonymous.count);
      expect(cached.statements.some((sql) => /api_key/.test(sql))).toBe(false);
    }
  });

  it('is refused at once after the key is revoked through the same server, though it was cached', async () => {
    const { authorization, id } = await suite.fixtures.key('EDITOR', 'Leaver');
    const admin = (await suite.fixtures.key('ADMIN', 'Root')).authorization;
    expect((await counted(authorization)).status).toBe(200);
    expect((await counted(authorization)).statements.some((sql) => /api_key/.test(sql))).toBe(false);
    const { body } = await suite.server.graphql(REVOKE_KEY, { input: { apiKeyId: toGlobalId('ApiKey', id) } }, { authorization: admin });
    expect(body.data!.revokeApiKey.userErrors).toEqual([]);
    expect((await counted(authorization)).status).toBe(401);
  });
});

describe('the cache of verified keys', () => {
  const prisma = () => suite.fixtures.database.prisma;
  const revokedElsewhere = (id: number) => prisma().apiKey.update({ where: { id }, data: { revokedAt: new Date() } });

  it('lets a key revoked by another instance work until its entry expires, and not after', async () => {
    const { plaintext, id } = await suite.fixtures.key('VIEWER', 'Elsewhere');
    const ttlMs = 1_000;
    const here = new ApiKeyService(prisma(), { cacheTtlMs: ttlMs });
    const other = new ApiKeyService(prisma(), { cacheTtlMs: ttlMs });
    await expect(here.authenticate(plaintext)).resolves.toMatchObject({ kind: 'API_KEY', id: String(id) });
    const verifiedAt = Date.now();
    await other.revoke(id);
    await expect(other.authenticate(plaintext)).rejects.toThrow('The API key has been revoked');
    // Used again and again within the TTL: the entry does not live longer for it.
    while (Date.now() - verifiedAt < ttlMs - 300) {
      await expect(here.authenticate(plaintext)).resolves.toMatchObject({ id: String(id) });
      await sleep(100);
    }
    await sleep(ttlMs - (Date.now() - verifiedAt) + 50);
    await expect(here.authenticate(plaintext)).rejects.toThrow('The API key has been revoked');
  });

  it('is off with a TTL of 0: every request looks its key up', async () => {
    const { plaintext, id } = await suite.fixtures.key('VIEWER', 'Uncached');
    const apiKeys = new ApiKeyService(prisma(), { cacheTtlMs: 0 });
    await expect(apiKeys.authenticate(plaintext)).resolves.toMatchObject({ id: String(id) });
    await revokedElsewhere(id);
    await expect(apiKeys.authenticate(plaintext)).rejects.toThrow('The API key has been revoked');
  });

  it('hands each request its own viewer', async () => {
    const { plaintext } = await suite.fixtures.key('EDITOR', 'Shared');
    const apiKeys = new ApiKeyService(prisma());
    const first = await apiKeys.authenticate(plaintext);
    (first as { role: string }).role = 'ADMIN';
    expect(await apiKeys.authenticate(plaintext)).toMatchObject({ role: 'EDITOR' });
  });

  it('is not filled by a lookup that a revocation on the same instance overtook', async () => {
    const key = 'ct_overtaken';
    const row = { id: 7, name: 'Overtaken', role: 'VIEWER', prefix: key.slice(0, 11), hash: hashApiKey(key), createdAt: new Date(), lastUsedAt: new Date(), revokedAt: null as Date | null };
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let lookups = 0;
    // A client whose first lookup reads the row before the revocation and answers only after it.
    const slow = {
      // Writes run in the write unit's transaction: here, the fake client itself.
      $transaction: (work: (tx: unknown) => Promise<unknown>) => work(slow),
      apiKey: {
        findUnique: async ({ where }: { where: { hash?: string; id?: number } }) => {
          const found = { ...row };
          if (where.hash !== undefined && ++lookups === 1) await held;
          return found;
        },
        updateMany: async () => {
          row.revokedAt = new Date();
          return { count: 1 };
        },
      },
    } as unknown as PrismaClient;
    const apiKeys = new ApiKeyService(slow, { cacheTtlMs: 60_000 });
    const inFlight = apiKeys.authenticate(key);
    await apiKeys.revoke(row.id);
    release();
    await expect(inFlight).resolves.toMatchObject({ id: '7' });
    await expect(apiKeys.authenticate(key)).rejects.toThrow('The API key has been revoked');
    expect(lookups).toBe(2);
  });
});

describe('API_KEY_CACHE_TTL_MS', () => {
  it(`defaults to ${DEFAULT_API_KEY_CACHE_TTL_MS} ms, takes 0 to turn the cache off, and refuses what is not 0 to 60000`, () => {
    expect(loadConfig({}).apiKeyCacheTtlMs).toBe(DEFAULT_API_KEY_CACHE_TTL_MS);
    expect(loadConfig({ API_KEY_CACHE_TTL_MS: '0' }).apiKeyCacheTtlMs).toBe(0);
    expect(loadConfig({ API_KEY_CACHE_TTL_MS: '250' }).apiKeyCacheTtlMs).toBe(250);
    for (const value of ['-1', '1.5', 'soon', '60001']) {
      expect(() => loadConfig({ API_KEY_CACHE_TTL_MS: value })).toThrow(ConfigError);
      try {
        loadConfig({ API_KEY_CACHE_TTL_MS: value });
      } catch (error) {
        expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^API_KEY_CACHE_TTL_MS: expected a whole number/)]);
      }
    }
  });
});
