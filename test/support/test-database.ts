// Each test file gets its own database, cloned from a template: isolation without slow migrations.
import { createDatabase, type TestDatabase } from './postgres';
import { templateNames } from './templates';

export type { TestDatabase };

/** A fresh database with nothing in it, not even the migrations' table. Drop it in afterAll. */
export function createEmptyDatabase(): Promise<TestDatabase> {
  return createDatabase('ct_test');
}

/** A fresh database with all migrations applied and no rows. Drop it in afterAll. */
export function createMigratedDatabase(): Promise<TestDatabase> {
  return createDatabase('ct_test', { template: templateNames().migrated });
}

/** A fresh database holding the curated seed dataset (three partnerships, every commitment in seeds/). */
export function createSeededDatabase(): Promise<TestDatabase> {
  return createDatabase('ct_test', { template: templateNames().seeded });
}
