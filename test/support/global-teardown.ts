import { rm } from 'node:fs/promises';
import type { RunningPostgres } from '../../src/db/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis as { __embeddedPostgres?: RunningPostgres; __embeddedPostgresDir?: string };
  await state.__embeddedPostgres?.stop();
  if (state.__embeddedPostgresDir) await rm(state.__embeddedPostgresDir, { recursive: true, force: true });
}
