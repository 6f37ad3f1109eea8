// The seed dataset for the tests: the real seeds folder, editable copies of it, and snapshots of a seeded
// database (a database to seed, and the seed run itself, come from fixture.ts).
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Pool } from 'pg';

export const PROJECT_ROOT = path.resolve(__dirname, '../..');
export const SEEDS_DIR = path.join(PROJECT_ROOT, 'seeds');

export interface SeedsCopy {
  dir: string;
  /** Replaces `from`, which must occur exactly once, so that an edit cannot silently miss or spread. */
  edit(file: string, from: string, to: string): Promise<void>;
  remove(): Promise<void>;
}

export async function copySeeds(): Promise<SeedsCopy> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'seeds-')), 'seeds');
  await cp(SEEDS_DIR, dir, { recursive: true });
  return {
    dir,
    async edit(file, from, to) {
      const target = path.join(dir, file);
      const text = await readFile(target, 'utf8');
      const occurrences = text.split(from).length - 1;
      if (occurrences !== 1) throw new Error(`${file}: expected one occurrence of ${JSON.stringify(from)}, found ${occurrences}`);
      await writeFile(target, text.replace(from, () => to));
    },
    remove: () => rm(path.dirname(dir), { recursive: true, force: true }),
  };
}

/**
 * A fresh copy of the seeds folder for each test (made in beforeEach, removed in afterEach) of the describe
 * block (or file) that calls it. Its properties exist only inside a test.
 */
export function useSeedsCopy(): SeedsCopy {
  let copy: SeedsCopy | undefined;
  const current = () => {
    if (!copy) throw new Error('the seeds copy is made by beforeEach: use it inside a test');
    return copy;
  };
  beforeEach(async () => {
    copy = await copySeeds();
  });
  afterEach(async () => {
    await copy?.remove();
    copy = undefined;
  });
  return {
    get dir() {
      return current().dir;
    },
    edit: (file, from, to) => current().edit(file, from, to),
    remove: () => current().remove(),
  };
}

/** Every row of every table, hashed per table: equal snapshots mean nothing was written. */
export async function snapshot(pool: Pool): Promise<Record<string, string>> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
      ORDER BY table_name`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const { rows } = await pool.query<{ hash: string; count: string }>(
      `SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS hash, count(*) AS count FROM "${name}" t`,
    );
    result[name] = `${rows[0]!.count} rows ${rows[0]!.hash}`;
  }
  return result;
}
