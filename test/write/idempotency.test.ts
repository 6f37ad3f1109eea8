import { Client } from 'pg';
import { waitUntilBlocked } from '../support/table-lock';
import { useTestServer } from '../support/fixture';
import { commitmentGid, daysFromToday, UPDATE_STATUS } from '../support/write-fixtures';

const suite = useTestServer({
  fixtures: 'write',
  apiKeys: { editor: { role: 'EDITOR', name: 'Editor' }, otherEditor: { role: 'EDITOR', name: 'Other editor' } },
});

async function send(input: Record<string, unknown>, authorization = suite.keys.editor.authorization) {
  const { body } = await suite.server.graphql(UPDATE_STATUS, { input }, { authorization });
  expect(body.errors).toBeUndefined();
  return body.data!.updateCommitmentStatus;
}

const ADD_NOTE = `
  mutation ($input: AddProgressNoteInput!) {
    addProgressNote(input: $input) { progressNote { id note author { name } } userErrors { field code message } }
  }`;

describe('idempotency keys', () => {
  it('replays the first result for the same key and input, writing nothing again', async () => {
    const id = await suite.fixtures.commitment('replay');
    const input = { commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'Started.', idempotencyKey: 'replay-1' };
    const first = await send(input);
    expect(first.userErrors).toEqual([]);
    const second = await send(input);
    expect(second).toEqual(first);
    expect(await suite.fixtures.state(id)).toMatchObject({ version: 2, history: 2 });
    const stored = await suite.fixtures.database.prisma.idempotencyKey.findFirstOrThrow({ where: { key: 'replay-1' } });
    expect(stored).toMatchObject({ operation: 'updateCommitmentStatus', state: 'COMPLETED', principal: expect.stringMatching(/^API_KEY:\d+$/) });
    expect(stored.response).toMatchObject({ commitment: { status: 'IN_PROGRESS', version: 2 }, statusChange: { rationale: 'Started.' } });
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeGreaterThanOrEqual(24 * 3_600_000);
  });

  it('replays even after the commitment has moved on: the response is the first one', async () => {
    const id = await suite.fixtures.commitment('replay-later');
    const input = { commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'Started.', idempotencyKey: 'replay-later' };
    const first = await send(input);
    await send({ commitmentId: commitmentGid(id), status: 'COMPLETED', effectiveOn: '2024-03-01', rationale: 'Done.' });
    expect(await send(input)).toEqual(first);
    expect(await suite.fixtures.state(id)).toMatchObject({ status: 'COMPLETED', version: 3, history: 3 });
  });

  it('writes once when two identical requests race, and answers both the same', async () => {
    const id = await suite.fixtures.commitment('race-replay');
    const input = { commitmentId: commitmentGid(id), status: 'COMPLETED', effectiveOn: '2024-03-01', rationale: 'Signed.', idempotencyKey: 'race-1' };
    const [a, b, c] = await Promise.all([send(input), send(input), send(input)]);
    expect(a.userErrors).toEqual([]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(await suite.fixtures.state(id)).toMatchObject({ status: 'COMPLETED', version: 2, history: 2 });
  });

  it('refuses the same key with a different input', async () => {
    const id = await suite.fixtures.commitment('key-reuse');
    const input = { commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'Started.', idempotencyKey: 'reuse-1' };
    await send(input);
    const reused = await send({ ...input, rationale: 'Something else.' });
    expect(reused.commitment).toBeNull();
    expect(reused.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'idempotencyKey'], code: 'BAD_USER_INPUT', message: expect.stringMatching(/already used for a different input/) }),
    ]);
    const otherOperation = await suite.server.graphql(
      ADD_NOTE,
      { input: { commitmentId: commitmentGid(id), effectiveOn: '2024-02-02', note: 'x', idempotencyKey: 'reuse-1' } },
      { authorization: suite.keys.editor.authorization },
    );
    expect(otherOperation.body.data!.addProgressNote.userErrors).toEqual([
      expect.objectContaining({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/already used for updateCommitmentStatus/) }),
    ]);
    expect(await suite.fixtures.state(id)).toMatchObject({ version: 2, history: 2 });
  });

  it('scopes keys per caller: two callers may use the same key', async () => {
    const id = await suite.fixtures.commitment('per-principal');
    const input = { commitmentId: commitmentGid(id), effectiveOn: '2024-02-01', note: 'Visited the site.', idempotencyKey: 'shared-key' };
    const mine = await suite.server.graphql(ADD_NOTE, { input }, { authorization: suite.keys.editor.authorization });
    const theirs = await suite.server.graphql(ADD_NOTE, { input }, { authorization: suite.keys.otherEditor.authorization });
    expect(mine.body.data!.addProgressNote.progressNote.author.name).toBe('Editor');
    expect(theirs.body.data!.addProgressNote.progressNote.author.name).toBe('Other editor');
    expect(await suite.fixtures.database.prisma.progressNote.count({ where: { commitmentId: id } })).toBe(2);
  });

  it('stores nothing for a refused request, so its key can be used again', async () => {
    const id = await suite.fixtures.commitment('refused-keeps-key');
    const refused = await send({ commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: daysFromToday(5), rationale: 'Soon.', idempotencyKey: 'retry-1' });
    expect(refused.userErrors[0].field).toEqual(['input', 'effectiveOn']);
    const fixed = await send({ commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'Soon.', idempotencyKey: 'retry-1' });
    expect(fixed.userErrors).toEqual([]);
  });

  it('ignores an expired key: the same key then starts a new request', async () => {
    const id = await suite.fixtures.commitment('expired-key');
    const input = { commitmentId: commitmentGid(id), effectiveOn: '2024-02-01', note: 'First visit.', idempotencyKey: 'expiring' };
    await suite.server.graphql(ADD_NOTE, { input }, { authorization: suite.keys.editor.authorization });
    await suite.fixtures.database.prisma.idempotencyKey.updateMany({ where: { key: 'expiring' }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const again = await suite.server.graphql(ADD_NOTE, { input: { ...input, note: 'Second visit.' } }, { authorization: suite.keys.editor.authorization });
    expect(again.body.data!.addProgressNote.userErrors).toEqual([]);
    expect(await suite.fixtures.database.prisma.progressNote.count({ where: { commitmentId: id } })).toBe(2);
    const row = await suite.fixtures.database.prisma.idempotencyKey.findFirstOrThrow({ where: { key: 'expiring' } });
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
  });

  it('reclaims an expired key for a status change, in the statement that writes', async () => {
    const id = await suite.fixtures.commitment('expired-status-key');
    const input = { commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'Started.', idempotencyKey: 'expiring-status' };
    expect((await send(input)).userErrors).toEqual([]);
    const before = await suite.fixtures.database.prisma.idempotencyKey.findFirstOrThrow({ where: { key: 'expiring-status' } });
    await suite.fixtures.database.prisma.idempotencyKey.updateMany({ where: { key: 'expiring-status' }, data: { expiresAt: new Date(Date.now() - 1000) } });
    // A refused request leaves even the expired row as it is.
    const refused = await send({ ...input, rationale: 'Started again.' });
    expect(refused.userErrors).toEqual([expect.objectContaining({ field: ['input', 'status'] })]);
    expect(await suite.fixtures.database.prisma.idempotencyKey.findFirstOrThrow({ where: { key: 'expiring-status' } })).toMatchObject({ requestHash: before.requestHash });
    const again = await send({ ...input, status: 'COMPLETED', effectiveOn: '2024-03-01', rationale: 'Done.' });
    expect(again.userErrors).toEqual([]);
    expect(await suite.fixtures.state(id)).toMatchObject({ status: 'COMPLETED', version: 3, history: 3 });
    const rows = await suite.fixtures.database.prisma.idempotencyKey.findMany({ where: { key: 'expiring-status' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.requestHash).not.toBe(before.requestHash);
    expect(rows[0]!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    expect(rows[0]!.response).toMatchObject({ commitment: { status: 'COMPLETED', version: 3 } });
  });

  describe('a status change whose key another request is claiming', () => {
    /** Another request, mid-transaction, that has claimed `key` for another input; the test ends it. */
    async function requestHoldingKey(key: string) {
      const client = new Client({ connectionString: suite.db.url, application_name: 'test-other-request' });
      await client.connect();
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO idempotency_key (principal, key, operation, request_hash, state, response, expires_at)
         VALUES ($1, $2, 'updateCommitmentStatus', $3, 'COMPLETED', '{}'::jsonb, now() + interval '1 day')`,
        [`API_KEY:${suite.keys.editor.id}`, key, '0'.repeat(64)],
      );
      return {
        /** Then wants the commitment's row too; PostgreSQL breaks a deadlock in the server's statement, not here. */
        lockRow: async (commitmentId: number) => {
          await client.query("SET deadlock_timeout = '60s'");
          await client.query('SELECT 1 FROM commitment WHERE id = $1 FOR UPDATE', [commitmentId]);
        },
        end: async (outcome: 'COMMIT' | 'ROLLBACK') => {
          await client.query(outcome);
          await client.end();
        },
      };
    }

    async function raceForKey(key: string, outcome: 'COMMIT' | 'ROLLBACK', input: Record<string, unknown>) {
      const other = await requestHoldingKey(key);
      const response = send({ ...input, idempotencyKey: key });
      try {
        await waitUntilBlocked(suite.db.url, 'commitment-tracker', 10_000);
      } finally {
        await other.end(outcome);
      }
      return response;
    }

    it('waits for it and, when it commits, undoes its own write and answers as a replay would (here: another input)', async () => {
      const id = await suite.fixtures.commitment('key-held-commit');
      const payload = await raceForKey('held-commit', 'COMMIT', { commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'Started.' });
      expect(payload.commitment).toBeNull();
      expect(payload.userErrors).toEqual([
        expect.objectContaining({ field: ['input', 'idempotencyKey'], code: 'BAD_USER_INPUT', message: expect.stringMatching(/already used for a different input/) }),
      ]);
      expect(await suite.fixtures.state(id)).toMatchObject({ status: 'ANNOUNCED', version: 1, lastAssessedAt: null, history: 1 });
    });

    it('claims the key and writes when the other request rolls back', async () => {
      const id = await suite.fixtures.commitment('key-held-rollback');
      const payload = await raceForKey('held-rollback', 'ROLLBACK', { commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'Started.' });
      expect(payload.userErrors).toEqual([]);
      expect(await suite.fixtures.state(id)).toMatchObject({ status: 'IN_PROGRESS', version: 2, history: 2 });
      const stored = await suite.fixtures.database.prisma.idempotencyKey.findFirstOrThrow({ where: { key: 'held-rollback' } });
      expect(stored).toMatchObject({ state: 'COMPLETED', response: { commitment: { status: 'IN_PROGRESS', version: 2 } } });
    });

    it('runs again when it loses a deadlock to a request that took the key first and then wants the row', async () => {
      const id = await suite.fixtures.commitment('key-held-deadlock');
      const other = await requestHoldingKey('held-deadlock');
      const response = send({ commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'Started.', idempotencyKey: 'held-deadlock' });
      try {
        // The status change holds the row and waits for the key; the other request, holding the key, now
        // waits for the row.
        await waitUntilBlocked(suite.db.url, 'commitment-tracker', 10_000);
        await other.lockRow(id);
      } finally {
        await other.end('COMMIT');
      }
      const payload = await response;
      expect(payload.userErrors).toEqual([expect.objectContaining({ field: ['input', 'idempotencyKey'], message: expect.stringMatching(/already used for a different input/) })]);
      expect(await suite.fixtures.state(id)).toMatchObject({ status: 'ANNOUNCED', version: 1, history: 1 });
    });
  });
});
