// CORS through the real server: a browser's preflight and its actual request, from an origin CORS_ORIGINS
// lists, from one it does not, and with CORS_ORIGINS unset or "*". Apollo's CSRF prevention still applies.
import { useTestServer } from '../support/fixture';

const DASHBOARD = 'https://dashboard.example.org';
const suite = useTestServer({ apiKeys: { viewer: 'VIEWER' }, env: { CORS_ORIGINS: `${DASHBOARD}, http://localhost:5173` } });

/** What a browser sends before a POST with a JSON body and a credential. */
function preflight(baseUrl: string, origin: string, path = '/graphql') {
  return fetch(`${baseUrl}${path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, authorization, apollo-require-preflight, x-request-id, x-read-after-lsn',
    },
  });
}

function post(baseUrl: string, origin: string, headers: Record<string, string> = {}) {
  return fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ countries { code } }' }),
  });
}

const corsHeaders = (response: Response) => [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));

describe('CORS with CORS_ORIGINS listing origins', () => {
  it('answers an allowed origin\'s preflight with 204 and the headers the browser needs', async () => {
    const response = await preflight(suite.server.baseUrl, DASHBOARD);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(response.headers.get('access-control-allow-headers')!.split(',')).toEqual(
      expect.arrayContaining(['content-type', 'authorization', 'apollo-require-preflight', 'x-request-id', 'x-read-after-lsn']),
    );
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toMatch(/Origin/);
  });

  it('gives an origin not in the list no CORS header at all, on the preflight and on the request', async () => {
    for (const origin of ['https://evil.example.net', `${DASHBOARD}.evil.example.net`, 'http://dashboard.example.org']) {
      const refused = await preflight(suite.server.baseUrl, origin);
      expect(corsHeaders(refused)).toEqual([]);
      expect(refused.status).not.toBe(204);
      expect(refused.headers.get('vary')).toMatch(/Origin/);
      const request = await post(suite.server.baseUrl, origin);
      expect(corsHeaders(request)).toEqual([]);
    }
  });

  it('lets an allowed origin read a real POST, credential and all, and the headers it may need', async () => {
    const response = await post(suite.server.baseUrl, 'http://localhost:5173', { authorization: suite.keys.viewer.authorization });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-expose-headers')).toBe('x-request-id,retry-after,content-disposition,x-commit-lsn');
    expect(await response.json()).toEqual({ data: { countries: [] } });
  });

  it('covers the export routes as well', async () => {
    const response = await preflight(suite.server.baseUrl, DASHBOARD, '/export/commitments.csv');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
  });

  it('keeps Apollo\'s CSRF prevention: an allowed origin\'s GET without a preflight header is still refused', async () => {
    const response = await fetch(`${suite.server.baseUrl}/graphql?query=${encodeURIComponent('{ countries { code } }')}`, { headers: { origin: DASHBOARD } });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
  });
});

describe('CORS unset (the default)', () => {
  it('sends no CORS header, for the preflight and the request alike', async () => {
    const server = await suite.startServer();
    const refused = await preflight(server.baseUrl, DASHBOARD);
    expect(corsHeaders(refused)).toEqual([]);
    expect(refused.status).not.toBe(204);
    expect(corsHeaders(await post(server.baseUrl, DASHBOARD))).toEqual([]);
  });
});

describe('CORS_ORIGINS=*', () => {
  it('allows any origin with "*" and no credentials', async () => {
    const server = await suite.startServer({ CORS_ORIGINS: '*' });
    const response = await preflight(server.baseUrl, 'https://anyone.example.com');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect((await post(server.baseUrl, 'https://anyone.example.com')).headers.get('access-control-allow-origin')).toBe('*');
  });

  it('with CORS_ALLOW_CREDENTIALS and a listed origin, says so to that origin only', async () => {
    const server = await suite.startServer({ CORS_ORIGINS: DASHBOARD, CORS_ALLOW_CREDENTIALS: 'true' });
    const response = await preflight(server.baseUrl, DASHBOARD);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
    expect(corsHeaders(await preflight(server.baseUrl, 'https://evil.example.net'))).toEqual([]);
  });
});
