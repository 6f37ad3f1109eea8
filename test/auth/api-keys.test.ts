import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_API_KEY_CACHE_TTL_MS } from '../../src/auth/api-key.service';
import { useTestServer } from '../support/fixture';
import { commitmentGid, UPDATE_STATUS } from '../support/write-fixtures';

const suite = useTestServer({ fixtures: 'write', apiKeys: { admin: { role: 'ADMIN', name: 'Root' } } });

const CREATE_KEY = `mutation ($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { plaintextKey apiKey { id databaseId name role prefix createdAt lastUsedAt revokedAt } userErrors { field message code } }
}`;
const REVOKE_KEY = `mutation ($input: RevokeApiKeyInput!) {
  revokeApiKey(input: $input) { apiKey { id revokedAt } userErrors { field message code } }
}`;
const LIST_KEYS = '{ apiKeys { id name role prefix lastUsedAt revokedAt } }';
const READ = '{ partnerships { slug } }';

async function createKey(role: string, name: string, authorization = suite.keys.admin.authorization) {
  const { body } = await suite.server.graphql(CREATE_KEY, { input: { name, role } }, { authorization });
  return body;
}

describe('API keys', () => {
  it('are shown once at creation, listed without the key or its hash, and stored only hashed', async () => {
    const body = await createKey('EDITOR', 'Singapore desk');
    const { plaintextKey, apiKey } = body.data!.createApiKey;
    expect(plaintextKey).toMatch(/^ct_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: 'Singapore desk', role: 'EDITOR', prefix: plaintextKey.slice(0, 11), lastUsedAt: null, revokedAt: null });

    const listed = await suite.server.graphql(LIST_KEYS, undefined, { authorization: suite.keys.admin.authorization });
    expect(listed.body.data!.apiKeys).toContainEqual(expect.objectContaining({ id: apiKey.id, name: 'Singapore desk' }));
    expect(JSON.stringify(listed.body)).not.toContain(plaintextKey);
    const hashField = await suite.server.graphql('{ apiKeys { hash } }', undefined, { authorization: suite.keys.admin.authorization });
    expect(hashField.body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');

    // Use the key, so that every column that could hold it has been written.
    expect((await suite.server.graphql(READ, undefined, { authorization: `Bearer ${plaintextKey}` })).status).toBe(200);
    const rows = await suite.fixtures.database.prisma.$queryRaw<{ row: string }[]>`SELECT row_to_json(k)::text AS row FROM api_key k`;
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const { row } of rows) expect(row).not.toContain(plaintextKey);
    const idempotency = await suite.fixtures.database.prisma.$queryRaw<{ row: string }[]>`SELECT row_to_json(i)::text AS row FROM idempotency_key i`;
    for (const { row } of idempotency) expect(row).not.toContain(plaintextKey);
  });

  it('authenticate with their role: a viewer reads, and is FORBIDDEN to write', async () => {
    const viewer = (await createKey('VIEWER', 'Analyst')).data!.createApiKey.plaintextKey;
    const authorization = `Bearer ${viewer}`;
    expect((await suite.server.graphql(READ, undefined, { authorization })).body.data).toEqual({ partnerships: expect.any(Array) });
    const id = await suite.fixtures.commitment('viewer-write');
    const write = await suite.server.graphql(UPDATE_STATUS, { input: { commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'x' } }, { authorization });
    expect(write.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'FORBIDDEN' }, path: ['updateCommitmentStatus'] })]);
    expect(await suite.fixtures.state(id)).toMatchObject({ version: 1, history: 1 });
    const admins = await suite.server.graphql(LIST_KEYS, undefined, { authorization });
    expect(admins.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const newKey = await createKey('ADMIN', 'Escalation', authorization);
    expect(newKey.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('records when a key was last used, at most once a minute', async () => {
    const { plaintextKey, apiKey } = (await createKey('VIEWER', 'Dashboard')).data!.createApiKey;
    await suite.server.graphql(READ, undefined, { authorization: `Bearer ${plaintextKey}` });
    const first = await suite.fixtures.database.prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.databaseId } });
    expect(first.lastUsedAt).not.toBeNull();
    await suite.server.graphql(READ, undefined, { authorization: `Bearer ${plaintextKey}` });
    const second = await suite.fixtures.database.prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.databaseId } });
    expect(second.lastUsedAt).toEqual(first.lastUsedAt);
  });

  it('stop working at once when revoked, for reads too', async () => {
    const { plaintextKey, apiKey } = (await createKey('EDITOR', 'Leaver')).data!.createApiKey;
    const authorization = `Bearer ${plaintextKey}`;
    expect((await suite.server.graphql(READ, undefined, { authorization })).status).toBe(200);
    const revoked = await suite.server.graphql(REVOKE_KEY, { input: { apiKeyId: apiKey.id } }, { authorization: suite.keys.admin.authorization });
    expect(revoked.body.data!.revokeApiKey.apiKey.revokedAt).toEqual(expect.any(String));
    const refused = await suite.server.graphql(READ, undefined, { authorization });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer');
    expect(refused.body).toEqual({ errors: [{ message: 'The API key has been revoked', extensions: { code: 'UNAUTHENTICATED' } }] });
    const unknown = await suite.server.graphql(REVOKE_KEY, { input: { apiKeyId: 'QXBpS2V5Ojk5OTk5' } }, { authorization: suite.keys.admin.authorization });
    expect(unknown.body.data!.revokeApiKey.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'apiKeyId'] });
  });

  it('refuse a bad Authorization header instead of reading as anonymous', async () => {
    for (const authorization of ['Bearer ct_not-a-real-key', 'Basic dXNlcjpwYXNz', 'Bearer', 'ct_abc', 'Bearer a.b.c']) {
      const { status, body } = await suite.server.graphql(READ, undefined, { authorization });
      expect(status).toBe(401);
      expect(body.errors![0]!.extensions).toEqual({ code: 'UNAUTHENTICATED' });
      expect(body.data).toBeUndefined();
    }
  });

  it('refuse anonymous writes with UNAUTHENTICATED, while anonymous reads are public', async () => {
    expect((await suite.server.graphql(READ)).body.data).toEqual({ partnerships: expect.any(Array) });
    const id = await suite.fixtures.commitment('anonymous-write');
    const { body } = await suite.server.graphql(UPDATE_STATUS, { input: { commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'x' } });
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);
    expect(await suite.fixtures.state(id)).toMatchObject({ version: 1, history: 1 });
  });

  it('are managed from the command line: npm run apikey -- create, list, revoke', async () => {
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['-r', '@swc-node/register', path.resolve(__dirname, '../../scripts/apikey.ts'), ...args], {
        cwd: path.resolve(__dirname, '../..'),
        env: { ...process.env, DATABASE_URL: suite.db.url, LOG_LEVEL: 'warn', MIGRATE_ON_START: 'false' },
      });
    const created = await run('create', '--role', 'editor', '--name', 'CLI desk');
    const key = /^(ct_[A-Za-z0-9_-]{43})$/m.exec(created.stdout)![1]!;
    expect((await suite.server.graphql(READ, undefined, { authorization: `Bearer ${key}` })).status).toBe(200);
    const listed = await run('list');
    expect(listed.stdout).toContain('CLI desk');
    expect(listed.stdout).not.toContain(key);
    const id = /^\s*(\d+)\s+\S+…\s+EDITOR\s+CLI desk/m.exec(listed.stdout)![1]!;
    // The command line is another process: this server, which verified the key above and cached it, learns
    // of the revocation when its cache entry expires, within API_KEY_CACHE_TTL_MS (default 5 s).
    await run('revoke', id);
    const revokedAt = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - revokedAt < DEFAULT_API_KEY_CACHE_TTL_MS + 2_000) {
      status = (await suite.server.graphql(READ, undefined, { authorization: `Bearer ${key}` })).status;
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(401);
    await expect(run('create', '--role', 'overlord', '--name', 'x')).rejects.toMatchObject({ code: 2 });
  }, 60_000);
});
