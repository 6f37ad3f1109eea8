import { createMigratedDatabase, type TestDatabase } from '../support/test-database';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { startTestServer, type TestServer } from '../support/test-server';

let db: TestDatabase;
let proxy: TcpProxy;
let server: TestServer;

beforeAll(async () => {
  db = await createMigratedDatabase();
  proxy = await startTcpProxy(db.url);
  server = await startTestServer(proxy.url, { DB_CONNECTION_TIMEOUT_MS: '1000' });
});

afterAll(async () => {
  await server?.stop();
  await proxy?.close();
  await db?.drop();
});

const readiness = async () => {
  const response = await fetch(`${server.baseUrl}/readyz`);
  return { status: response.status, body: await response.json() };
};

describe('readiness follows the database', () => {
  it('is ready while the database answers, not ready while it is down, and ready again when it returns', async () => {
    expect(await readiness()).toEqual({ status: 200, body: { ready: true, database: 'up' } });

    await proxy.cut();
    expect(await readiness()).toEqual({ status: 503, body: { ready: false, database: 'down' } });
    const liveness = await fetch(`${server.baseUrl}/healthz`);
    expect(liveness.status).toBe(200);

    await proxy.restore();
    expect(await readiness()).toEqual({ status: 200, body: { ready: true, database: 'up' } });
    const { body } = await server.graphql('{ partnerships { name } }');
    expect(body).toEqual({ data: { partnerships: [] } });
  });
});
