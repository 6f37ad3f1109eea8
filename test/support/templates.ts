// Template databases, named by a hash of what they are built from, so that a changed migration or seed
// file gives a new template and an unchanged one is reused across runs on the same server.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { applyMigrations } from '../../src/db/migrations/migrator';
import { createDatabase } from '../../src/db/prisma';
import { SEEDS_DIR } from '../../src/seed/seed-on-start';
import { loadSeedDataset } from '../../src/seed/seed.loader';
import { SeedService } from '../../src/seed/seed.service';
import { createDatabase as createTestDb, dropDatabase, withAdminClient } from './postgres';

const root = path.resolve(__dirname, '../..');

function hashTree(...dirs: string[]): string {
  const hash = createHash('sha256');
  const visit = (target: string) => {
    if (statSync(target).isDirectory()) {
      for (const entry of readdirSync(target).sort()) visit(path.join(target, entry));
    } else {
      hash.update(path.relative(root, target)).update(readFileSync(target));
    }
  };
  dirs.forEach((dir) => visit(path.join(root, dir)));
  return hash.digest('hex').slice(0, 12);
}

export const templateNames = () => ({
  migrated: `ct_tpl_migrated_${hashTree('prisma/migrations')}`,
  seeded: `ct_tpl_seeded_${hashTree('prisma/migrations', 'seeds', 'src/seed')}`,
});

async function exists(name: string): Promise<boolean> {
  return withAdminClient(async (client) => {
    const { rowCount } = await client.query(
      'SELECT 1 FROM pg_database WHERE datname = $1 AND datistemplate',
      [name],
    );
    return Boolean(rowCount);
  });
}

/** Builds a template once: in a scratch database, marked as a template only when complete. */
async function buildTemplate(name: string, build: (url: string) => Promise<void>, from?: string): Promise<void> {
  if (await exists(name)) return;
  await dropDatabase(name);
  const scratch = await createTestDb('ct_build', { template: from });
  try {
    await build(scratch.url);
    await withAdminClient(async (client) => {
      await client.query(`ALTER DATABASE "${scratch.name}" RENAME TO "${name}"`);
      await client.query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE true`);
    });
  } catch (error) {
    await scratch.drop();
    throw error;
  }
}

// Several jest runs on one server (a developer's and CI's) would otherwise build the same template at once.
const TEMPLATE_LOCK_KEY = 4_242_002;

export async function prepareTemplates(): Promise<void> {
  await withAdminClient(async (lockHolder) => {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY]);
    try {
      await buildTemplates();
    } finally {
      await lockHolder.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK_KEY]);
    }
  });
}

async function buildTemplates(): Promise<void> {
  const names = templateNames();
  await buildTemplate(names.migrated, async (url) => {
    await applyMigrations(url);
  });
  await buildTemplate(
    names.seeded,
    async (url) => {
      const database = createDatabase({ url, poolMax: 2, statementTimeoutMs: 60_000, idleInTransactionTimeoutMs: 60_000, connectionTimeoutMs: 10_000 });
      try {
        await new SeedService(database.prisma).apply(await loadSeedDataset(SEEDS_DIR));
      } finally {
        await database.close();
      }
    },
    names.migrated,
  );
}
