import type { Client } from 'pg';
import { amountsSql, commitmentActorsSql, commitmentsSql, historySql, provenanceSql } from './commitments-sql';
import { SIZES, type Size } from './dataset';
import { helpersSql } from './helpers-sql';
import { phase, ranges, runQueue } from './phases';
import { referenceDataSql } from './reference-data-sql';

export const LOADED_TABLES = ['country', 'partnership', 'partnership_party', 'partnership_milestone', 'pillar', 'actor', 'source_document',
  'commitment', 'commitment_actor', 'commitment_amount', 'provenance', 'status_change'];
// pg_trigger.tgtype bits.
const TRIGGER_ON_INSERT = 1 << 2;

/**
 * Loads the dataset of `size` into the freshly migrated database the clients are connected to, on all of
 * them at once, and leaves its schema as the migrations made it.
 */
export async function loadDataset(clients: Client[], size: Size): Promise<void> {
  const db = clients[0]!;
  const { commitments } = SIZES[size];
  // What to rebuild after the load: every foreign key, and every index of the loaded tables but the
  // primary keys that foreign keys point at (the others are rebuilt as unique indexes, then attached).
  const { rows: foreignKeys } = await db.query<{ name: string; table: string; def: string }>(`
    SELECT c.conname AS name, t.relname AS table, pg_get_constraintdef(c.oid) AS def
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
    WHERE c.contype = 'f' AND t.relnamespace = 'public'::regnamespace`);
  const { rows: indexes } = await db.query<{ name: string; table: string; def: string; primary: boolean }>(`
    SELECT i.relname AS name, t.relname AS table, pg_get_indexdef(i.oid) AS def, x.indisprimary AS primary
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY($1)
      AND NOT (x.indisprimary AND EXISTS (SELECT FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = t.oid))`, [LOADED_TABLES]);
  const primaryKeys = indexes.filter((index) => index.primary);
  // The user triggers that do not fire on INSERT (the append-only guards): off during the load.
  const { rows: guards } = await db.query<{ name: string; table: string }>(`
    SELECT g.tgname AS name, t.relname AS table FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid
    WHERE t.relnamespace = 'public'::regnamespace AND NOT g.tgisinternal AND g.tgtype & ${TRIGGER_ON_INSERT} = 0`);

  await phase(`drop ${foreignKeys.length} foreign keys, ${indexes.length} indexes; disable ${guards.length} triggers`, async () => {
    for (const fk of foreignKeys) await db.query(`ALTER TABLE "${fk.table}" DROP CONSTRAINT "${fk.name}"`);
    for (const index of indexes) {
      await db.query(index.primary ? `ALTER TABLE "${index.table}" DROP CONSTRAINT "${index.name}"` : `DROP INDEX "${index.name}"`);
    }
    for (const guard of guards) await db.query(`ALTER TABLE "${guard.table}" DISABLE TRIGGER "${guard.name}"`);
  });
  await phase('helpers (schema bench_gen)', async () => {
    for (const sql of helpersSql()) await db.query(sql);
  });
  await phase('countries, partnerships, pillars, documents, actors', async () => {
    for (const sql of referenceDataSql(size)) await db.query(sql);
    // Estimates for the joins below: the small tables are the hashed side, generate_series the probe,
    // so that rows are written in id order (as an application would have inserted them).
    await db.query('ANALYZE country, partnership, pillar, actor, bench_gen.doc, bench_gen.sentence, bench_gen.slot, bench_gen.template, bench_gen.path, bench_gen.block_prefix');
  });

  // Each table in two halves of the ids, so that both connections stay busy.
  const halves = ranges(commitments, 2);
  const byHalves = (table: string, sql: (lo: number, hi: number) => string) =>
    halves.map(([lo, hi]) => ({ label: `${table} ${lo}..${hi}`, sql: sql(lo, hi) }));
  await phase('load commitments', () => runQueue(clients, byHalves('commitment', (lo, hi) => commitmentsSql(size, lo, hi))));
  await phase('load history, provenance, actors, amounts', () =>
    runQueue(clients, [
      ...byHalves('status_change', (lo, hi) => historySql(size, lo, hi)),
      ...byHalves('provenance', (lo, hi) => provenanceSql(size, lo, hi)),
      ...byHalves('commitment_actor', (lo, hi) => commitmentActorsSql(size, lo, hi)),
      ...byHalves('commitment_amount', (lo, hi) => amountsSql(lo, hi)),
    ]),
  );

  await phase('rebuild indexes', () => {
    // Largest tables first, so that the two connections finish together.
    const weight: Record<string, number> = { status_change: 5, provenance: 3, commitment: 2, commitment_actor: 2 };
    const cost = (index: { table: string; def: string }) => (weight[index.table] ?? 0) * 10 + (/USING gin/i.test(index.def) ? 15 : 0);
    const ordered = [...indexes].sort((a, b) => cost(b) - cost(a));
    return runQueue(clients, ordered.map((index) => ({ label: index.name, sql: index.def })));
  });
  await phase('re-add primary keys, foreign keys (validated)', async () => {
    for (const pk of primaryKeys) await db.query(`ALTER TABLE "${pk.table}" ADD CONSTRAINT "${pk.name}" PRIMARY KEY USING INDEX "${pk.name}"`);
    await runQueue(clients, foreignKeys.map((fk) => ({ label: fk.name, sql: `ALTER TABLE "${fk.table}" ADD CONSTRAINT "${fk.name}" ${fk.def}` })));
  });
  await phase('enable triggers, set sequences, drop helpers', async () => {
    for (const guard of guards) await db.query(`ALTER TABLE "${guard.table}" ENABLE TRIGGER "${guard.name}"`);
    const { rows: sequences } = await db.query<{ table: string; seq: string }>(`
      SELECT t.relname AS table, pg_get_serial_sequence(quote_ident(t.relname), a.attname) AS seq
      FROM pg_class t JOIN pg_attribute a ON a.attrelid = t.oid
      WHERE t.relnamespace = 'public'::regnamespace AND t.relkind = 'r' AND pg_get_serial_sequence(quote_ident(t.relname), a.attname) IS NOT NULL`);
    for (const { table, seq } of sequences) {
      await db.query(`SELECT setval($1, coalesce((SELECT max(id) FROM "${table}"), 0) + 1, false)`, [seq]);
    }
    await db.query('DROP SCHEMA bench_gen CASCADE');
  });
  await phase('VACUUM ANALYZE', async () => {
    // Every table, derived ones included, largest first.
    const { rows: tables } = await db.query<{ table: string }>(`
      SELECT relname AS table FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY pg_table_size(oid) DESC`);
    await runQueue(clients, tables.map(({ table }) => ({ label: table, sql: `VACUUM (ANALYZE) "${table}"` })));
  });
}
