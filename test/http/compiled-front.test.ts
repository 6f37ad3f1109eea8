// Every POST to /graphql enters through the compiled front (src/http/compiled-front.ts), which runs the route's
// middleware itself and answers repeats from their plan without Express's router. Whichever path answers —
// Apollo, for a text not seen yet, or the fast path — the request gets each middleware once: one request id,
// one access log line, one count in the response metrics, its CORS headers, and the route's refusals.
import { useTestServer } from '../support/fixture';

const DASHBOARD = 'https://dashboard.example.org';
const suite = useTestServer({ database: 'seeded', env: { LOG_LEVEL: 'info', CORS_ORIGINS: DASHBOARD }, captureLogs: true });

async function sample(series: string): Promise<number> {
  const text = await (await fetch(`${suite.server.baseUrl}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

const FAST_PATH = 'graphql_fast_path_answers_total';
const OK_RESPONSES = 'http_responses_total{path="/graphql",status="200"}';

async function accessLines(requestId: string) {
  // The line is written when the response closes, just after the client has read it.
  for (let waited = 0; waited < 2_000; waited += 20) {
    const lines = suite.logs.lines().filter((line) => line.requestId === requestId && line.msg === 'request completed');
    if (lines.length) return lines;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return [];
}

function post(body: string, headers: Record<string, string>) {
  return fetch(suite.server.app.url, { method: 'POST', headers: { 'content-type': 'application/json', origin: DASHBOARD, ...headers }, body });
}

describe('the compiled front', () => {
  it('runs the route\'s middleware once per request, whether Apollo answers it or the fast path', async () => {
    const body = JSON.stringify({ query: 'query FrontSpec { partnerships { slug pillars { name } } }' });
    const [fastBefore, okBefore] = [await sample(FAST_PATH), await sample(OK_RESPONSES)];

    const first = await post(body, { 'x-request-id': 'front-first' });
    const repeat = await post(body, { 'x-request-id': 'front-repeat' });
    expect(await repeat.text()).toBe(await first.text());

    // The first was Apollo's (the plan learned the text), the repeat the fast path's.
    expect(await sample(FAST_PATH)).toBe(fastBefore + 1);
    expect(await sample(OK_RESPONSES)).toBe(okBefore + 2);
    for (const [response, id] of [[first, 'front-first'], [repeat, 'front-repeat']] as const) {
      expect(response.status).toBe(200);
      expect(response.headers.get('x-request-id')).toBe(id);
      expect(response.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
      expect(response.headers.get('access-control-expose-headers')).toContain('x-request-id');
      expect(await accessLines(id)).toEqual([expect.objectContaining({ method: 'POST', path: '/graphql', status: 200 })]);
    }
  });

  it('refuses a body that is not JSON as the route does, logged once', async () => {
    const response = await post('{', { 'x-request-id': 'front-bad-json' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    expect(response.headers.get('x-request-id')).toBe('front-bad-json');
    expect(await accessLines('front-bad-json')).toEqual([expect.objectContaining({ status: 400 })]);
  });

  it('leaves any other path or method to the app: the same route under another URL, a GET', async () => {
    const body = JSON.stringify({ query: '{ countries { code } }' });
    const withQueryString = await fetch(`${suite.server.app.url}?from=spec`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(withQueryString.status).toBe(200);
    expect(await withQueryString.json()).toMatchObject({ data: { countries: expect.any(Array) } });
    const get = await fetch(`${suite.server.app.url}?query=${encodeURIComponent('{ countries { code } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
  });
});
