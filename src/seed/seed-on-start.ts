import path from 'node:path';
import type { PrismaClient } from '../db/prisma';
import type { Logger } from '../logger';
import { loadSeedDataset } from './seed.loader';
import { SeedService } from './seed.service';

/** The curated dataset, from src/seed and from dist/seed alike. */
export const SEEDS_DIR = path.resolve(__dirname, '..', '..', 'seeds');

/**
 * A newcomer's first start shows real data; a database that already holds partnerships is left alone, so
 * restarts never re-apply the dataset over editors' work (that is `npm run db:seed`'s job, on purpose).
 */
export async function seedIfEmpty(prisma: PrismaClient, logger: Logger): Promise<void> {
  const seeds = new SeedService(prisma);
  if (!(await seeds.isEmpty())) return;
  const started = performance.now();
  const report = await seeds.apply(await loadSeedDataset(SEEDS_DIR));
  logger.info({ commitments: report.commitment.created, ms: Math.round(performance.now() - started) }, 'seeded an empty database');
}
