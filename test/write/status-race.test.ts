// A status change locks the commitment's row in its one statement, so another writer holding the row makes
// it wait. These tests put such a writer ahead of it: a transaction of its own that has changed the row and
// holds its lock until the test commits it. The status change then reads the row as the other writer
// committed it, and checks and writes against that, exactly as a writer queued on the lock must.
import { Client } from 'pg';
import { waitUntilBlocked } from '../support/table-lock';
import { useTestServer } from '../support/fixture';
import { commitmentGid, UPDATE_STATUS } from '../support/write-fixtures';

const suite = useTestServer({ fixtures: 'write', apiKeys: { editor: { role: 'EDITOR', name: 'Racer' } } });

/** Another writer, mid-transaction: it has moved the commitment to `status` and holds the row's lock. */
async function writerHoldingTheRow(commitmentId: number, status: string, effectiveOn: string) {
  const client = new Client({ connectionString: suite.db.url, application_name: 'test-other-writer' });
  await client.connect();
  await client.query('BEGIN');
  const { rows } = await client.query<{ from_status: string }>(
    'SELECT status::text AS from_status FROM commitment WHERE id = $1 FOR UPDATE',
    [commitmentId],
  );
  await client.query(
    'UPDATE commitment SET status = $2::commitment_status, status_since = $3::date, last_assessed_at = now(), version = version + 1 WHERE id = $1',
    [commitmentId, status, effectiveOn],
  );
  await client.query(
    `INSERT INTO status_change (commitment_id, from_status, to_status, effective_on, rationale, author_kind, author_id)
     VALUES ($1, $2::commitment_status, $3::commitment_status, $4::date, 'The other writer.', 'SYSTEM', 'test')`,
    [commitmentId, rows[0]!.from_status, status, effectiveOn],
  );
  return {
    commit: async () => {
      await client.query('COMMIT');
      await client.end();
    },
  };
}

/** Sends a status change while another writer holds the row, then lets the other writer commit. */
async function raceAgainstWriter(commitmentId: number, other: { status: string; effectiveOn: string }, input: Record<string, unknown>) {
  const writer = await writerHoldingTheRow(commitmentId, other.status, other.effectiveOn);
  const response = suite.server.graphql(UPDATE_STATUS, { input: { commitmentId: commitmentGid(commitmentId), ...input } }, { authorization: suite.keys.editor.authorization });
  try {
    await waitUntilBlocked(suite.db.url, 'commitment-tracker', 10_000);
  } finally {
    await writer.commit();
  }
  const { body } = await response;
  expect(body.errors).toBeUndefined();
  return body.data!.updateCommitmentStatus;
}

describe('a status change racing another writer', () => {
  it('is checked again against the row the other writer committed: here it finds the status already set', async () => {
    const id = await suite.fixtures.commitment('race-same-status');
    const payload = await raceAgainstWriter(id, { status: 'IN_PROGRESS', effectiveOn: '2024-02-01' }, { status: 'IN_PROGRESS', effectiveOn: '2024-02-02', rationale: 'Started.' });
    expect(payload.commitment).toBeNull();
    expect(payload.userErrors).toEqual([expect.objectContaining({ field: ['input', 'status'], code: 'BAD_USER_INPUT', message: expect.stringMatching(/already IN_PROGRESS/) })]);
    expect(await suite.fixtures.state(id)).toMatchObject({ status: 'IN_PROGRESS', version: 2, history: 2 });
  });

  it('is written after the other writer, from the status it left, losing neither change', async () => {
    const id = await suite.fixtures.commitment('race-after');
    const payload = await raceAgainstWriter(id, { status: 'IN_PROGRESS', effectiveOn: '2024-02-01' }, { status: 'COMPLETED', effectiveOn: '2024-03-01', rationale: 'Signed.' });
    expect(payload.userErrors).toEqual([]);
    expect(payload.commitment).toMatchObject({ status: 'COMPLETED', version: 3, statusSince: '2024-03-01' });
    expect(payload.statusChange).toMatchObject({ fromStatus: 'IN_PROGRESS', toStatus: 'COMPLETED' });
    const history = await suite.fixtures.database.prisma.statusChange.findMany({ where: { commitmentId: id }, orderBy: { id: 'asc' } });
    expect(history.map((entry) => [entry.fromStatus, entry.toStatus])).toEqual([
      [null, 'ANNOUNCED'],
      ['ANNOUNCED', 'IN_PROGRESS'],
      ['IN_PROGRESS', 'COMPLETED'],
    ]);
  });

  it('is refused with CONFLICT when it expected the version the other writer replaced', async () => {
    const id = await suite.fixtures.commitment('race-expected');
    const payload = await raceAgainstWriter(
      id,
      { status: 'IN_PROGRESS', effectiveOn: '2024-02-01' },
      { status: 'COMPLETED', effectiveOn: '2024-03-01', rationale: 'Signed.', expectedVersion: 1 },
    );
    expect(payload.commitment).toBeNull();
    expect(payload.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'expectedVersion'], code: 'CONFLICT', currentVersion: 2, currentStatus: 'IN_PROGRESS' }),
    ]);
    expect(await suite.fixtures.state(id)).toMatchObject({ status: 'IN_PROGRESS', version: 2, history: 2 });
  });

  it('is checked against the date the other writer set', async () => {
    const id = await suite.fixtures.commitment('race-date');
    const payload = await raceAgainstWriter(id, { status: 'IN_PROGRESS', effectiveOn: '2024-05-01' }, { status: 'COMPLETED', effectiveOn: '2024-04-01', rationale: 'Signed.' });
    expect(payload.userErrors).toEqual([expect.objectContaining({ field: ['input', 'effectiveOn'], message: expect.stringMatching(/before the current status took effect \(2024-05-01\)/) })]);
    expect(await suite.fixtures.state(id)).toMatchObject({ status: 'IN_PROGRESS', version: 2, history: 2 });
  });
});
