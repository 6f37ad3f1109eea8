// Where the rate-limit counters live: a store every server instance shares, so that N instances allow the
// limit once between them, not N times. PostgreSQL by default (the table rate_limit_counter, created by a
// migration); Redis when REDIS_URL is set, with PostgreSQL as its insurance: while Redis is unreachable the
// counters are kept in PostgreSQL (logged), never dropped. A failure of PostgreSQL itself is an error for
// the request, not a free pass.
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitConfig } from '../config/config';
import type { Logger } from '../logger';

/** Marks the store's connections, so that tooling (the tests' statement counter) can tell them from a request's. */
export const RATE_LIMIT_APPLICATION_NAME = 'ct-rate-limit';
const TABLE = 'rate_limit_counter';

export interface LimiterStore {
  readonly kind: 'postgres' | 'redis';
  /** A budget of `points` per `durationSeconds`, its keys prefixed with `name`. */
  limiter(name: string, points: number, durationSeconds: number): RateLimiterAbstract;
  /** Resolves once the store can be used: Redis connected, or found unreachable (then PostgreSQL counts). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  databaseUrl: string;
  connectionTimeoutMs: number;
  statementTimeoutMs: number;
  logger: Logger;
}

export function createLimiterStore(config: RateLimitConfig, options: StoreOptions): LimiterStore {
  // Its own small pool: counting must not wait behind the requests it is counting for, nor starve them.
  const pool = new Pool({
    connectionString: options.databaseUrl,
    max: 4,
    application_name: RATE_LIMIT_APPLICATION_NAME,
    connectionTimeoutMillis: options.connectionTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
  });
  pool.on('error', (error) => options.logger.warn({ err: error }, 'rate-limit store: idle PostgreSQL connection failed'));
  const postgres = (name: string, points: number, duration: number) =>
    new RateLimiterPostgres({ storeClient: pool, storeType: 'pool', tableName: TABLE, tableCreated: true, keyPrefix: name, points, duration });

  if (!config.redis) {
    return { kind: 'postgres', limiter: postgres, ready: async () => undefined, close: () => pool.end() };
  }

  const { logger } = options;
  const redis = new Redis(config.redis.url, {
    // A command while Redis is away fails at once (and goes to PostgreSQL) rather than queueing behind a request.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: options.connectionTimeoutMs,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    // On close, a socket of a failed attempt (already closed) would otherwise hold the process 2 s.
    disconnectTimeout: 200,
  });
  // Logged once per outage, not on every reconnect attempt.
  let away = false;
  const wentAway = (reason: string) => {
    if (away) return;
    away = true;
    logger.error({ reason }, 'rate-limit store: Redis unreachable; counting in PostgreSQL until it is back');
  };
  redis.on('error', (error: Error) => wentAway(error.message));
  redis.on('close', () => wentAway('connection closed'));
  redis.on('ready', () => {
    if (away) logger.warn('rate-limit store: Redis reachable again; counting in Redis');
    away = false;
  });

  // Until the first connection is made, commands go to PostgreSQL: the server waits for it (or its failure)
  // before it listens, so that a normal start does not log an outage.
  const connected = new Promise<void>((resolve) => {
    redis.once('ready', () => resolve());
    redis.once('error', () => resolve());
  });

  return {
    kind: 'redis',
    ready: () => connected,
    limiter(name, points, duration) {
      const insurance = postgres(name, points, duration);
      // A command that fails while the connection still looks ready also lands here.
      const consume = insurance.consume.bind(insurance);
      insurance.consume = (key, pointsToConsume, consumeOptions) => {
        wentAway('a command failed');
        return consume(key, pointsToConsume, consumeOptions);
      };
      return new RateLimiterRedis({
        storeClient: redis,
        useRedisPackage: false,
        rejectIfRedisNotReady: true,
        keyPrefix: `${config.redis!.keyPrefix}${name}`,
        points,
        duration,
        insuranceLimiter: insurance,
      });
    },
    async close() {
      // Not an outage: nothing to log.
      away = true;
      redis.disconnect();
      await pool.end();
    },
  };
}
