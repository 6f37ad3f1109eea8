// npm run bench:data -- --size S|L [--database-url URL] [--name DB] [--no-verify]
//
// A deterministic synthetic dataset for benchmarks, in the project's own schema:
//
//   size  partnerships  pillars  commitments  status_change  actors  source documents
//   S     10            60       10,000       50,000         200     40
//   L     100           600      1,000,000    5,000,000      2,000   400
//
// It (re)creates a dedicated database (commitment_tracker_bench_s / _l) on the server of --database-url,
// DATABASE_URL or postgresql://postgres@127.0.0.1:5432/postgres, applies the migrations with the project's
// own migrator, then loads everything with INSERT ... SELECT over generate_series: no row passes through
// Node. For speed the secondary indexes, the foreign keys and the primary keys no foreign key points at
// are dropped first and rebuilt after the load (which re-validates every foreign key and unique index);
// the CHECK constraints stay in force throughout; everything is VACUUM ANALYZEd at the end (index-only
// scans need the visibility map). Two connections share the work. Afterwards the script checks that the
// indexes, constraints and triggers are exactly those the migrations made, then (unless --no-verify) that
// the data keeps the application's rules.
//
// Triggers: the append-only guards (BEFORE UPDATE/DELETE/TRUNCATE on the history tables) are disabled for
// the load and enabled again after it. Triggers that fire on INSERT stay enabled, because they maintain
// derived data the API reads (e.g. status_delta_monthly, which the status_change insert trigger keeps as
// one grouped upsert per statement): the load goes through the project's own code for it, so the derived
// data is right whatever the migrations define. Commitments are therefore loaded before their history.
//
// Determinism: every "random" choice is hashint8extended(row key, salt), PostgreSQL's stable 64-bit hash,
// so two loads of the same size are identical, row ids included. The data is "as of" AS_OF: nothing
// happens after it.
//
// What the data looks like (the read benchmarks depend on it):
// - Each partnership has 2 parties (country pairs), 6 pillars and 4 source documents (joint statements,
//   a fact sheet, a news report) published between 2019 and 2024, each a text of 200 sentences.
// - Each commitment belongs to a pillar (uniformly), is announced on the date of one of its partnership's
//   documents (its ORIGIN provenance, quoting one sentence of it at exact code-point offsets); ~15% are
//   mentioned again in a later document (LATER_MENTION), ~15% of the early ones in the news report
//   (EVIDENCE): 1.11 mentions per commitment. (The curated seeds have 1.05, quotes of ~110 characters.)
// - Its status history follows one of 28 plausible paths (ANNOUNCED → IN_PROGRESS → STALLED → …), 1 to
//   11 entries, exactly 5 per commitment on average. The first entry (from NULL to ANNOUNCED) is on
//   announced_on; later ones follow on strictly increasing dates up to AS_OF; every from_status is the
//   previous to_status; the last to_status and effective_on are the commitment's status and status_since;
//   version = number of entries; last_assessed_at = the last entry's recorded_at (NULL when never moved).
//   Moves to STALLED or ABANDONED and away from COMPLETED carry evidence, as the write rules require.
//   Final statuses: ANNOUNCED 12%, IN_PROGRESS 27%, PARTIALLY_COMPLETED 17%, COMPLETED 22%, STALLED 11%,
//   ABANDONED 6%, SUPERSEDED 5%.
// - ~60% have a deadline (YEAR 45%, MONTH 35%, DAY 20% precision), ~35% a description (the seeds: 33%),
//   0–3 tags from 16, 1–3 actors (a LEAD, then SUPPORTING and PARTICIPANT), ~10% a sum of money.
//   None is archived.
import { cpus, loadavg } from 'node:os';
import { Client } from 'pg';
import { applyMigrations } from '../../src/db/migrations/migrator';
import { parseArgs, withDatabase } from './cli';
import { SIZES } from './dataset';
import { LOADED_TABLES, loadDataset } from './load';
import { backendCpuSeconds, connect, phase, started } from './phases';
import { requireSchemaAsMigrated, schemaSnapshot, verify } from './verify';

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const { size } = options;
  const { commitments } = SIZES[size];
  const url = withDatabase(options.serverUrl, options.name);
  console.log(`Size ${size}: ${commitments.toLocaleString('en')} commitments into ${url.replace(/:[^:@/]*@/, ':***@')}`);

  await phase(`(re)create database ${options.name}`, async () => {
    const admin = new Client({ connectionString: options.serverUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${options.name}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${options.name}"`);
    } finally {
      await admin.end();
    }
  });
  await phase('apply migrations', () => applyMigrations(url));

  const clients = [await connect(url), await connect(url)];
  const db = clients[0]!;
  try {
    const schemaAsMigrated = await schemaSnapshot(db);
    await loadDataset(clients, size);
    const loadSeconds = (performance.now() - started) / 1000;
    // The CPU the two loading backends used: the load's cost whatever else the machine was doing.
    const cpuSeconds = await Promise.all(clients.map(async (client) => {
      const { rows: [{ pid }] } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      return backendCpuSeconds(pid);
    }));
    await requireSchemaAsMigrated(db, schemaAsMigrated);

    const { rows: counts } = await db.query<{ table: string; rows: string }>(
      LOADED_TABLES.map((table) => `SELECT '${table}' AS table, count(*)::text AS rows FROM "${table}"`).join(' UNION ALL '),
    );
    const { rows: [{ bytes }] } = await db.query<{ bytes: string }>('SELECT pg_size_pretty(pg_database_size(current_database())) AS bytes');
    console.log(`\nLoaded size ${size} in ${loadSeconds.toFixed(1)} s (${bytes}); the loading backends used ${cpuSeconds.map((c) => `${c.toFixed(1)} s`).join(' + ')} of CPU` +
      ` (load average now ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores):`);
    for (const row of counts) console.log(`  ${row.table.padEnd(22)} ${Number(row.rows).toLocaleString('en').padStart(10)}`);

    if (options.verify) await phase('verify invariants', () => verify(db));
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack ?? error.message : error);
    process.exit(1);
  });
}
