// npm run ingest:bench: how long ingesting a ~20-page document takes (target: under 2 s), on a throwaway
// database of the DATABASE_URL server (or the embedded one) loaded with the seeds, so that the extractor
// has a real partnership's pillars and commitments to match against. Prints the figures; asserts nothing.
//
//   npm run ingest:bench [-- --characters 60000 --runs 5]
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import 'reflect-metadata';
import { IngestionService } from '../src/candidate/ingestion.service';
import { loadConfig } from '../src/config/config';
import { locateDatabase } from '../src/db/connection';
import { applyMigrations } from '../src/db/migrations/migrator';
import { createDatabase } from '../src/db/prisma';
import { WriteUnit } from '../src/idempotency/write-unit';
import { createLogger } from '../src/logger';
import { PartnershipService } from '../src/partnership/partnership.service';
import { loadSeedDataset } from '../src/seed/seed.loader';
import { SEEDS_DIR } from '../src/seed/seed-on-start';
import { SeedService } from '../src/seed/seed.service';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { characters: { type: 'string', default: '60000' }, runs: { type: 'string', default: '5' } } });
  const characters = Number(values.characters);
  const runs = Number(values.runs);
  const config = loadConfig();
  const logger = createLogger('warn');
  const dataset = await loadSeedDataset(SEEDS_DIR);
  // About 20 pages of the kind of text ingested: the seed documents (joint statements, fact sheets, news) in turn.
  let body = '';
  for (let index = 0; body.length < characters; index++) body += `${dataset.documents[index % dataset.documents.length]!.text}\n\n`;
  body = body.slice(0, body.lastIndexOf('\n', characters) + 1);
  const location = await locateDatabase(config, logger);
  const name = `ingest_bench_${process.pid}`;
  const admin = new Client({ connectionString: location.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = Object.assign(new URL(location.url), { pathname: `/${name}` }).toString();
  try {
    await applyMigrations(url);
    const database = createDatabase({ ...config.database, url, applicationName: 'commitment-tracker-ingest-bench', logger });
    try {
      await new SeedService(database.prisma).apply(dataset);
      const partnership = (await new PartnershipService(database.prisma).list())[0]!;
      const ingestion = new IngestionService(new WriteUnit(database.prisma));
      console.log(`document: ${body.length} characters (${Buffer.byteLength(body)} bytes, ~${Math.round(body.length / 3000)} pages); partnership ${partnership.slug}`);
      const times: number[] = [];
      for (let run = 1; run <= runs; run++) {
        // A different first line each run: the same text is refused the second time.
        const text = `Bench run ${run} of ${new Date().toISOString()}\n\n${body}`;
        const started = performance.now();
        const { candidates } = await ingestion.ingest({ title: `Bench ${run}`, publishedOn: '2025-01-01', text, partnership: { id: partnership.id, globalId: partnership.slug } });
        const ms = performance.now() - started;
        times.push(ms);
        console.log(`run ${run}: ${ms.toFixed(0)} ms, ${candidates.length} candidates (stored, extracted, committed)`);
      }
      const sorted = [...times].sort((a, b) => a - b);
      console.log(`ingest of ${body.length} characters: median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, best ${sorted[0]!.toFixed(0)} ms, worst ${sorted.at(-1)!.toFixed(0)} ms (target < 2000 ms)`);
    } finally {
      await database.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    await location.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
