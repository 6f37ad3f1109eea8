// Every response carries a request id and every log line of the request carries it too; /metrics serves
// Prometheus text with requests and latency per operation, errors per code, pool use and subscriptions.
import { useTestServer } from '../support/fixture';

const suite = useTestServer({ env: { LOG_LEVEL: 'info' }, captureLogs: true });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function metrics(): Promise<string> {
  const response = await fetch(`${suite.server.baseUrl}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** The value of one sample, e.g. sample(text, 'graphql_errors_total{code="BAD_REQUEST"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('request ids', () => {
  it('echoes a well-formed X-Request-Id and makes one up otherwise', async () => {
    const echoed = await suite.server.graphql('{ countries { code } }', {}, { 'x-request-id': 'proxy-id.42_a-b' });
    expect(echoed.headers.get('x-request-id')).toBe('proxy-id.42_a-b');
    const made = await suite.server.graphql('{ countries { code } }');
    expect(made.headers.get('x-request-id')).toMatch(UUID);
    const malformed = await suite.server.graphql('{ countries { code } }', {}, { 'x-request-id': 'no spaces or <html> allowed' });
    expect(malformed.headers.get('x-request-id')).toMatch(UUID);
    const health = await fetch(`${suite.server.baseUrl}/healthz`, { headers: { 'x-request-id': 'probe-1' } });
    expect(health.headers.get('x-request-id')).toBe('probe-1');
  });

  it('is on the log lines of the request', async () => {
    const response = await suite.server.graphql('query Countries { countries { code } }', {}, { 'x-request-id': 'logged-request-1' });
    expect(response.status).toBe(200);
    await until(() => suite.logs.lines().some((line) => line.requestId === 'logged-request-1'));
    expect(suite.logs.lines().filter((line) => line.requestId === 'logged-request-1')).toEqual([
      expect.objectContaining({ msg: 'request completed', method: 'POST', path: '/graphql', status: 200, durationMs: expect.any(Number) }),
    ]);
  });
});

describe('GET /metrics', () => {
  it('counts and times requests per operation, errors per code and responses per status', async () => {
    for (let count = 0; count < 3; count += 1) await suite.server.graphql('query Countries { countries { code } }');
    await suite.server.graphql('{ countriez { code } }');
    await fetch(suite.server.app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });

    const text = await metrics();
    const operation = '{operation_name="Countries",operation_type="query"}';
    expect(sample(text, `graphql_requests_total${operation}`)).toBeGreaterThanOrEqual(3);
    expect(sample(text, `graphql_request_duration_seconds_count${operation}`)).toBeGreaterThanOrEqual(3);
    expect(sample(text, `graphql_request_duration_seconds_sum${operation}`)).toBeGreaterThan(0);
    expect(sample(text, 'graphql_requests_total{operation_name="(unresolved)",operation_type="(unresolved)"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'graphql_errors_total{code="BAD_REQUEST"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'http_responses_total{path="/graphql",status="200"}')).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'http_responses_total{path="/graphql",status="400"}')).toBeGreaterThanOrEqual(2);
  });

  it('reports the pool, open subscriptions and the process', async () => {
    const text = await metrics();
    expect(sample(text, 'db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'db_pool_connections{state="idle"}')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'db_pool_waiting_requests')).toBe(0);
    expect(sample(text, 'graphql_subscriptions_open')).toBe(0);
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(text).toMatch(/^# HELP graphql_requests_total /m);
  });

  it('keeps the number of operation-name labels bounded, whatever names clients invent', async () => {
    await Promise.all(Array.from({ length: 210 }, (_, index) => suite.server.graphql(`query Invented${index} { countries { code } }`)));
    const names = new Set([...(await metrics()).matchAll(/^graphql_requests_total\{operation_name="([^"]+)"/gm)].map((match) => match[1]));
    expect(names.size).toBeLessThanOrEqual(200 + 3);
    expect(names).toContain('(other)');
  });
});
