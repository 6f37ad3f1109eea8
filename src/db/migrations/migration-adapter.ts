// The driver adapter Prisma's wasm schema engine migrates through: @prisma/adapter-pg with the three
// faults it has as a *migration* adapter (7.10.0) fixed. Everything else is adapter-pg's own code.
import { PrismaPg } from '@prisma/adapter-pg';
import { ColumnTypeEnum, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory, type SqlResultSet } from '@prisma/driver-adapter-utils';
import pg from 'pg';

export interface MigrationAdapterOptions {
  /** The database the engine migrates or describes. */
  databaseUrl: string;
  /**
   * An EMPTY database the engine may replay migrations into (diffs from a migrations directory).
   * The engine does not clean it first: give it a fresh one each time.
   */
  shadowDatabaseUrl?: string;
}

export interface MigrationAdapterFactory extends SqlMigrationAwareDriverAdapterFactory {
  /** Ends every connection pool the factory opened. The engine itself never closes them. */
  close(): Promise<void>;
}

export function createMigrationAdapterFactory({
  databaseUrl,
  shadowDatabaseUrl,
}: MigrationAdapterOptions): MigrationAdapterFactory {
  const pools: pg.Pool[] = [];
  const connectTo = async (connectionString: string) => {
    const pool = poolReportingCharColumns(connectionString);
    pools.push(pool);
    return migrationAdapter(await new PrismaPg(pool).connect());
  };

  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => connectTo(databaseUrl),
    // Fault 3: adapter-pg's connectToShadowDb() creates a database and passes its name as `database`
    // next to the connection string, but pg lets the connection string's database win, so the
    // "shadow" connection is the MAIN database and a diff replays every migration into it.
    // The shadow database gets a URL of its own instead.
    connectToShadowDb: async () => {
      if (!shadowDatabaseUrl) {
        throw new Error('This command needs a shadow database, but no shadowDatabaseUrl was given');
      }
      return connectTo(shadowDatabaseUrl);
    },
    close: async () => {
      await Promise.all(pools.splice(0).map((pool) => pool.end()));
    },
  };
}

function migrationAdapter(adapter: Awaited<ReturnType<PrismaPg['connect']>>): SqlDriverAdapter {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: async (query) => withCharColumnTypes(await adapter.queryRaw(query)),
    executeRaw: (query) => adapter.executeRaw(query),
    // Fault 1: adapter-pg splits the script on every `;` and runs the pieces one by one. That breaks
    // `DEFAULT 'a;b'` and plpgsql `$$ ...; ... $$` bodies, and a failing statement leaves the
    // statements before it applied. A query without parameters goes to PostgreSQL as one simple-protocol
    // Query message, which runs all its statements in one implicit transaction (as the native engine
    // does): the whole migration applies or none of it. Going through executeRaw keeps adapter-pg's
    // error mapping, so the engine reports the PostgreSQL error.
    executeScript: async (script) => {
      await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
    },
    startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
    getConnectionInfo: () => adapter.getConnectionInfo(),
    dispose: () => adapter.dispose(),
  };
}

// Fault 2: PostgreSQL's internal one-byte `"char"` type (OID 18: pg_constraint.contype, confdeltype, ...)
// is missing from adapter-pg's type table, so any query returning such a column fails with "Column type
// 'char' could not be deserialized" — and the engine's schema describer reads them whenever a table has
// a CHECK constraint or a foreign key. Reporting them as Text is not enough either (the describer reads
// them as chars and panics), they must be ColumnTypeEnum.Character.
//
// adapter-pg derives column types inside queryRaw from the driver result, so the fix happens in two
// steps: the pool relabels "char" fields as text (which adapter-pg accepts) and remembers their
// positions by the result's rows array, which adapter-pg returns unchanged; queryRaw then restores
// them as Character. Only queries on the pool pass here: the engine opens no transactions when it
// migrates PostgreSQL.
const CHAR_OID = 18;
const TEXT_OID = 25;
const charColumns = new WeakMap<unknown[], number[]>();

function poolReportingCharColumns(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString });
  // adapter-pg always calls pool.query(config) and awaits the promise.
  const query = pool.query.bind(pool) as (config: pg.QueryConfig) => Promise<pg.QueryResult | pg.QueryResult[]>;
  pool.query = (async (config: pg.QueryConfig) => relabelCharColumns(await query(config))) as typeof pool.query;
  return pool;
}

function relabelCharColumns<R extends pg.QueryResult | pg.QueryResult[]>(result: R): R {
  // A multi-statement script answers with one result per statement; nothing reads their rows.
  if (Array.isArray(result)) return result;
  const positions = result.fields.flatMap((field, i) => (field.dataTypeID === CHAR_OID ? [i] : []));
  if (positions.length > 0) {
    for (const i of positions) result.fields[i].dataTypeID = TEXT_OID;
    charColumns.set(result.rows, positions);
  }
  return result;
}

function withCharColumnTypes(resultSet: SqlResultSet): SqlResultSet {
  for (const i of charColumns.get(resultSet.rows) ?? []) resultSet.columnTypes[i] = ColumnTypeEnum.Character;
  return resultSet;
}
