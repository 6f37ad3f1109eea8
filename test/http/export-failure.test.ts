// An export whose database goes away: before the first batch it is an error response; after the first bytes
// the connection is cut, so that the client cannot take a partial file for a whole one.
import { useTestServer } from '../support/fixture';

const EXTRA_COMMITMENTS = 3000;

const suite = useTestServer({
  database: 'seeded',
  tcpProxy: true,
  prepare: async ({ database }) => {
    // Enough rows for several batches of 500, so that the export is still reading when the database goes.
    await database.prisma.$executeRawUnsafe(`
      INSERT INTO commitment (slug, partnership_id, pillar_id, title, status_since, announced_on, updated_at)
      SELECT 'export-bulk-' || n, p.partnership_id, p.id, 'Bulk commitment ' || n, DATE '2024-01-01', DATE '2024-01-01', now()
      FROM generate_series(1, ${EXTRA_COMMITMENTS}) n CROSS JOIN (SELECT id, partnership_id FROM pillar ORDER BY id LIMIT 1) p`);
  },
});

it('answers 500 with an error id when the first batch cannot be read, and exports again once the database is back', async () => {
  await suite.proxy.cut();
  try {
    const response = await fetch(`${suite.server.baseUrl}/export/commitments.csv`);
    expect(response.status).toBe(500);
    expect(response.headers.get('content-disposition')).toBeNull();
    expect(((await response.json()) as any).errors[0]).toEqual({
      message: expect.stringMatching(/^Internal server error\. Quote error id [0-9a-f-]{36} when reporting it\.$/),
      extensions: { code: 'INTERNAL_SERVER_ERROR', errorId: expect.any(String) },
    });
  } finally {
    await suite.proxy.restore();
  }
  const again = await fetch(`${suite.server.baseUrl}/export/commitments.ndjson`);
  expect(again.status).toBe(200);
  expect((await again.text()).trim().split('\n').length).toBeGreaterThan(EXTRA_COMMITMENTS);
});

it('cuts the download when a later batch fails, instead of ending it as if it were complete', async () => {
  const response = await fetch(`${suite.server.baseUrl}/export/commitments.csv`);
  expect(response.status).toBe(200);
  // The headers came with the first batch; the rest waits for this client to read.
  await suite.proxy.cut();
  try {
    await expect(response.text()).rejects.toThrow();
  } finally {
    await suite.proxy.restore();
  }
});
