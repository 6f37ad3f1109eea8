// History tables are append-only: the triggers of the first migration refuse UPDATE, DELETE and TRUNCATE,
// whoever sends them (the API, a seed script, an analyst's psql session).
import type { Client } from 'pg';
import { applyMigrations } from '../../src/db/migrations/migrator';
import { useTestDatabase } from '../support/fixture';

let client: Client;

// The migrations applied here, to a database with nothing in it, by the migrator the deployments run.
useTestDatabase({
  database: 'empty',
  prepare: async (suite) => {
    await applyMigrations(suite.db.url);
    client = await suite.connect();
    // The minimal parents of one status change.
    await client.query(`
    INSERT INTO partnership (id, slug, name, level, updated_at)
      VALUES (1, 'p', 'P', 'STRATEGIC_PARTNERSHIP', now());
    INSERT INTO pillar (id, slug, partnership_id, position, name, updated_at)
      VALUES (1, 'p-1', 1, 1, 'Pillar', now());
    INSERT INTO commitment (id, slug, partnership_id, pillar_id, title, status_since, announced_on, updated_at)
      VALUES (1, 'c', 1, 1, 'Commitment', '2024-01-01', '2024-01-01', now());
    INSERT INTO status_change (commitment_id, to_status, effective_on, rationale, author_kind, author_id)
      VALUES (1, 'ANNOUNCED', '2024-01-01', 'Announced', 'SYSTEM', 'seed');`);
  },
});

const appendOnly = (table: string, operation: string) =>
  expect.objectContaining({ code: '55000', message: `${table} is append-only: ${operation} is not allowed` });

describe('status_change', () => {
  it('takes new rows', async () => {
    const { rowCount } = await client.query(
      `INSERT INTO status_change (commitment_id, from_status, to_status, effective_on, rationale, author_kind, author_id)
       VALUES (1, 'ANNOUNCED', 'IN_PROGRESS', '2024-02-01', 'Talks started', 'SYSTEM', 'seed')`,
    );
    expect(rowCount).toBe(1);
  });

  it('refuses UPDATE', async () => {
    await expect(client.query(`UPDATE status_change SET rationale = 'rewritten'`)).rejects.toEqual(
      appendOnly('status_change', 'UPDATE'),
    );
  });

  it('refuses DELETE', async () => {
    await expect(client.query('DELETE FROM status_change')).rejects.toEqual(appendOnly('status_change', 'DELETE'));
  });

  it('refuses TRUNCATE', async () => {
    await expect(client.query('TRUNCATE status_change CASCADE')).rejects.toEqual(
      appendOnly('status_change', 'TRUNCATE'),
    );
  });

  it('takes a correction naming an earlier entry, and refuses one naming itself', async () => {
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO status_change (commitment_id, from_status, to_status, effective_on, rationale, author_kind, author_id, correction, corrects_id)
       VALUES (1, 'ANNOUNCED', 'STALLED', '2024-02-01', 'Found late: it stalled', 'SYSTEM', 'seed', true, 2) RETURNING id`,
    );
    expect(rows).toHaveLength(1);
    await expect(
      client.query(
        `INSERT INTO status_change (id, commitment_id, from_status, to_status, effective_on, rationale, author_kind, author_id, correction, corrects_id)
         VALUES (99, 1, 'ANNOUNCED', 'STALLED', '2024-02-01', 'x', 'SYSTEM', 'seed', false, 2)`,
      ),
    ).rejects.toEqual(expect.objectContaining({ code: '23514' }));
  });

  it('sets the commitment\'s lastAssessedAt from entries after the first, whoever writes them', async () => {
    const { rows } = await client.query<{ assessed: boolean }>('SELECT last_assessed_at IS NOT NULL AS assessed FROM commitment WHERE id = 1');
    expect(rows).toEqual([{ assessed: true }]);
  });

  it('still holds every row', async () => {
    const { rows } = await client.query<{ rationale: string }>('SELECT rationale FROM status_change ORDER BY id');
    expect(rows.map((row) => row.rationale)).toEqual(['Announced', 'Talks started', 'Found late: it stalled']);
  });
});

describe.each(['progress_note', 'evidence', 'party_assessment', 'target_reading'])('%s', (table) => {
  it('refuses TRUNCATE', async () => {
    await expect(client.query(`TRUNCATE ${table}`)).rejects.toEqual(appendOnly(table, 'TRUNCATE'));
  });

  it('has the row triggers too', async () => {
    const { rows } = await client.query<{ tgname: string }>(
      `SELECT tgname FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal ORDER BY tgname`,
      [table],
    );
    expect(rows.map((row) => row.tgname)).toEqual(expect.arrayContaining([`${table}_append_only`, `${table}_no_truncate`]));
  });
});
