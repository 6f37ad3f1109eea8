// npm run db:seed: validates the dataset in seeds/, applies pending migrations, writes the dataset and prints
// what changed. The dataset is validated before the database is touched, so a bad one writes nothing.
import { loadConfig } from '../src/config/config';
import { locateDatabase } from '../src/db/connection';
import { applyMigrations } from '../src/db/migrations/migrator';
import { createDatabase } from '../src/db/prisma';
import { createLogger } from '../src/logger';
import { loadSeedDataset } from '../src/seed/seed.loader';
import { formatSeedReport } from '../src/seed/seed.report';
import { SEEDS_DIR } from '../src/seed/seed-on-start';
import { SeedService } from '../src/seed/seed.service';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const dataset = await loadSeedDataset(SEEDS_DIR);
  const location = await locateDatabase(config, logger);
  try {
    const applied = await applyMigrations(location.url);
    if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
    const database = createDatabase({ ...config.database, url: location.url, applicationName: 'commitment-tracker-seed', logger });
    try {
      const started = performance.now();
      const report = await new SeedService(database.prisma).apply(dataset);
      console.log(formatSeedReport(report));
      console.log(`\nSeeded in ${Math.round(performance.now() - started)} ms.`);
    } finally {
      await database.close();
    }
  } finally {
    await location.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
