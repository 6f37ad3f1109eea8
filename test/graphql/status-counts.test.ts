// Partnership.statusCounts and Pillar.statusCounts without a filter read commitment_status_count, the current
// counts kept by triggers on commitment (see its migration). Here: the table equals a GROUP BY over the
// commitments after seeding, after writes through the API (a status change, archiving, a pillar move) and
// after concurrent status changes in one pillar (none deadlocks, none is lost); and the fast path answers
// what the general path (the same selection through the filter compiler) answers.
import type { Client } from 'pg';
import { toGlobalId } from '../../src/relay/global-id';
import { loadSeedDataset } from '../../src/seed/seed.loader';
import { useTestServer } from '../support/fixture';
import { SEEDS_DIR } from '../support/seeds';
import { daysFromToday, UPDATE_STATUS } from '../support/write-fixtures';

jest.setTimeout(60_000);

const suite = useTestServer({ database: 'seeded', countStatements: true, apiKeys: { editor: { role: 'EDITOR', name: 'Status counts editor' } } });
let client: Client;

beforeAll(async () => {
  client = await suite.connect();
});

const COUNTS = 'announced inProgress partiallyCompleted completed stalled abandoned superseded total';
const FIELD: Record<string, string> = {
  ANNOUNCED: 'announced',
  IN_PROGRESS: 'inProgress',
  PARTIALLY_COMPLETED: 'partiallyCompleted',
  COMPLETED: 'completed',
  STALLED: 'stalled',
  ABANDONED: 'abandoned',
  SUPERSEDED: 'superseded',
};

const DASHBOARD = `query ($filter: CommitmentFilter) {
  partnerships { databaseId statusCounts(filter: $filter) { ${COUNTS} } pillars { databaseId statusCounts(filter: $filter) { ${COUNTS} } } }
}`;

type Counts = Record<string, number>;
type Snapshot = { partnerships: Record<number, Counts>; pillars: Record<number, Counts> };

/** statusCounts of every partnership and pillar, by database id. */
async function dashboard(filter?: Record<string, unknown>): Promise<Snapshot> {
  const { body } = await suite.server.graphql(DASHBOARD, { filter });
  expect(body.errors).toBeUndefined();
  const result: Snapshot = { partnerships: {}, pillars: {} };
  for (const partnership of body.data!.partnerships) {
    result.partnerships[partnership.databaseId] = partnership.statusCounts;
    for (const pillar of partnership.pillars) result.pillars[pillar.databaseId] = pillar.statusCounts;
  }
  return result;
}

/** What a GROUP BY over the non-archived commitments gives, in the same shape, for every partnership and pillar. */
async function countedFromCommitments(): Promise<Snapshot> {
  const zero = (): Counts => ({ ...Object.fromEntries(Object.values(FIELD).map((field) => [field, 0])), total: 0 });
  const result: Snapshot = { partnerships: {}, pillars: {} };
  const { rows: parents } = await client.query<{ id: number; partnership_id: number }>('SELECT id, partnership_id FROM pillar');
  for (const { id, partnership_id } of parents) {
    result.pillars[id] = zero();
    result.partnerships[partnership_id] = zero();
  }
  const { rows } = await client.query<{ partnership_id: number; pillar_id: number; status: string; n: number }>(
    'SELECT partnership_id, pillar_id, status, count(*)::int AS n FROM commitment WHERE archived_at IS NULL GROUP BY 1, 2, 3',
  );
  for (const row of rows) {
    for (const counts of [result.partnerships[row.partnership_id]!, result.pillars[row.pillar_id]!]) {
      counts[FIELD[row.status]!]! += row.n;
      counts.total! += row.n;
    }
  }
  return result;
}

/** The rows where commitment_status_count and a GROUP BY over commitment disagree (zero rows of the table count as absent). */
async function tableMismatches() {
  const { rows } = await client.query(`
    SELECT partnership_id, pillar_id, status, c.n AS counted, s.n AS stored
    FROM (SELECT partnership_id, pillar_id, status, count(*)::int AS n FROM commitment WHERE archived_at IS NULL GROUP BY 1, 2, 3) c
    FULL JOIN (SELECT partnership_id, pillar_id, status, count AS n FROM commitment_status_count WHERE count <> 0) s
      USING (partnership_id, pillar_id, status)
    WHERE c.n IS DISTINCT FROM s.n`);
  return rows;
}

/** The dashboard through the fast path, checked against the general path and the commitments themselves. */
async function expectExactCounts() {
  expect(await tableMismatches()).toEqual([]);
  suite.counter.reset();
  const fast = await dashboard();
  expect(suite.counter.statements().some((sql) => sql.includes('commitment_status_count'))).toBe(true);
  suite.counter.reset();
  // `and: []` selects everything (the default, non-archived commitments) but is a filter: the general path.
  const general = await dashboard({ and: [] });
  expect(suite.counter.statements().some((sql) => sql.includes('commitment_status_count'))).toBe(false);
  expect(fast).toEqual(general);
  expect(fast).toEqual(await countedFromCommitments());
  return fast;
}

async function mutate(mutation: string, input: Record<string, unknown>, selection = 'commitment { id status }') {
  const { body } = await suite.server.graphql(
    `mutation ($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { ${selection} userErrors { field message code } } }`,
    { input },
    { authorization: suite.keys.editor.authorization },
  );
  expect(body.errors).toBeUndefined();
  expect(body.data![mutation].userErrors).toEqual([]);
  return body.data![mutation];
}

async function updateStatus(commitmentId: number, status: string, effectiveOn = daysFromToday(0)) {
  const { body } = await suite.server.graphql(
    UPDATE_STATUS,
    {
      input: {
        commitmentId: toGlobalId('Commitment', commitmentId),
        status,
        effectiveOn,
        rationale: `Now ${status}.`,
        evidence: { url: 'https://example.org/evidence', title: 'Evidence', publishedOn: effectiveOn },
      },
    },
    { authorization: suite.keys.editor.authorization },
  );
  expect(body.errors).toBeUndefined();
  expect(body.data!.updateCommitmentStatus.userErrors).toEqual([]);
}

describe('commitment_status_count', () => {
  it('equals a GROUP BY over the seeded commitments, and the dashboard reads it', async () => {
    const { rows: [{ total }] } = await client.query<{ total: number }>('SELECT sum(count)::int AS total FROM commitment_status_count');
    const dataset = await loadSeedDataset(SEEDS_DIR);
    const seeded = dataset.partnerships.reduce((sum, partnership) => sum + partnership.commitments.length, 0);
    expect(total).toBe(seeded);
    const fast = await expectExactCounts();
    expect(Object.values(fast.partnerships).reduce((sum, counts) => sum + counts.total!, 0)).toBe(seeded);
  });

  it('takes the fast path only for filters that select every non-archived commitment', async () => {
    suite.counter.reset();
    expect(await dashboard({ includeArchived: false, status: null })).toEqual(await dashboard());
    expect(suite.counter.statements().some((sql) => sql.includes('commitment_status_count'))).toBe(true);
    suite.counter.reset();
    await dashboard({ includeArchived: true });
    await dashboard({ status: ['COMPLETED'] });
    expect(suite.counter.statements().some((sql) => sql.includes('commitment_status_count'))).toBe(false);
  });

  it('stays exact through a status change, archiving and a pillar move made through the API', async () => {
    // Three commitments of a partnership with at least two pillars, each under a different status.
    const { rows } = await client.query<{ id: number; pillar_id: number; status: string; other_pillar: number }>(`
      SELECT DISTINCT ON (c.status) c.id, c.pillar_id, c.status,
             (SELECT min(p.id) FROM pillar p WHERE p.partnership_id = c.partnership_id AND p.id <> c.pillar_id) AS other_pillar
      FROM commitment c
      WHERE c.archived_at IS NULL AND EXISTS (SELECT FROM pillar p WHERE p.partnership_id = c.partnership_id AND p.id <> c.pillar_id)
      ORDER BY c.status, c.id
      LIMIT 3`);
    expect(rows).toHaveLength(3);
    const [changed, archived, moved] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
    const before = await expectExactCounts();

    const target = changed.status === 'IN_PROGRESS' ? 'PARTIALLY_COMPLETED' : 'IN_PROGRESS';
    await updateStatus(changed.id, target);
    const afterStatus = await expectExactCounts();
    expect(afterStatus.pillars[changed.pillar_id]![FIELD[changed.status]!]).toBe(before.pillars[changed.pillar_id]![FIELD[changed.status]!]! - 1);
    expect(afterStatus.pillars[changed.pillar_id]![FIELD[target]!]).toBe(before.pillars[changed.pillar_id]![FIELD[target]!]! + 1);

    await mutate('archiveCommitment', { commitmentId: toGlobalId('Commitment', archived.id) });
    const afterArchive = await expectExactCounts();
    expect(afterArchive.pillars[archived.pillar_id]!.total).toBe(afterStatus.pillars[archived.pillar_id]!.total! - 1);
    // Archived commitments still count when asked for (the general path).
    const withArchived = await dashboard({ includeArchived: true });
    expect(withArchived.pillars[archived.pillar_id]!.total).toBe(afterArchive.pillars[archived.pillar_id]!.total! + 1);

    await mutate('updateCommitment', { commitmentId: toGlobalId('Commitment', moved.id), pillarId: toGlobalId('Pillar', moved.other_pillar) });
    const afterMove = await expectExactCounts();
    expect(afterMove.pillars[moved.pillar_id]!.total).toBe(afterArchive.pillars[moved.pillar_id]!.total! - 1);
    expect(afterMove.pillars[moved.other_pillar]!.total).toBe(afterArchive.pillars[moved.other_pillar]!.total! + 1);

    // commitmentStats, another reader of the filter compiler, agrees on the moved commitment's new pillar.
    const { body } = await suite.server.graphql(`query ($filter: CommitmentFilter) { commitmentStats(filter: $filter) { overall { ${COUNTS} } } }`, {
      filter: { pillarId: toGlobalId('Pillar', moved.other_pillar) },
    });
    expect(body.data!.commitmentStats.overall).toEqual(afterMove.pillars[moved.other_pillar]);
  });

  describe('under concurrent status changes in one pillar', () => {
    let pillarId: number;
    let ids: number[];

    beforeAll(async () => {
      const { rows: [pillar] } = await client.query<{ id: number }>('SELECT id FROM pillar ORDER BY id LIMIT 1');
      pillarId = pillar!.id;
      ids = [];
      for (let i = 0; i < 10; i++) {
        const payload = await mutate(
          'createCommitment',
          { pillarId: toGlobalId('Pillar', pillarId), slug: `status-count-race-${i}`, title: `Race ${i}`, announcedOn: '2024-01-15' },
          'commitment { databaseId }',
        );
        ids.push(payload.commitment.databaseId);
      }
    });

    it('through the API: ten parallel updateCommitmentStatus, half each way between two statuses', async () => {
      // Round 1 from ANNOUNCED to one of two statuses, round 2 each to the other, so that writers in flight
      // at once move commitments in opposite directions between the same two counter rows.
      await Promise.all(ids.map((id, i) => updateStatus(id, i % 2 ? 'IN_PROGRESS' : 'SUPERSEDED', '2024-02-01')));
      await expectExactCounts();
      await Promise.all(ids.map((id, i) => updateStatus(id, i % 2 ? 'SUPERSEDED' : 'IN_PROGRESS', '2024-03-01')));
      const counts = await expectExactCounts();
      expect(counts.pillars[pillarId]).toMatchObject({ inProgress: expect.any(Number), superseded: expect.any(Number) });
      const { rows } = await client.query<{ status: string; n: number }>(
        'SELECT status, count(*)::int AS n FROM commitment WHERE id = ANY($1) GROUP BY 1 ORDER BY 1',
        [ids],
      );
      expect(rows).toEqual([{ status: 'IN_PROGRESS', n: 5 }, { status: 'SUPERSEDED', n: 5 }]);
    });

    it('through SQL: ten connections holding their transactions open, in opposite directions, none deadlocks', async () => {
      const connections = await Promise.all(ids.map(() => suite.connect()));
      try {
        for (let round = 0; round < 5; round++) {
          // Each transaction flips its commitment between IN_PROGRESS and SUPERSEDED (or archives or unarchives
          // it), then holds its counter-row locks a moment, so that the others queue behind it.
          const results = await Promise.allSettled(
            connections.map(async (connection, i) => {
              await connection.query('BEGIN');
              try {
                if (i === round) {
                  await connection.query('UPDATE commitment SET archived_at = CASE WHEN archived_at IS NULL THEN now() END WHERE id = $1', [ids[i]]);
                } else {
                  await connection.query(
                    `UPDATE commitment SET status = CASE status WHEN 'IN_PROGRESS' THEN 'SUPERSEDED' ELSE 'IN_PROGRESS' END::commitment_status WHERE id = $1`,
                    [ids[i]],
                  );
                }
                await connection.query('SELECT pg_sleep(0.02)');
                await connection.query('COMMIT');
              } catch (error) {
                await connection.query('ROLLBACK');
                throw error;
              }
            }),
          );
          expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
          expect(await tableMismatches()).toEqual([]);
        }
        await expectExactCounts();
      } finally {
        await Promise.all(connections.map((connection) => connection.end()));
      }
    });
  });
});
