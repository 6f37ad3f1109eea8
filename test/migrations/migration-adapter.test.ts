// Keeps fixed the three faults @prisma/adapter-pg 7.10 has as a migration adapter (see migration-adapter.ts):
// (a) scripts split on every `;`, (b) `"char"` columns unreadable, (c) the shadow database is the main one.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import { Client } from 'pg';
import { createMigrationAdapterFactory } from '../../src/db/migrations/migration-adapter';
import { applyMigrations, diffMigrationsToSchema, migrationStatus } from '../../src/db/migrations/migrator';
import { loadSchemaEngine } from '../../src/db/migrations/schema-engine';
import { useTestDatabase } from '../support/fixture';

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'migration-adapter-'));
});
afterAll(() => rm(workDir, { recursive: true, force: true }));

/** A migrations directory holding the given migration.sql files, by directory name. */
async function migrationsDir(migrations: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(workDir, 'migrations-'));
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

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

describe('(a) a migration script runs whole, in one transaction', () => {
  const suite = useTestDatabase({ database: 'empty', scope: 'test' });

  it('keeps semicolons inside strings and $$ function bodies', async () => {
    const dir = await migrationsDir({
      '20240101000000_semicolons': `
        CREATE TABLE "note" ("id" SERIAL PRIMARY KEY, "body" TEXT NOT NULL DEFAULT 'a;b');
        CREATE FUNCTION "shout"(input text) RETURNS text LANGUAGE plpgsql AS $$
        DECLARE
          result text;
        BEGIN
          result := upper(input);
          RETURN result || ';';
        END;
        $$;`,
    });

    expect(await applyMigrations(suite.db.url, { migrationsDir: dir })).toEqual(['20240101000000_semicolons']);
    expect(await query(suite.db.url, 'INSERT INTO note DEFAULT VALUES RETURNING body')).toEqual([{ body: 'a;b' }]);
    expect(await query(suite.db.url, `SELECT shout('hi') AS shouted`)).toEqual([{ shouted: 'HI;' }]);
  });

  it('leaves nothing of a migration that fails half-way, and names it with the PostgreSQL error', async () => {
    const dir = await migrationsDir({
      '20240101000000_ok': 'CREATE TABLE "kept" ("id" int);',
      '20240102000000_fails': `
        CREATE TABLE "half" ("id" int);
        INSERT INTO "half" VALUES (1);
        SELECT 1 / 0;`,
    });

    await expect(applyMigrations(suite.db.url, { migrationsDir: dir })).rejects.toThrow(
      /^Migration 20240102000000_fails failed to apply: .*division by zero/s,
    );
    expect(await tables(suite.db.url)).toEqual(['_prisma_migrations', 'kept']);
    expect(await migrationStatus(suite.db.url, { migrationsDir: dir })).toEqual({
      applied: ['20240101000000_ok'],
      pending: [],
      failed: ['20240102000000_fails'],
    });
  });
});

describe('(b) "char" columns', () => {
  const suite = useTestDatabase({ database: 'empty' });

  it('are reported as Character', async () => {
    const factory = createMigrationAdapterFactory({ databaseUrl: suite.db.url });
    try {
      const adapter = await factory.connect();
      const sql = `SELECT 'x'::"char" AS flag, 'y'::text AS label`;
      const result = await adapter.queryRaw({ sql, args: [], argTypes: [] });
      expect(result.columnTypes).toEqual([ColumnTypeEnum.Character, ColumnTypeEnum.Text]);
      expect(result.rows).toEqual([['x', 'y']]);
    } finally {
      await factory.close();
    }
  });

  it('let the engine describe tables: a "char" column and CHECK and foreign key constraints', async () => {
    const dir = await migrationsDir({
      '20240101000000_flags': `
        CREATE TABLE "owner" ("id" int PRIMARY KEY);
        CREATE TABLE "flag" (
          "id" int PRIMARY KEY,
          "owner_id" int NOT NULL REFERENCES "owner" ON DELETE CASCADE,
          "kind" "char" NOT NULL CHECK ("kind" IN ('a', 'b'))
        );`,
    });
    const schemaPath = path.join(dir, 'schema.prisma');
    // The schema without `kind`: the diff can only drop it if the engine could describe it.
    await writeFile(
      schemaPath,
      [
        'datasource db {\n  provider = "postgresql"\n}',
        'model owner {\n  id Int @id\n}',
        'model flag {\n  id       Int @id\n  owner_id Int\n}\n',
      ].join('\n\n'),
    );

    const script = await diffMigrationsToSchema({ databaseUrl: suite.db.url, migrationsDir: dir, schemaPath });
    expect(script).toContain('ALTER TABLE "flag" DROP CONSTRAINT "flag_owner_id_fkey"');
    expect(script).toContain('DROP COLUMN "kind"');
  });
});

describe('(c) the shadow database', () => {
  const main = useTestDatabase({ database: 'empty', scope: 'test', prepare: (suite) => query(suite.db.url, 'CREATE TABLE marker (id int)') });
  const shadow = useTestDatabase({ database: 'empty', scope: 'test' });

  it('is the one given, never the main database, when the engine replays migrations', async () => {
    const factory = createMigrationAdapterFactory({ databaseUrl: main.db.url, shadowDatabaseUrl: shadow.db.url });
    const SchemaEngine = await loadSchemaEngine();
    const adapterFactory = bindMigrationAwareSqlAdapterFactory(factory);
    const engine = await SchemaEngine.new({ datamodels: undefined }, () => {}, adapterFactory);
    try {
      const { stdout } = await engine.diff({
        from: { tag: 'empty' },
        to: {
          tag: 'migrations',
          baseDir: workDir,
          lockfile: { path: 'migration_lock.toml', content: 'provider = "postgresql"\n' },
          shadowDbInitScript: '',
          migrationDirectories: [
            {
              path: '20240101000000_widget',
              migrationFile: {
                path: 'migration.sql',
                content: { tag: 'ok', value: 'CREATE TABLE "widget" ("id" int PRIMARY KEY);' },
              },
            },
          ],
        },
        script: true,
        exitCode: null,
        filters: { externalTables: [], externalEnums: [] },
      });
      expect(stdout).toContain('CREATE TABLE "public"."widget"');
    } finally {
      engine.free();
      await factory.close();
    }
    expect(await tables(main.db.url)).toEqual(['marker']);
    expect(await tables(shadow.db.url)).toEqual(['widget']);
  });

  it('is refused when none was given', async () => {
    const factory = createMigrationAdapterFactory({ databaseUrl: main.db.url });
    await expect(factory.connectToShadowDb()).rejects.toThrow(/no shadowDatabaseUrl/);
    await factory.close();
  });
});
