// The database goes away under load (a TCP proxy in front of it is cut) and comes back: while it is away,
// requests fail fast with a masked error, /readyz says not ready and the process lives on; once it is back,
// requests succeed without a restart, and every write the server acknowledged is in the database.
import { useTestServer } from '../support/fixture';
import { commitmentGid } from '../support/write-fixtures';

let commitmentId: string;

const suite = useTestServer({
  fixtures: 'write',
  apiKeys: { editor: 'EDITOR' },
  prepare: async ({ fixtures }) => {
    commitmentId = commitmentGid(await fixtures.commitment('outage'));
  },
  tcpProxy: true,
  captureLogs: true,
  // No API-key cache: the outage must reach the key check, which is what these tests watch fail and recover.
  env: { DB_CONNECTION_TIMEOUT_MS: '1000', DB_STATEMENT_TIMEOUT_MS: '5000', RATE_LIMIT_MUTATIONS: '1000000', LOG_LEVEL: 'warn', API_KEY_CACHE_TTL_MS: '0' },
});

const ADD_NOTE = `mutation ($input: AddProgressNoteInput!) { addProgressNote(input: $input) { userErrors { message } } }`;
const READ = '{ commitments { edges { node { id status version } } } }';
const LEAKS = /ECONNREFUSED|Connection terminated|connect|127\.0\.0\.1|SELECT|Prisma|\bat .+:\d+:\d+/i;

interface Outcome {
  kind: 'read' | 'write';
  startedAt: number;
  finishedAt: number;
  status: number;
  acknowledged: boolean;
  codes: string[];
  errorIds: string[];
  text: string;
  note?: string;
}

describe('a database outage under load', () => {
  jest.setTimeout(120_000);

  it('fails fast and cleanly while the database is away, recovers without a restart, and loses no acknowledged write', async () => {
    const outcomes: Outcome[] = [];
    let running = true;
    let sequence = 0;

    const request = async (kind: Outcome['kind']): Promise<void> => {
      const note = kind === 'write' ? `outage note ${(sequence += 1)}` : undefined;
      const startedAt = Date.now();
      const response = await fetch(suite.server.app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(kind === 'write' && { authorization: suite.keys.editor.authorization }) },
        body: JSON.stringify(
          kind === 'write'
            ? { query: ADD_NOTE, variables: { input: { commitmentId, effectiveOn: '2024-01-01', note, idempotencyKey: note } } }
            : { query: READ },
        ),
      });
      const text = await response.text();
      const body = JSON.parse(text) as { data?: Record<string, { userErrors?: unknown[] }> | null; errors?: { extensions?: { code?: string; errorId?: string } }[] };
      const errors = body.errors ?? [];
      outcomes.push({
        kind,
        startedAt,
        finishedAt: Date.now(),
        status: response.status,
        acknowledged: response.status === 200 && errors.length === 0 && (kind === 'read' || body.data?.addProgressNote?.userErrors?.length === 0),
        codes: errors.map((error) => error.extensions?.code ?? '(none)'),
        errorIds: errors.flatMap((error) => (error.extensions?.errorId ? [error.extensions.errorId] : [])),
        text,
        note,
      });
    };
    const worker = async (kind: Outcome['kind']) => {
      while (running) await request(kind);
    };
    const workers = [worker('read'), worker('read'), worker('write'), worker('write')];
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    await sleep(1_500);
    const cutAt = Date.now();
    await suite.proxy.cut();
    await sleep(1_500);
    const readiness = await fetch(`${suite.server.baseUrl}/readyz`);
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toEqual({ ready: false, database: 'down' });
    expect((await fetch(`${suite.server.baseUrl}/healthz`)).status).toBe(200);
    await sleep(1_500);
    const restoredAt = Date.now();
    await suite.proxy.restore();

    // Back without a restart: wait (bounded) for reads and writes to succeed again.
    const recovered = () => outcomes.filter((outcome) => outcome.startedAt > restoredAt && outcome.acknowledged);
    const deadline = Date.now() + 30_000;
    while ((!recovered().some((o) => o.kind === 'read') || !recovered().some((o) => o.kind === 'write')) && Date.now() < deadline) await sleep(100);
    running = false;
    await Promise.all(workers);

    const before = outcomes.filter((outcome) => outcome.finishedAt < cutAt);
    const during = outcomes.filter((outcome) => outcome.startedAt > cutAt + 100 && outcome.finishedAt < restoredAt);
    expect(before.filter((outcome) => outcome.acknowledged).length).toBeGreaterThan(0);
    expect(during.length).toBeGreaterThan(0);
    expect(recovered().some((outcome) => outcome.kind === 'read')).toBe(true);
    expect(recovered().some((outcome) => outcome.kind === 'write')).toBe(true);

    // While the database was away: every request failed, quickly, with the masked error and nothing else.
    for (const outcome of during) {
      expect(outcome.acknowledged).toBe(false);
      expect(outcome.codes.length).toBeGreaterThan(0);
      expect(new Set(outcome.codes)).toEqual(new Set(['INTERNAL_SERVER_ERROR']));
      expect(outcome.finishedAt - outcome.startedAt).toBeLessThan(5_000);
      expect(outcome.text).not.toMatch(LEAKS);
    }
    // A failure while checking the API key (before any resolver runs) is logged with its id, like any other.
    const keyCheckFailure = during.find((outcome) => outcome.kind === 'write' && outcome.status === 500);
    expect(keyCheckFailure).toBeDefined();
    expect(suite.logs.lines().filter((line) => line.errorId === keyCheckFailure!.errorIds[0])).toEqual([
      expect.objectContaining({ msg: 'unexpected error', requestId: expect.any(String), err: expect.any(Object) }),
    ]);
    // Nothing else than clean responses, ever: no 502/504 from a dead process, no hung request.
    expect(outcomes.every((outcome) => [200, 500].includes(outcome.status))).toBe(true);

    // Every acknowledged write is in the database.
    const acknowledged = outcomes.filter((outcome) => outcome.kind === 'write' && outcome.acknowledged).map((outcome) => outcome.note!);
    const stored = new Set(
      (await suite.fixtures.database.prisma.progressNote.findMany({ select: { note: true } })).map((row) => row.note),
    );
    expect(acknowledged.filter((note) => !stored.has(note))).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(0);
  });
});
