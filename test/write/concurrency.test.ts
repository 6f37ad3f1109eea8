import { useTestServer } from '../support/fixture';
import { commitmentGid, UPDATE_STATUS } from '../support/write-fixtures';

const suite = useTestServer({ fixtures: 'write', apiKeys: { alice: { role: 'EDITOR', name: 'Alice' }, bob: { role: 'EDITOR', name: 'Bob' } } });

async function update(authorization: string, input: Record<string, unknown>) {
  const { body } = await suite.server.graphql(UPDATE_STATUS, { input }, { authorization });
  expect(body.errors).toBeUndefined();
  return body.data!.updateCommitmentStatus;
}

describe('optimistic concurrency', () => {
  it('lets one of two editors who read the same version win; the other gets CONFLICT and writes nothing', async () => {
    const id = await suite.fixtures.commitment('race-two-editors');
    const base = { commitmentId: commitmentGid(id), effectiveOn: '2024-02-01', expectedVersion: 1 };
    const results = await Promise.all([
      update(suite.keys.alice.authorization, { ...base, status: 'IN_PROGRESS', rationale: 'Alice: negotiations opened.' }),
      update(suite.keys.bob.authorization, { ...base, status: 'COMPLETED', rationale: 'Bob: signed.' }),
    ]);
    const winners = results.filter((result) => result.userErrors.length === 0);
    const losers = results.filter((result) => result.userErrors.length > 0);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const winner = winners[0].commitment;
    expect(winner.version).toBe(2);
    expect(losers[0].commitment).toBeNull();
    expect(losers[0].userErrors).toEqual([
      {
        field: ['input', 'expectedVersion'],
        code: 'CONFLICT',
        message: expect.stringMatching(/changed since you read it: it is at version 2/),
        currentVersion: 2,
        currentStatus: winner.status,
      },
    ]);
    expect(await suite.fixtures.state(id)).toMatchObject({ version: 2, status: winner.status, history: 2 });
  });

  it('refuses a stale expectedVersion even without a race', async () => {
    const id = await suite.fixtures.commitment('stale-version');
    await update(suite.keys.alice.authorization, { commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'Started.' });
    const stale = await update(suite.keys.bob.authorization, { commitmentId: commitmentGid(id), status: 'COMPLETED', effectiveOn: '2024-03-01', rationale: 'Done.', expectedVersion: 1 });
    expect(stale.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT', currentVersion: 2, currentStatus: 'IN_PROGRESS' })]);
    const fresh = await update(suite.keys.bob.authorization, { commitmentId: commitmentGid(id), status: 'COMPLETED', effectiveOn: '2024-03-01', rationale: 'Done.', expectedVersion: 2 });
    expect(fresh.userErrors).toEqual([]);
    expect(await suite.fixtures.state(id)).toMatchObject({ version: 3, status: 'COMPLETED', history: 3 });
  });

  it('loses no update among 50 concurrent writers without expectedVersion', async () => {
    const id = await suite.fixtures.commitment('race-fifty');
    const start = await suite.fixtures.state(id);
    // Alternating statuses: whichever order the row lock serialises them in, many are real changes; the
    // others find the status already set and are refused, writing nothing.
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        update(index % 2 ? suite.keys.alice.authorization : suite.keys.bob.authorization, {
          commitmentId: commitmentGid(id),
          status: index % 2 ? 'IN_PROGRESS' : 'PARTIALLY_COMPLETED',
          effectiveOn: '2024-02-01',
          rationale: `Writer ${index}.`,
        }),
      ),
    );
    const successes = results.filter((result) => result.userErrors.length === 0);
    for (const result of results) {
      if (result.userErrors.length) expect(result.userErrors[0].message).toMatch(/already (IN_PROGRESS|PARTIALLY_COMPLETED)/);
    }
    expect(successes.length).toBeGreaterThan(1);
    const end = await suite.fixtures.state(id);
    expect(end.version).toBe(start.version + successes.length);
    expect(end.history).toBe(start.history + successes.length);
    // Every success saw a distinct version: the writes were serialised, not interleaved.
    expect(new Set(successes.map((result) => result.commitment.version)).size).toBe(successes.length);
    // Each history entry starts from the status the previous one ended in.
    const history = await suite.fixtures.database.prisma.statusChange.findMany({ where: { commitmentId: id }, orderBy: { id: 'asc' } });
    for (let index = 1; index < history.length; index++) expect(history[index]!.fromStatus).toBe(history[index - 1]!.toStatus);
    expect(history.at(-1)!.toStatus).toBe(end.status);
  });
});
