// Holds an ACCESS EXCLUSIVE lock on a table from a connection of its own: every statement of the server
// under test that touches the table waits, a slow query on demand without any test-only code in the app.
import { Client } from 'pg';

export interface TableLock {
  /** Resolves once a statement of `applicationName` is waiting for a lock. */
  waiter(applicationName?: string, timeoutMs?: number): Promise<void>;
  release(): Promise<void>;
}

/** Resolves once a statement of `applicationName` on the database waits for a lock (a row's, a table's, a key's). */
export async function waitUntilBlocked(databaseUrl: string, applicationName = 'commitment-tracker', timeoutMs = 20_000): Promise<void> {
  // Its own connection: inside a lock holder's transaction pg_stat_activity is a snapshot that never changes.
  const observer = new Client({ connectionString: databaseUrl });
  await observer.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rowCount } = await observer.query(
        "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1 AND wait_event_type = 'Lock'",
        [applicationName],
      );
      if (rowCount) return;
      if (Date.now() > deadline) throw new Error(`no statement of ${applicationName} waited for a lock within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await observer.end();
  }
}

export async function lockTable(databaseUrl: string, table: string): Promise<TableLock> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'test-lock-holder' });
  await client.connect();
  await client.query('BEGIN');
  await client.query(`LOCK TABLE "${table}" IN ACCESS EXCLUSIVE MODE`);
  let released = false;
  return {
    waiter: (applicationName, timeoutMs) => waitUntilBlocked(databaseUrl, applicationName, timeoutMs),
    async release() {
      if (released) return;
      released = true;
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}
