import { useTestServer } from '../support/fixture';

const suite = useTestServer({ tcpProxy: true, env: { DB_CONNECTION_TIMEOUT_MS: '1000' } });

const readiness = async () => {
  const response = await fetch(`${suite.server.baseUrl}/readyz`);
  return { status: response.status, body: await response.json() };
};

describe('readiness follows the database', () => {
  it('is ready while the database answers, not ready while it is down, and ready again when it returns', async () => {
    expect(await readiness()).toEqual({ status: 200, body: { ready: true, database: 'up' } });

    await suite.proxy.cut();
    expect(await readiness()).toEqual({ status: 503, body: { ready: false, database: 'down' } });
    const liveness = await fetch(`${suite.server.baseUrl}/healthz`);
    expect(liveness.status).toBe(200);

    await suite.proxy.restore();
    expect(await readiness()).toEqual({ status: 200, body: { ready: true, database: 'up' } });
    const { body } = await suite.server.graphql('{ partnerships { name } }');
    expect(body).toEqual({ data: { partnerships: [] } });
  });
});
