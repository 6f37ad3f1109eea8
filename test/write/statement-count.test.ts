// How many SQL statements one updateCommitmentStatus costs, counted on the wire between the server and
// PostgreSQL (see support/statement-counter.ts). Without an idempotency key: the API key lookup, the read of
// the commitment, one statement that writes it if its version is unchanged, appends the history entry and
// sends the NOTIFY. With a key: the lookup, then a transaction: BEGIN, SET TRANSACTION ISOLATION LEVEL, the
// key's claim, the row locked and read in one statement, the same write, the stored response, COMMIT.
// Evidence given as a stored document is checked in the write statement, not in a statement of its own.
import { startStatementCounter, type StatementCounter } from '../support/statement-counter';
import { createMigratedDatabase, type TestDatabase } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';
import { commitmentGid, createWriteFixtures, UPDATE_STATUS, type WriteFixtures } from '../support/write-fixtures';
import { toGlobalId } from '../../src/relay/global-id';

const WITHOUT_KEY = 3;
const WITH_KEY = 8;

let db: TestDatabase;
let fixtures: WriteFixtures;
let counter: StatementCounter;
let server: TestServer;
let editor: string;

beforeAll(async () => {
  db = await createMigratedDatabase();
  fixtures = await createWriteFixtures(db.url);
  counter = await startStatementCounter(db.url);
  server = await startTestServer(counter.url);
  editor = (await fixtures.key('EDITOR', 'Counted')).authorization;
  // Warm up: the key's first use records last_used_at, and the first keyed write of a process prunes expired
  // keys; both are once in a while, not per request.
  const id = await fixtures.commitment('warm-up');
  await update({ commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'Warm-up.', idempotencyKey: 'warm-up' });
});

afterAll(async () => {
  await server?.stop();
  await counter?.close();
  await fixtures?.close();
  await db?.drop();
});

async function update(input: Record<string, unknown>) {
  const { body } = await server.graphql(UPDATE_STATUS, { input }, { authorization: editor });
  expect(body.errors).toBeUndefined();
  return body.data!.updateCommitmentStatus;
}

/** Sends one status change and returns the statements that reached PostgreSQL for it. */
async function statementsFor(input: Record<string, unknown>): Promise<{ count: number; statements: string[] }> {
  counter.reset();
  const payload = await update(input);
  expect(payload.userErrors).toEqual([]);
  const result = { count: counter.count(), statements: counter.statements().map((sql) => sql.replace(/\s+/g, ' ').trim()) };
  console.log(`updateCommitmentStatus: ${result.count} statements\n${result.statements.map((sql) => sql.slice(0, 120)).join('\n')}`);
  return result;
}

describe('SQL statements per updateCommitmentStatus', () => {
  it(`is at most ${WITHOUT_KEY} without an idempotency key`, async () => {
    const id = await fixtures.commitment('count-plain');
    const { count, statements } = await statementsFor({ commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'Started.' });
    expect(count).toBeLessThanOrEqual(WITHOUT_KEY);
    expect(statements.filter((sql) => /^WITH updated AS/.test(sql))).toHaveLength(1);
    expect(await fixtures.state(id)).toMatchObject({ status: 'IN_PROGRESS', version: 2, history: 2 });
  });

  it(`is at most ${WITH_KEY} with an idempotency key, and a replay writes nothing`, async () => {
    const id = await fixtures.commitment('count-keyed');
    const input = { commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'Started.', idempotencyKey: 'count-1' };
    const { count } = await statementsFor(input);
    expect(count).toBeLessThanOrEqual(WITH_KEY);
    const replay = await statementsFor(input);
    expect(replay.statements.some((sql) => /status_change/.test(sql))).toBe(false);
    expect(await fixtures.state(id)).toMatchObject({ status: 'IN_PROGRESS', version: 2, history: 2 });
  });

  it('checks evidence given as a stored document without a statement of its own', async () => {
    const id = await fixtures.commitment('count-document');
    const evidence = { sourceDocumentId: toGlobalId('SourceDocument', fixtures.documentId), title: 'Agreement signed', publishedOn: '2024-03-01' };
    const { count } = await statementsFor({ commitmentId: commitmentGid(id), status: 'COMPLETED', effectiveOn: '2024-03-01', rationale: 'Signed.', evidence });
    expect(count).toBeLessThanOrEqual(WITHOUT_KEY);
  });
});
