// The committed migrations are the schema: applied to an empty database they build exactly what
// prisma/schema.prisma describes, so `createMigration` has nothing to add and nobody edits one without the other.
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { applyMigrations, createMigration, DEFAULT_MIGRATIONS_DIR, DEFAULT_SCHEMA_PATH, diffMigrationsToSchema, migrationStatus } from '../../src/db/migrations/migrator';
import { useTestDatabase } from '../support/fixture';

async function query<T extends object>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const tables = async (url: string) =>
  (
    await query<{ name: string }>(url, `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)
  ).map((row) => row.name);

const committedMigrations = async () =>
  (await readdir(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

describe('the committed migrations', () => {
  const main = useTestDatabase({ database: 'empty', prepare: (suite) => query(suite.db.url, 'CREATE TABLE marker (id int)') });

  it('build exactly prisma/schema.prisma: the diff from them to the schema is empty', async () => {
    expect(await diffMigrationsToSchema({ databaseUrl: main.db.url })).toBe('');
  });

  it('are diffed without touching the main database', async () => {
    await diffMigrationsToSchema({ databaseUrl: main.db.url });
    expect(await tables(main.db.url)).toEqual(['marker']);
  });

  it('are diffed in a shadow database of the caller, emptied first', async () => {
    const shadow = await main.createDatabase('empty');
    await query(shadow.url, 'CREATE TABLE leftover (id int)');
    expect(await diffMigrationsToSchema({ databaseUrl: main.db.url, shadowDatabaseUrl: shadow.url })).toBe('');
    expect(await tables(main.db.url)).toEqual(['marker']);
    expect(await tables(shadow.url)).toContain('status_change');
    expect(await tables(shadow.url)).not.toContain('leftover');
  });

  it('refuse a shadow database that is the main database', async () => {
    await expect(diffMigrationsToSchema({ databaseUrl: main.db.url, shadowDatabaseUrl: main.db.url })).rejects.toThrow(
      /must not be the main database/,
    );
    expect(await tables(main.db.url)).toEqual(['marker']);
  });

  it('apply to an empty database once, recorded as `prisma migrate deploy` records them', async () => {
    const db = await main.createDatabase('empty');
    const names = await committedMigrations();
    expect(await applyMigrations(db.url)).toEqual(names);
    expect(await applyMigrations(db.url)).toEqual([]);
    expect(await migrationStatus(db.url)).toEqual({ applied: names, pending: [], failed: [] });

    const rows = await query<{ migration_name: string; applied_steps_count: number; checksum: string }>(
      db.url,
      'SELECT migration_name, applied_steps_count, checksum FROM _prisma_migrations ORDER BY started_at',
    );
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    expect(rows.every((row) => row.applied_steps_count === 1 && /^[0-9a-f]{64}$/.test(row.checksum))).toBe(true);
    expect(await query(db.url, `SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`)).toHaveLength(1);
  });

  it('report all as pending on a database that has none applied', async () => {
    expect(await migrationStatus(main.db.url)).toEqual({ applied: [], pending: await committedMigrations(), failed: [] });
  });
});

describe('createMigration', () => {
  let workDir: string;
  let migrationsDir: string;
  const server = useTestDatabase({ database: 'empty' });

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'migrations-'));
    migrationsDir = path.join(workDir, 'migrations');
    await cp(DEFAULT_MIGRATIONS_DIR, migrationsDir, { recursive: true });
  });
  afterAll(() => rm(workDir, { recursive: true, force: true }));

  it('refuses when the migrations already match the schema', async () => {
    await expect(createMigration('nothing', { databaseUrl: server.db.url, migrationsDir })).rejects.toThrow(
      /Nothing to migrate/,
    );
    const expected = [...(await committedMigrations()), 'migration_lock.toml'];
    expect((await readdir(migrationsDir)).sort()).toEqual(expected.sort());
  });

  it('writes the difference as a new migration in Prisma’s folder format', async () => {
    const schemaPath = path.join(workDir, 'schema.prisma');
    const schema = await readFile(DEFAULT_SCHEMA_PATH, 'utf8');
    await writeFile(schemaPath, `${schema}\nmodel Widget {\n  id Int @id\n\n  @@map("widget")\n}\n`);

    const created = await createMigration('addWidget', { databaseUrl: server.db.url, migrationsDir, schemaPath });

    expect(created.name).toMatch(/^\d{14}_add_widget$/);
    expect(created.path).toBe(path.join(migrationsDir, created.name, 'migration.sql'));
    expect(await readFile(created.path, 'utf8')).toBe(created.script);
    expect(created.script).toContain('CREATE TABLE "widget"');
    expect(await readFile(path.join(migrationsDir, 'migration_lock.toml'), 'utf8')).toBe(
      '# Please do not edit this file manually\n' +
        '# It should be added in your version-control system (e.g., Git)\n' +
        'provider = "postgresql"\n',
    );
    expect(await diffMigrationsToSchema({ databaseUrl: server.db.url, migrationsDir, schemaPath })).toBe('');
  });
});
