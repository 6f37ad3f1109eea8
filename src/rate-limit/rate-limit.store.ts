// Where the rate-limit counters live: a store every server instance shares, so that N instances allow the
// limit once between them, not N times. PostgreSQL by default (the table rate_limit_counter and the function
// rate_limit_lease, created by migrations); Redis when REDIS_URL is set, with PostgreSQL as its insurance:
// while Redis is unreachable the counters are kept in PostgreSQL (logged), never dropped. A failure of
// PostgreSQL itself is an error for the request, not a free pass.
//
// The store hands out leases (leased-budget.ts spends them): one call takes a slice of a caller's budget,
// counted in the store at once, so a request does not cost a round trip.
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import type { RateLimitConfig } from '../config/config';
import { leaseRateLimitPoints, type LeaseRequest, type PointLease } from '../db/rate-limit.sql';
import type { Logger } from '../logger';

export type { LeaseRequest, PointLease } from '../db/rate-limit.sql';

/** Marks the store's connections, so that tooling (the tests' statement counter) can tell them from a request's. */
export const RATE_LIMIT_APPLICATION_NAME = 'ct-rate-limit';

export interface LimiterStore {
  readonly kind: 'postgres' | 'redis';
  /** Grants `want` points of `key`'s budget when at least `need` are left in its window, else none. */
  lease(request: LeaseRequest): Promise<PointLease>;
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

// rate_limit_lease's rules in Redis: one script, so a lease is atomic there too. A key without an expiry
// (PTTL -1) or missing (-2) starts a new window. Keys are rate-limiter-flexible's layout of before (an integer
// with a TTL), so counters survive the upgrade.
const LEASE_SCRIPT = `
local spent = tonumber(redis.call('GET', KEYS[1]) or '0')
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then spent = 0; ttl = tonumber(ARGV[4]) end
local need, want, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local granted = 0
if limit - spent >= need then granted = math.min(want, limit - spent) end
redis.call('SET', KEYS[1], spent + granted, 'PX', ttl)
return {granted, ttl}
`;

type LeasingRedis = Redis & {
  rateLimitLease(key: string, need: number, want: number, limit: number, windowMs: number): Promise<[number, number]>;
};

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
  const postgres = (request: LeaseRequest) => leaseRateLimitPoints(pool, request);

  if (!config.redis) {
    return { kind: 'postgres', lease: postgres, ready: async () => undefined, close: () => pool.end() };
  }

  const { logger } = options;
  const { keyPrefix } = config.redis;
  const redis = new Redis(config.redis.url, {
    // A command while Redis is away fails at once (and goes to PostgreSQL) rather than queueing behind a request.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: options.connectionTimeoutMs,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    // On close, a socket of a failed attempt (already closed) would otherwise hold the process 2 s.
    disconnectTimeout: 200,
  }) as LeasingRedis;
  redis.defineCommand('rateLimitLease', { numberOfKeys: 1, lua: LEASE_SCRIPT });
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

  // Until the first connection is made, leases come from PostgreSQL: the server waits for it (or its failure)
  // before it listens, so that a normal start does not log an outage.
  const connected = new Promise<void>((resolve) => {
    redis.once('ready', () => resolve());
    redis.once('error', () => resolve());
  });

  return {
    kind: 'redis',
    ready: () => connected,
    async lease(request) {
      if (redis.status !== 'ready') return postgres(request);
      try {
        const [granted, msBeforeReset] = await redis.rateLimitLease(`${keyPrefix}${request.key}`, request.need, request.want, request.limit, request.windowMs);
        return { granted, msBeforeReset };
      } catch (error) {
        // A command that fails while the connection still looks ready lands here too.
        wentAway(error instanceof Error ? error.message : 'a command failed');
        return postgres(request);
      }
    },
    async close() {
      // Not an outage: nothing to log.
      away = true;
      redis.disconnect();
      await pool.end();
    },
  };
}
