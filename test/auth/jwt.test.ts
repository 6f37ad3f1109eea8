import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { ConfigError, loadConfig } from '../../src/config/config';
import { useTestServer } from '../support/fixture';
import type { TestServer } from '../support/test-server';
import { commitmentGid, UPDATE_STATUS } from '../support/write-fixtures';

const SECRET = 'a-shared-secret-of-at-least-32-characters';
const ISSUER = 'https://id.example.org/';
const AUDIENCE = 'commitment-tracker';
const READ = '{ partnerships { slug } }';

const suite = useTestServer({
  fixtures: 'write',
  env: { JWT_SECRET: SECRET, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE, JWT_ROLE_CLAIM: 'https://ct.example.org/roles' },
});

function sign(claims: JWTPayload, options: { secret?: string; issuer?: string; audience?: string; expiresIn?: string | number } = {}) {
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('user-42')
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt();
  if (options.expiresIn !== undefined) jwt.setExpirationTime(options.expiresIn);
  return jwt.sign(new TextEncoder().encode(options.secret ?? SECRET));
}

const editorClaims = { name: 'Nguyen Van A', 'https://ct.example.org/roles': ['viewer', 'editor'] };

describe('JWT bearer tokens (HS256)', () => {
  it('authenticate with the highest role in the configured claim; the author is the subject', async () => {
    const token = await sign(editorClaims, { expiresIn: '5m' });
    const id = await suite.fixtures.commitment('jwt-write');
    const { body } = await suite.server.graphql(
      UPDATE_STATUS,
      { input: { commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'Started.' } },
      { authorization: `Bearer ${token}` },
    );
    expect(body.data!.updateCommitmentStatus.statusChange.author).toEqual({ kind: 'JWT', id: 'user-42', name: 'Nguyen Van A' });
    const row = await suite.fixtures.database.prisma.statusChange.findFirstOrThrow({ where: { commitmentId: id, authorKind: 'JWT' } });
    expect(row).toMatchObject({ authorId: 'user-42', authorName: 'Nguyen Van A' });
  });

  it.each([
    ['expired', () => sign(editorClaims, { expiresIn: Math.floor(Date.now() / 1000) - 60 }), /has expired/],
    ['signed with another secret', () => sign(editorClaims, { expiresIn: '5m', secret: 'another-secret-of-at-least-32-characters!' }), /signature does not verify/],
    ['from another issuer', () => sign(editorClaims, { expiresIn: '5m', issuer: 'https://evil.example.org/' }), /claim "iss"/],
    ['for another audience', () => sign(editorClaims, { expiresIn: '5m', audience: 'another-service' }), /claim "aud"/],
    ['without an expiry', () => sign(editorClaims), /claim "exp" is missing/],
    ['without a role', () => sign({ name: 'x' }, { expiresIn: '5m' }), /carries no role/],
    ['malformed', async () => 'not.a.jwt', /malformed/],
  ])('are refused with UNAUTHENTICATED when %s, even for reads', async (_name, token, message) => {
    const { status, body } = await suite.server.graphql(READ, undefined, { authorization: `Bearer ${await token()}` });
    expect(status).toBe(401);
    expect(body.errors).toEqual([{ message: expect.stringMatching(message), extensions: { code: 'UNAUTHENTICATED' } }]);
  });

  it('give a viewer role no write access', async () => {
    const token = await sign({ 'https://ct.example.org/roles': 'VIEWER' }, { expiresIn: '5m' });
    expect((await suite.server.graphql(READ, undefined, { authorization: `Bearer ${token}` })).status).toBe(200);
    const id = await suite.fixtures.commitment('jwt-viewer');
    const { body } = await suite.server.graphql(
      UPDATE_STATUS,
      { input: { commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'x' } },
      { authorization: `Bearer ${token}` },
    );
    expect(body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});

describe('JWT bearer tokens from a JWKS', () => {
  let jwks: http.Server;
  let jwksServer: TestServer;
  let privateKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    jwks = http.createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    jwksServer = await suite.startServer({ JWT_JWKS_URL: url, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });
  });

  afterAll(async () => {
    await jwksServer?.stop();
    // jose's fetch keeps its connection alive; close() alone would wait for it to time out.
    jwks?.closeAllConnections();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  const signRs256 = (kid: string, key: CryptoKey | Uint8Array, alg = 'RS256') =>
    new SignJWT({ role: 'admin' }).setProtectedHeader({ alg, kid }).setSubject('svc').setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('5m').sign(key);

  it('accept a token signed by a key of the set, with the default "role" claim', async () => {
    const token = await signRs256('key-1', privateKey);
    const { status, body } = await jwksServer.graphql('{ apiKeys { id } }', undefined, { authorization: `Bearer ${token}` });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });

  it('refuse a token signed by another key, and an HS256 token', async () => {
    const other = await generateKeyPair('RS256');
    const wrongKey = await jwksServer.graphql(READ, undefined, { authorization: `Bearer ${await signRs256('key-1', other.privateKey)}` });
    expect(wrongKey.status).toBe(401);
    const symmetric = await jwksServer.graphql(READ, undefined, { authorization: `Bearer ${await signRs256('key-1', new TextEncoder().encode(SECRET), 'HS256')}` });
    expect(symmetric.status).toBe(401);
    expect(symmetric.body.errors![0]!.message).toMatch(/algorithm is not accepted/);
  });
});

describe('JWT configuration', () => {
  function problemsOf(env: Record<string, string>): string[] {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    throw new Error('expected the configuration to be refused');
  }

  it('is off without a key source, and needs an issuer and an audience with one', () => {
    expect(loadConfig({}).jwt).toBeUndefined();
    expect(problemsOf({ JWT_SECRET: SECRET })).toEqual([
      expect.stringMatching(/^JWT_ISSUER: required when JWT_SECRET or JWT_JWKS_URL is set/),
      expect.stringMatching(/^JWT_AUDIENCE: required/),
    ]);
    expect(loadConfig({ JWT_SECRET: SECRET, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE }).jwt).toEqual({
      issuer: ISSUER, audience: AUDIENCE, secret: SECRET, jwksUrl: undefined, roleClaim: 'role',
    });
  });

  it('refuses both key sources, a short secret, and never prints the secret', () => {
    expect(problemsOf({ JWT_SECRET: SECRET, JWT_JWKS_URL: 'https://id.example.org/jwks', JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE })).toEqual([
      expect.stringMatching(/^JWT_SECRET: set JWT_SECRET or JWT_JWKS_URL, not both/),
    ]);
    const problems = problemsOf({ JWT_SECRET: 'short-secret', JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });
    expect(problems).toEqual([expect.stringMatching(/^JWT_SECRET: expected at least 32 characters \(got \[redacted\]\)/)]);
  });
});

describe('PUBLIC_READ=false', () => {
  let privateServer: TestServer;

  beforeAll(async () => {
    privateServer = await suite.startServer({ PUBLIC_READ: 'false' });
  });

  afterAll(async () => {
    await privateServer?.stop();
  });

  it('refuses anonymous reads and serves authenticated ones', async () => {
    const anonymous = await privateServer.graphql(READ);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors![0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/Anonymous reads are disabled/) });
    const viewer = await suite.fixtures.key('VIEWER');
    const read = await privateServer.graphql(READ, undefined, { authorization: viewer.authorization });
    expect(read.status).toBe(200);
    expect(read.body.data).toEqual({ partnerships: expect.any(Array) });
  });
});
