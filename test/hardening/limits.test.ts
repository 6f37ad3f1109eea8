// Hostile documents are refused before they run, each refusal naming the limit it hit; HTTP-level abuse
// (batches, huge bodies, cross-site requests, mutations over GET) is refused in GraphQL's error shape.
import { ConfigError, loadConfig } from '../../src/config/config';
import { useTestServer } from '../support/fixture';
import type { TestServer } from '../support/test-server';

const suite = useTestServer();
/** NODE_ENV=production with small limits of its own. */
let production: TestServer;

beforeAll(async () => {
  production = await suite.startServer({
    NODE_ENV: 'production',
    GRAPHQL_MAX_DEPTH: '4',
    GRAPHQL_MAX_ALIASES: '2',
    GRAPHQL_MAX_DIRECTIVES: '3',
    GRAPHQL_MAX_TOKENS: '60',
    GRAPHQL_MAX_COST: '500',
    REQUEST_BODY_LIMIT_BYTES: '2048',
  });
});

/** `{ partnerships { pillars { partnership { pillars … { name } } } } }`, `depth` fields deep. */
function nested(depth: number): string {
  let selection = 'name';
  for (let level = depth - 1; level >= 1; level -= 1) {
    const field = level === 1 ? 'partnerships' : level % 2 === 0 ? 'pillars' : 'partnership';
    selection = `${field} { ${selection} }`;
  }
  return `{ ${selection} }`;
}

async function post(target: TestServer, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const response = await fetch(target.app.url, { method: 'POST', headers, body });
  return { status: response.status, contentType: response.headers.get('content-type'), body: (await response.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

const firstError = (body: { errors?: { message: string; extensions?: Record<string, unknown> }[] }) => body.errors?.[0];

describe('query limits (defaults)', () => {
  it('allows a query 12 fields deep and refuses one 13 deep, naming the limit', async () => {
    expect((await suite.server.graphql(nested(12))).body).toEqual({ data: { partnerships: [] } });
    const refused = await suite.server.graphql(nested(13));
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { message: expect.stringContaining('Query depth limit of 12 exceeded, found 13'), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
    ]);
  });

  it('does not count fragments as depth', async () => {
    const spread = `{ partnerships { ... on Partnership { pillars { ... on Pillar { name } } } } }`;
    expect((await suite.server.graphql(spread)).body).toEqual({ data: { partnerships: [] } });
  });

  it('refuses more than 15 aliases', async () => {
    const aliases = (count: number) => `{ ${Array.from({ length: count }, (_, index) => `a${index}: countries { code }`).join(' ')} }`;
    expect((await suite.server.graphql(aliases(15))).status).toBe(200);
    const refused = await suite.server.graphql(aliases(16));
    expect(refused.status).toBe(400);
    expect(firstError(refused.body)!.message).toMatch(/Aliases limit of 15 exceeded, found 16/);
  });

  it('refuses more than 50 directives', async () => {
    const directives = (count: number) => `{ countries { ${'code @include(if: true) '.repeat(count)} } }`;
    expect((await suite.server.graphql(directives(50))).status).toBe(200);
    const refused = await suite.server.graphql(directives(51));
    expect(refused.status).toBe(400);
    expect(firstError(refused.body)!.message).toMatch(/Directives limit of 50 exceeded, found 51/);
  });

  it('refuses a document of more than 2000 tokens while parsing, as a client error', async () => {
    const refused = await suite.server.graphql(`{ countries { ${'code '.repeat(2000)} } }`);
    expect(refused.status).toBe(400);
    // graphql-js 16 writes "more that 2000 tokens".
    expect(refused.body.errors).toEqual([
      { message: expect.stringMatching(/contains more tha[nt] 2000 tokens/), locations: expect.any(Array), extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
    ]);
    // And a plain syntax error stays a 400, too.
    const broken = await suite.server.graphql('{ countries { code }');
    expect(broken.status).toBe(400);
    expect(firstError(broken.body)!.extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses connections that multiply past the cost limit, whether the page sizes are literals or variables', async () => {
    const literal = '{ commitments(first: 100) { edges { node { id statusHistory(first: 100) { edges { node { toStatus } } } } } } }';
    const refused = await suite.server.graphql(literal);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { message: expect.stringMatching(/^Query cost limit of 200000 exceeded, found \d+/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
    ]);

    const withVariables = 'query ($n: Int) { commitments(first: $n) { edges { node { id statusHistory(last: $n) { edges { node { toStatus } } } } } } }';
    expect(firstError((await suite.server.graphql(withVariables, { n: 100 })).body)!.message).toMatch(/Query cost limit of 200000 exceeded/);
    expect((await suite.server.graphql(withVariables, { n: 5 })).body).toEqual({ data: { commitments: { edges: [] } } });
    // A default in the operation counts like a value sent.
    const withDefault = 'query ($n: Int = 100) { commitments(first: $n) { edges { node { statusHistory(first: $n) { edges { node { toStatus } } } } } } }';
    expect(firstError((await suite.server.graphql(withDefault)).body)!.message).toMatch(/Query cost limit of 200000 exceeded/);
  });

  it('keeps a cached cost to the page sizes it was computed for', async () => {
    // Costs are cached per document and page-size variables: another page size is another cost, whatever
    // else the variables hold, and an explicit null (the default page) is not a left-out variable (the
    // operation's default).
    const withVariables = 'query ($n: Int) { commitments(first: $n) { edges { node { id statusHistory(last: $n) { edges { node { toStatus } } } } } } }';
    expect((await suite.server.graphql(withVariables, { n: 5, note: 'a' })).body).toEqual({ data: { commitments: { edges: [] } } });
    expect(firstError((await suite.server.graphql(withVariables, { n: 100, note: 'a' })).body)!.message).toMatch(/Query cost limit of 200000 exceeded/);
    const withDefault = 'query ($n: Int = 100) { commitments(first: $n) { edges { node { statusHistory(first: $n) { edges { node { toStatus } } } } } } }';
    expect((await suite.server.graphql(withDefault, { n: null })).body.errors).toBeUndefined();
    expect(firstError((await suite.server.graphql(withDefault)).body)!.message).toMatch(/Query cost limit of 200000 exceeded/);
  });

  it('suggests field names outside production', async () => {
    const { body } = await suite.server.graphql('{ partnershipz { name } }');
    expect(firstError(body)!.message).toMatch(/Did you mean "partnership"/);
  });
});

describe('HTTP-level refusals', () => {
  it('refuses batched requests', async () => {
    const refused = await post(suite.server, JSON.stringify([{ query: '{ countries { code } }' }, { query: '{ countries { name } }' }]));
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } }]);
  });

  it('answers a body over the limit with 413 and a GraphQL-style JSON error', async () => {
    const refused = await post(suite.server, JSON.stringify({ query: '{ countries { code } }', variables: { padding: 'x'.repeat(110_000) } }));
    expect(refused.status).toBe(413);
    expect(refused.contentType).toMatch(/^application\/json/);
    expect(refused.body).toEqual({
      errors: [{ message: 'The request body is larger than the limit of 102400 bytes', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
    // The connection is still usable for the next request.
    expect((await suite.server.graphql('{ countries { code } }')).status).toBe(200);
  });

  it('answers a body that is not JSON with 400 in the same shape', async () => {
    const refused = await post(suite.server, '{"query": "{ countries { code } }"');
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('refuses a GET or a text/plain POST that a browser could send cross-site (CSRF prevention)', async () => {
    const query = encodeURIComponent('{ countries { code } }');
    const simpleGet = await fetch(`${suite.server.app.url}?query=${query}`);
    expect(simpleGet.status).toBe(400);
    expect(((await simpleGet.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/Cross-Site Request Forgery/);

    const textPlain = await post(suite.server, JSON.stringify({ query: '{ countries { code } }' }), { 'content-type': 'text/plain' });
    expect(textPlain.status).toBe(400);
    expect(firstError(textPlain.body)!.message).toMatch(/Cross-Site Request Forgery/);

    const preflighted = await fetch(`${suite.server.app.url}?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);
  });

  it('refuses a mutation over GET', async () => {
    const mutation = encodeURIComponent('mutation { createApiKey(input: { name: "over GET", role: ADMIN }) { userErrors { message } } }');
    const response = await fetch(`${suite.server.app.url}?query=${mutation}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(405);
    expect(await response.json()).toEqual({
      errors: [{ message: 'GET requests only support query operations, not mutation operations', extensions: { code: 'BAD_REQUEST' } }],
    });
  });
});

describe('in production, with limits from the environment', () => {
  it('refuses introspection and hides field suggestions', async () => {
    const introspection = await production.graphql('{ __schema { types { name } } }');
    expect(introspection.status).toBe(400);
    expect(firstError(introspection.body)!.message).toMatch(/introspection is not allowed/i);

    const typo = await production.graphql('{ partnershipz { name } }');
    expect(firstError(typo.body)!.message).not.toMatch(/Did you mean|partnerships/);
  });

  it('names each configured limit when refusing', async () => {
    const messages = await Promise.all(
      [
        nested(5),
        '{ a: countries { code } b: countries { code } c: countries { code } }',
        '{ countries { code @include(if: true) code @include(if: true) code @include(if: true) code @include(if: true) } }',
        `{ countries { ${'code '.repeat(60)} } }`,
        '{ commitments(first: 100) { edges { node { id } } } }',
      ].map(async (query) => firstError((await production.graphql(query)).body)!.message),
    );
    expect(messages).toEqual([
      expect.stringContaining('Query depth limit of 4 exceeded'),
      expect.stringContaining('Aliases limit of 2 exceeded'),
      expect.stringContaining('Directives limit of 3 exceeded'),
      expect.stringMatching(/contains more tha[nt] 60 tokens/),
      expect.stringContaining('Query cost limit of 500 exceeded'),
    ]);
    const tooLarge = await post(production, JSON.stringify({ query: `{ countries { code } } ${'#'.repeat(3000)}` }));
    expect(tooLarge.status).toBe(413);
    expect(firstError(tooLarge.body)!.message).toContain('limit of 2048 bytes');
  });

  it('serves no landing page', async () => {
    const response = await fetch(production.app.url, { headers: { accept: 'text/html' } });
    expect(await response.text()).not.toMatch(/<html/i);
  });
});

describe('limit configuration', () => {
  it('refuses a query-cost budget smaller than the cost limit, which no query could ever fit', () => {
    expect(() => loadConfig({ GRAPHQL_MAX_COST: '1000', RATE_LIMIT_QUERY_COST: '999' })).toThrow(ConfigError);
    expect(() => loadConfig({ GRAPHQL_MAX_COST: '1000', RATE_LIMIT_QUERY_COST: '999' })).toThrow(/RATE_LIMIT_QUERY_COST: must be at least GRAPHQL_MAX_COST \(1000\)/);
  });

  it('reads TRUST_PROXY as express does: a flag, a hop count or addresses', () => {
    expect(loadConfig({}).http.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).http.trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '1' }).http.trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).http.trustProxy).toBe('loopback, 10.0.0.0/8');
  });
});
