import { createMigratedDatabase, type TestDatabase } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';
import { commitmentGid, createWriteFixtures, daysFromToday, UPDATE_STATUS, type WriteFixtures } from '../support/write-fixtures';

let db: TestDatabase;
let fixtures: WriteFixtures;
let server: TestServer;
let editor: string;
let otherEditor: string;

beforeAll(async () => {
  db = await createMigratedDatabase();
  fixtures = await createWriteFixtures(db.url);
  server = await startTestServer(db.url);
  editor = (await fixtures.key('EDITOR', 'Editor')).authorization;
  otherEditor = (await fixtures.key('EDITOR', 'Other editor')).authorization;
});

afterAll(async () => {
  await server?.stop();
  await fixtures?.close();
  await db?.drop();
});

async function send(input: Record<string, unknown>, authorization = editor) {
  const { body } = await server.graphql(UPDATE_STATUS, { input }, { authorization });
  expect(body.errors).toBeUndefined();
  return body.data!.updateCommitmentStatus;
}

const ADD_NOTE = `
  mutation ($input: AddProgressNoteInput!) {
    addProgressNote(input: $input) { progressNote { id note author { name } } userErrors { field code message } }
  }`;

describe('idempotency keys', () => {
  it('replays the first result for the same key and input, writing nothing again', async () => {
    const id = await fixtures.commitment('replay');
    const input = { commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'Started.', idempotencyKey: 'replay-1' };
    const first = await send(input);
    expect(first.userErrors).toEqual([]);
    const second = await send(input);
    expect(second).toEqual(first);
    expect(await fixtures.state(id)).toMatchObject({ version: 2, history: 2 });
    const stored = await fixtures.database.prisma.idempotencyKey.findFirstOrThrow({ where: { key: 'replay-1' } });
    expect(stored).toMatchObject({ operation: 'updateCommitmentStatus', state: 'COMPLETED', principal: expect.stringMatching(/^API_KEY:\d+$/) });
    expect(stored.response).toMatchObject({ commitment: { status: 'IN_PROGRESS', version: 2 }, statusChange: { rationale: 'Started.' } });
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeGreaterThanOrEqual(24 * 3_600_000);
  });

  it('replays even after the commitment has moved on: the response is the first one', async () => {
    const id = await fixtures.commitment('replay-later');
    const input = { commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'Started.', idempotencyKey: 'replay-later' };
    const first = await send(input);
    await send({ commitmentId: commitmentGid(id), status: 'COMPLETED', effectiveOn: '2024-03-01', rationale: 'Done.' });
    expect(await send(input)).toEqual(first);
    expect(await fixtures.state(id)).toMatchObject({ status: 'COMPLETED', version: 3, history: 3 });
  });

  it('writes once when two identical requests race, and answers both the same', async () => {
    const id = await fixtures.commitment('race-replay');
    const input = { commitmentId: commitmentGid(id), status: 'COMPLETED', effectiveOn: '2024-03-01', rationale: 'Signed.', idempotencyKey: 'race-1' };
    const [a, b, c] = await Promise.all([send(input), send(input), send(input)]);
    expect(a.userErrors).toEqual([]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(await fixtures.state(id)).toMatchObject({ status: 'COMPLETED', version: 2, history: 2 });
  });

  it('refuses the same key with a different input', async () => {
    const id = await fixtures.commitment('key-reuse');
    const input = { commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'Started.', idempotencyKey: 'reuse-1' };
    await send(input);
    const reused = await send({ ...input, rationale: 'Something else.' });
    expect(reused.commitment).toBeNull();
    expect(reused.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'idempotencyKey'], code: 'BAD_USER_INPUT', message: expect.stringMatching(/already used for a different input/) }),
    ]);
    const otherOperation = await server.graphql(
      ADD_NOTE,
      { input: { commitmentId: commitmentGid(id), effectiveOn: '2024-02-02', note: 'x', idempotencyKey: 'reuse-1' } },
      { authorization: editor },
    );
    expect(otherOperation.body.data!.addProgressNote.userErrors).toEqual([
      expect.objectContaining({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/already used for updateCommitmentStatus/) }),
    ]);
    expect(await fixtures.state(id)).toMatchObject({ version: 2, history: 2 });
  });

  it('scopes keys per caller: two callers may use the same key', async () => {
    const id = await fixtures.commitment('per-principal');
    const input = { commitmentId: commitmentGid(id), effectiveOn: '2024-02-01', note: 'Visited the site.', idempotencyKey: 'shared-key' };
    const mine = await server.graphql(ADD_NOTE, { input }, { authorization: editor });
    const theirs = await server.graphql(ADD_NOTE, { input }, { authorization: otherEditor });
    expect(mine.body.data!.addProgressNote.progressNote.author.name).toBe('Editor');
    expect(theirs.body.data!.addProgressNote.progressNote.author.name).toBe('Other editor');
    expect(await fixtures.database.prisma.progressNote.count({ where: { commitmentId: id } })).toBe(2);
  });

  it('stores nothing for a refused request, so its key can be used again', async () => {
    const id = await fixtures.commitment('refused-keeps-key');
    const refused = await send({ commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: daysFromToday(5), rationale: 'Soon.', idempotencyKey: 'retry-1' });
    expect(refused.userErrors[0].field).toEqual(['input', 'effectiveOn']);
    const fixed = await send({ commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'Soon.', idempotencyKey: 'retry-1' });
    expect(fixed.userErrors).toEqual([]);
  });

  it('ignores an expired key: the same key then starts a new request', async () => {
    const id = await fixtures.commitment('expired-key');
    const input = { commitmentId: commitmentGid(id), effectiveOn: '2024-02-01', note: 'First visit.', idempotencyKey: 'expiring' };
    await server.graphql(ADD_NOTE, { input }, { authorization: editor });
    await fixtures.database.prisma.idempotencyKey.updateMany({ where: { key: 'expiring' }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const again = await server.graphql(ADD_NOTE, { input: { ...input, note: 'Second visit.' } }, { authorization: editor });
    expect(again.body.data!.addProgressNote.userErrors).toEqual([]);
    expect(await fixtures.database.prisma.progressNote.count({ where: { commitmentId: id } })).toBe(2);
    const row = await fixtures.database.prisma.idempotencyKey.findFirstOrThrow({ where: { key: 'expiring' } });
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
  });
});
