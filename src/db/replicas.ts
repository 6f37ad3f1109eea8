// Which database serves a request's reads. Writes always go to the primary (DATABASE_URL); reads go to a
// streaming replica (DATABASE_REPLICA_URL) unless the caller has just written and no replica has replayed
// that write yet, or no replica is fit (down, or lagging past a limit). The choice is made once per request
// when its context is built, so services and the compiled read path just use what they are handed.
import type { Pool } from 'pg';
import type { ReplicaOptions } from '../config/config';
import type { Logger } from '../logger';
import { createDatabase, type Database, type DatabaseOptions } from './prisma';

export type ReplicaState = 'up' | 'lagging' | 'down';

export interface ReplicaStatus {
  /** host:port/database: enough to tell replicas apart, never the password. */
  name: string;
  state: ReplicaState;
  lagBytes: number | null;
  lagSeconds: number | null;
}

export class ReplicaConfigurationError extends Error {}

interface Replica {
  name: string;
  database: Database;
  state: ReplicaState;
  /** The last WAL position this replica was seen to have replayed; a write at or before it is visible there. */
  replayLsn: bigint | null;
  lagBytes: number | null;
  lagSeconds: number | null;
  reads: number;
}

/** One database to read from, and what it serves reads through. */
export interface ReadTarget<T> {
  name: string;
  target: T;
}

function nameOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.host}${parsed.pathname}`;
}

/** `0/3000148` as a number of bytes; bigint because WAL positions pass 2^53 on a long-lived cluster. */
export function parseLsn(lsn: string): bigint {
  const [high, low] = lsn.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/** The inverse of parseLsn: PostgreSQL's own spelling, as a client echoes it back. */
export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

/** An LSN a client sent back: PostgreSQL's spelling only; anything else is ignored, as if none was sent. */
export function lsnFromClient(value: string | undefined): bigint | undefined {
  return value && /^[0-9A-Fa-f]{1,8}\/[0-9A-Fa-f]{1,8}$/.test(value) ? parseLsn(value) : undefined;
}

export class ReplicaRouter {
  private readonly replicas: Replica[];
  /** Per client, the primary's WAL position right after its last write, and until when that still matters. */
  private readonly pendingWrites = new Map<string, { lsn: bigint; until: number }>();
  private next = 0;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  primaryReads = 0;

  constructor(
    private readonly primary: Database,
    databaseOptions: Omit<DatabaseOptions, 'url'>,
    private readonly options: ReplicaOptions,
    private readonly logger: Logger,
  ) {
    this.replicas = options.urls.map((url) => ({
      name: nameOf(url),
      database: createDatabase({ ...databaseOptions, url, applicationName: 'commitment-tracker-replica' }),
      state: 'down',
      replayLsn: null,
      lagBytes: null,
      lagSeconds: null,
      reads: 0,
    }));
  }

  get enabled(): boolean {
    return this.replicas.length > 0;
  }

  /** The replicas, for building one set of read services on each. */
  get replicaDatabases(): ReadTarget<Database>[] {
    return this.replicas.map((replica) => ({ name: replica.name, target: replica.database }));
  }

  /**
   * A misconfigured replica URL would silently serve wrong answers (another database's rows) or take writes
   * meant to be replicated (a primary): refuse to start instead. A replica that does not answer now is not
   * an error: it is skipped until it does, as it would be if it went down later.
   */
  async verify(): Promise<void> {
    if (!this.enabled) return;
    const identity = `SELECT (SELECT system_identifier::text FROM pg_control_system()) AS system, current_database() AS database, pg_is_in_recovery() AS recovery`;
    const { rows: [primary] } = await this.primary.pool.query<{ system: string; database: string; recovery: boolean }>(identity);
    for (const replica of this.replicas) {
      let row: { system: string; database: string; recovery: boolean } | undefined;
      try {
        ({ rows: [row] } = await replica.database.pool.query(identity));
      } catch (error) {
        this.logger.warn({ err: error, replica: replica.name }, 'replica does not answer; reads stay on the primary until it does');
        continue;
      }
      if (!row!.recovery) {
        throw new ReplicaConfigurationError(`DATABASE_REPLICA_URL ${replica.name} is not a replica (pg_is_in_recovery() is false): it is a primary; reads would not follow DATABASE_URL's writes`);
      }
      if (row!.system !== primary!.system || row!.database !== primary!.database) {
        throw new ReplicaConfigurationError(
          `DATABASE_REPLICA_URL ${replica.name} is not a replica of DATABASE_URL: it is system ${row!.system} database "${row!.database}", the primary is system ${primary!.system} database "${primary!.database}"`,
        );
      }
    }
  }

  /** Polls the replicas now and then every checkIntervalMs. */
  async start(): Promise<void> {
    if (!this.enabled) return;
    await this.poll();
    this.timer = setInterval(() => {
      this.polling ??= this.poll().finally(() => (this.polling = undefined));
    }, this.options.checkIntervalMs);
    this.timer.unref();
  }

  /** Measures each replica against the primary's current position: bytes behind, and how old its last replayed commit is when behind. */
  async poll(): Promise<void> {
    let primaryLsn: bigint;
    try {
      const { rows: [row] } = await this.primary.pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
      primaryLsn = parseLsn(row!.lsn);
    } catch {
      return; // The primary is down: readiness says so; the replicas' lag cannot be measured meanwhile.
    }
    await Promise.all(
      this.replicas.map(async (replica) => {
        try {
          const { rows: [row] } = await replica.database.pool.query<{ lsn: string | null; age: number | null }>(
            `SELECT pg_last_wal_replay_lsn()::text AS lsn, extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS age`,
          );
          if (row!.lsn === null) throw new Error('replica reports no replay position');
          replica.replayLsn = parseLsn(row!.lsn);
          const behind = primaryLsn > replica.replayLsn ? primaryLsn - replica.replayLsn : 0n;
          replica.lagBytes = Number(behind);
          // The age of the last replayed commit is lag only while something is left to replay: a caught-up
          // replica of an idle primary has an old last commit and no lag.
          replica.lagSeconds = behind === 0n ? 0 : Math.max(0, row!.age ?? 0);
          const lagging = replica.lagBytes > this.options.maxLagBytes || replica.lagSeconds > this.options.maxLagSeconds;
          this.setState(replica, lagging ? 'lagging' : 'up');
        } catch (error) {
          replica.lagBytes = null;
          replica.lagSeconds = null;
          if (replica.state !== 'down') this.logger.warn({ err: error, replica: replica.name }, 'replica down; its reads go to the primary');
          this.setState(replica, 'down');
        }
      }),
    );
  }

  private setState(replica: Replica, state: ReplicaState): void {
    if (replica.state !== state && state !== 'down') this.logger.info({ replica: replica.name, state, lagBytes: replica.lagBytes }, 'replica state');
    replica.state = state;
  }

  /**
   * Where `client`'s reads go now: the index of a replica, or -1 for the primary. A client with a write no
   * fit replica is known to have replayed reads the primary, for at most readYourWritesMs after the write
   * (then it reads a replica again, which by then has almost surely replayed it, or is skipped as lagging).
   * `readAfter` is a commit position the client brings from a write made through any instance (the
   * x-read-after-lsn header or the cookie noteWrite's caller sets): a replica must have replayed it too.
   */
  pick(client: string, readAfter?: bigint): number {
    const fit = this.replicas.flatMap((replica, index) => (replica.state === 'up' ? [index] : []));
    if (fit.length === 0) return -1;
    let needed = readAfter ?? -1n;
    const pending = this.pendingWrites.get(client);
    if (pending) {
      if (pending.until <= Date.now()) this.pendingWrites.delete(client);
      else if (pending.lsn > needed) needed = pending.lsn;
    }
    const candidates = needed < 0n ? fit : fit.filter((index) => (this.replicas[index]!.replayLsn ?? -1n) >= needed);
    if (candidates.length === 0) return -1;
    const index = candidates[this.next++ % candidates.length]!;
    return index;
  }

  countRead(index: number): void {
    if (index < 0) this.primaryReads += 1;
    else this.replicas[index]!.reads += 1;
  }

  /**
   * Called once a client's write has committed: from now its reads need a replica that has replayed at
   * least the primary's current WAL position. Awaited before the write's response is sent, so the client
   * cannot read before it is recorded. Returns that position, for the client to bring to other instances.
   */
  async noteWrite(client: string): Promise<bigint | undefined> {
    if (!this.enabled || this.options.readYourWritesMs === 0) return undefined;
    const { rows: [row] } = await this.primary.pool.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    const lsn = parseLsn(row!.lsn);
    this.pendingWrites.set(client, { lsn, until: Date.now() + this.options.readYourWritesMs });
    // Expired entries of clients that never read again are dropped here, so the map stays bounded.
    if (this.pendingWrites.size > 10_000) {
      const now = Date.now();
      for (const [key, value] of this.pendingWrites) if (value.until <= now) this.pendingWrites.delete(key);
    }
    return lsn;
  }

  /** How long a write position handed to a client stays worth bringing back. */
  get readYourWritesMs(): number {
    return this.options.readYourWritesMs;
  }

  status(): ReplicaStatus[] {
    return this.replicas.map(({ name, state, lagBytes, lagSeconds }) => ({ name, state, lagBytes, lagSeconds }));
  }

  /** Reads served per database since start, for /metrics. */
  reads(): { database: string; reads: number }[] {
    return [{ database: 'primary', reads: this.primaryReads }, ...this.replicas.map(({ name, reads }) => ({ database: name, reads }))];
  }

  poolOf(index: number): Pool {
    return index < 0 ? this.primary.pool : this.replicas[index]!.database.pool;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.polling;
    await Promise.all(this.replicas.map((replica) => replica.database.close()));
  }
}
