// How many SQL statements one updateCommitmentStatus costs, counted on the wire between the server and
// PostgreSQL (see support/statement-counter.ts). One, with or without an idempotency key: a statement that
// locks the row, checks the rules, writes the commitment and its history entry, sends the NOTIFY and, with a
// key, claims the key and stores the response; PostgreSQL runs it as a transaction of its own, so there is
// no BEGIN or COMMIT either. The API key costs none once verified (it is cached for a few seconds): each
// measurement below uses a key verified just before it, so that the cache cannot expire in between.
import { useTestServer } from '../support/fixture';
import { commitmentGid, UPDATE_STATUS } from '../support/write-fixtures';
import { toGlobalId } from '../../src/relay/global-id';

/** Statements per status change, with or without an idempotency key, evidence or expectedVersion. */
const PER_STATUS_CHANGE = 1;
/** A refused change with a key looks the key up again (a duplicate may have committed meanwhile). */
const PER_REFUSED_WITH_KEY = 2;

const suite = useTestServer({ fixtures: 'write', countStatements: true });

beforeAll(async () => {
  // Warm up: the first keyed write of a process prunes expired keys, once in a while, not per request.
  const id = await suite.fixtures.commitment('warm-up');
  const { authorization } = await suite.fixtures.key('EDITOR', 'Warm-up');
  await suite.server.graphql(UPDATE_STATUS, { input: { commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'Warm-up.', idempotencyKey: 'warm-up' } }, { authorization });
});

/** An editor's key, verified (and its first use recorded) by one request: the next requests find it cached. */
async function verifiedEditor(): Promise<string> {
  const { authorization } = await suite.fixtures.key('EDITOR', 'Counted');
  expect((await suite.server.graphql('{ __typename }', undefined, { authorization })).status).toBe(200);
  return authorization;
}

/** Sends one status change and returns its payload and the statements that reached PostgreSQL for it. */
async function statementsFor(authorization: string, input: Record<string, unknown>) {
  suite.counter.reset();
  const { body } = await suite.server.graphql(UPDATE_STATUS, { input }, { authorization });
  expect(body.errors).toBeUndefined();
  const statements = suite.counter.statements().map((sql) => sql.replace(/\s+/g, ' ').trim());
  console.log(`updateCommitmentStatus: ${suite.counter.count()} statements\n${statements.map((sql) => sql.slice(0, 120)).join('\n')}`);
  return { payload: body.data!.updateCommitmentStatus, count: suite.counter.count(), statements };
}

describe('SQL statements per updateCommitmentStatus', () => {
  it(`is ${PER_STATUS_CHANGE} without an idempotency key, the API key included`, async () => {
    const id = await suite.fixtures.commitment('count-plain');
    const editor = await verifiedEditor();
    const { payload, count, statements } = await statementsFor(editor, { commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'Started.' });
    expect(payload.userErrors).toEqual([]);
    expect(count).toBe(PER_STATUS_CHANGE);
    expect(statements.some((sql) => /api_key/.test(sql))).toBe(false);
    expect(await suite.fixtures.state(id)).toMatchObject({ status: 'IN_PROGRESS', version: 2, history: 2 });
  });

  it(`is ${PER_STATUS_CHANGE} with an idempotency key, and so is a replay, which writes nothing`, async () => {
    const id = await suite.fixtures.commitment('count-keyed');
    const editor = await verifiedEditor();
    const input = { commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'Started.', idempotencyKey: 'count-1' };
    const first = await statementsFor(editor, input);
    expect(first.payload.userErrors).toEqual([]);
    expect(first.count).toBe(PER_STATUS_CHANGE);
    expect(await suite.fixtures.database.prisma.idempotencyKey.count({ where: { key: 'count-1', state: 'COMPLETED' } })).toBe(1);
    const replay = await statementsFor(editor, input);
    expect(replay.payload).toEqual(first.payload);
    expect(replay.count).toBe(PER_STATUS_CHANGE);
    expect(await suite.fixtures.state(id)).toMatchObject({ status: 'IN_PROGRESS', version: 2, history: 2 });
  });

  it(`is ${PER_STATUS_CHANGE} with evidence given as a stored document and an expectedVersion`, async () => {
    const id = await suite.fixtures.commitment('count-document');
    const editor = await verifiedEditor();
    const evidence = { sourceDocumentId: toGlobalId('SourceDocument', suite.fixtures.documentId), title: 'Agreement signed', publishedOn: '2024-03-01' };
    const input = { commitmentId: commitmentGid(id), status: 'COMPLETED', effectiveOn: '2024-03-01', rationale: 'Signed.', evidence, expectedVersion: 1, idempotencyKey: 'count-2' };
    const { payload, count } = await statementsFor(editor, input);
    expect(payload.userErrors).toEqual([]);
    expect(count).toBe(PER_STATUS_CHANGE);
    expect(await suite.fixtures.state(id)).toMatchObject({ status: 'COMPLETED', version: 2, history: 2 });
  });

  it(`is ${PER_STATUS_CHANGE} for a refused change, ${PER_REFUSED_WITH_KEY} with a key, and the userError names the rule`, async () => {
    const id = await suite.fixtures.commitment('count-refused');
    const editor = await verifiedEditor();
    const input = { commitmentId: commitmentGid(id), status: 'ANNOUNCED', effectiveOn: '2024-02-01', rationale: 'Again.' };
    const plain = await statementsFor(editor, input);
    expect(plain.payload.userErrors).toEqual([expect.objectContaining({ field: ['input', 'status'], message: expect.stringMatching(/already ANNOUNCED/) })]);
    expect(plain.count).toBe(PER_STATUS_CHANGE);
    const keyed = await statementsFor(editor, { ...input, idempotencyKey: 'count-refused' });
    expect(keyed.payload.userErrors).toEqual(plain.payload.userErrors);
    expect(keyed.count).toBe(PER_REFUSED_WITH_KEY);
    const stale = await statementsFor(editor, { ...input, status: 'IN_PROGRESS', expectedVersion: 7 });
    expect(stale.payload.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT', currentVersion: 1, currentStatus: 'ANNOUNCED' })]);
    expect(stale.count).toBe(PER_STATUS_CHANGE);
    expect(await suite.fixtures.state(id)).toMatchObject({ status: 'ANNOUNCED', version: 1, history: 1 });
    expect(await suite.fixtures.database.prisma.idempotencyKey.count({ where: { key: 'count-refused' } })).toBe(0);
  });
});
