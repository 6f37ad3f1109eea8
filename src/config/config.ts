// All configuration comes from environment variables, validated once at start. A bad value stops the
// process with one line per problem naming the variable, what it expects and what it got.
import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const positiveInt = (max: number) =>
  z.coerce
    .number({ message: 'expected a whole number' })
    .int({ message: 'expected a whole number' })
    .min(1, { message: `expected a whole number between 1 and ${max}` })
    .max(max, { message: `expected a whole number between 1 and ${max}` });

// Zero is meaningful for some durations (no delay), so these start at 0.
const nonNegativeInt = (max: number) =>
  z.coerce
    .number({ message: 'expected a whole number' })
    .int({ message: 'expected a whole number' })
    .min(0, { message: `expected a whole number between 0 and ${max}` })
    .max(max, { message: `expected a whole number between 0 and ${max}` });

// Express's "trust proxy": false, true, a number of hops, or addresses/subnets (e.g. "loopback, 10.0.0.0/8").
const trustProxy = z
  .string()
  .min(1)
  .transform((value): boolean | number | string => {
    if (value === 'true' || value === 'false') return value === 'true';
    return /^[0-9]+$/.test(value) ? Number(value) : value;
  });

// Origins a browser may call the API from, as a browser sends them in Origin: scheme://host[:port], nothing more.
const corsOrigins = z
  .string()
  .transform((value) => value.split(',').map((origin) => origin.trim()).filter((origin) => origin !== ''))
  .superRefine((origins, context) => {
    if (origins.includes('*') && origins.length > 1) context.addIssue({ code: 'custom', message: '"*" stands alone: list origins or give "*", not both' });
    for (const origin of origins.filter((value) => value !== '*')) {
      if (!isOrigin(origin)) context.addIssue({ code: 'custom', message: `"${origin}" is not an origin: expected scheme://host[:port], e.g. https://dashboard.example.org, with no path or trailing slash` });
    }
  });

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

const postgresUrl = z
  .string()
  .url({ message: 'expected a URL such as postgresql://user:password@host:5432/database' })
  .refine((value) => /^postgres(ql)?:\/\//.test(value), { message: 'expected a postgresql:// URL' });

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production'], { message: 'expected development, test or production' }).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number({ message: 'expected a port number' }).int({ message: 'expected a port number' }).min(0).max(65535, { message: 'expected a port number between 0 and 65535' }).default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'expected one of fatal, error, warn, info, debug, trace, silent' }).default('info'),

  DATABASE_URL: postgresUrl.optional(),
  EMBEDDED_PG_DATA_DIR: z.string().min(1).default('.data/postgres'),
  EMBEDDED_PG_PORT: positiveInt(65535).default(54329),
  DB_POOL_MAX: positiveInt(500).default(10),
  DB_STATEMENT_TIMEOUT_MS: positiveInt(3_600_000).default(10_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: positiveInt(3_600_000).default(15_000),
  DB_CONNECTION_TIMEOUT_MS: positiveInt(600_000).default(5_000),
  // Comma-separated streaming replicas that take the reads (src/db/replicas.ts); unset: all on DATABASE_URL.
  DATABASE_REPLICA_URL: z.string().min(1).optional()
    .transform((value) => (value ?? '').split(',').map((url) => url.trim()).filter(Boolean))
    .pipe(z.array(postgresUrl)),
  DB_REPLICA_MAX_LAG_BYTES: positiveInt(Number.MAX_SAFE_INTEGER).default(16 * 1024 * 1024),
  DB_REPLICA_MAX_LAG_SECONDS: positiveInt(86_400).default(10),
  DB_REPLICA_READ_YOUR_WRITES_MS: nonNegativeInt(600_000).default(5_000),
  DB_REPLICA_CHECK_INTERVAL_MS: positiveInt(600_000).default(1_000),
  MIGRATE_ON_START: booleanFlag.default(true),
  SEED_ON_START: booleanFlag.default(true),
  // How long the outbox keeps a change: a subscriber away for longer must reload rather than resume.
  CHANGE_EVENTS_RETENTION_HOURS: positiveInt(8_760).default(72),

  SHUTDOWN_GRACE_MS: positiveInt(600_000).default(10_000),
  SHUTDOWN_READINESS_DELAY_MS: nonNegativeInt(600_000).optional(),
  PUBLIC_READ: booleanFlag.default(true),
  // At most a minute: a key revoked on another instance keeps working here until its entry expires.
  API_KEY_CACHE_TTL_MS: nonNegativeInt(60_000).default(5_000),
  GRAPHQL_INTROSPECTION: booleanFlag.optional(),
  GRAPHQL_LANDING_PAGE: booleanFlag.optional(),
  GRAPHQL_FIELD_SUGGESTIONS: booleanFlag.optional(),
  GRAPHQL_MAX_DEPTH: positiveInt(1_000).default(12),
  GRAPHQL_MAX_COST: positiveInt(100_000_000).default(200_000),
  GRAPHQL_MAX_ALIASES: positiveInt(10_000).default(15),
  GRAPHQL_MAX_DIRECTIVES: positiveInt(10_000).default(50),
  GRAPHQL_MAX_TOKENS: positiveInt(1_000_000).default(2_000),
  GRAPHQL_COMPILED_EXECUTION: booleanFlag.default(true),
  GRAPHQL_PLAN_CACHE_SIZE: positiveInt(100_000).default(1_000),

  REQUEST_BODY_LIMIT_BYTES: positiveInt(100_000_000).default(102_400),
  REQUEST_TIMEOUT_MS: positiveInt(3_600_000).default(20_000),
  TRUST_PROXY: trustProxy.default(false),
  CORS_ORIGINS: corsOrigins.optional(),
  CORS_ALLOW_CREDENTIALS: booleanFlag.default(false),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt(86_400).default(60),
  RATE_LIMIT_MUTATIONS: positiveInt(100_000_000).default(120),
  RATE_LIMIT_QUERY_COST: positiveInt(1_000_000_000).default(5_000_000),
  RATE_LIMIT_CONNECTION_COST: positiveInt(1_000_000_000).default(1_000),
  RATE_LIMIT_LEASE_PERCENT: nonNegativeInt(50).default(5),
  SUBSCRIPTIONS_PER_KEY: positiveInt(100_000).default(20),
  // Absent: the counters live in PostgreSQL, in the application's database.
  REDIS_URL: z
    .string()
    .url({ message: 'expected a URL such as redis://host:6379 or rediss://user:password@host:6380/0' })
    .refine((value) => /^rediss?:\/\//.test(value), { message: 'expected a redis:// or rediss:// URL' })
    .optional(),
  REDIS_KEY_PREFIX: z.string().min(1).max(100).default('ct:rl:'),

  // JWTs are accepted when a key source is set: a shared HS256 secret or a JWKS URL, not both.
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  JWT_JWKS_URL: z.string().url({ message: 'expected an https:// or http:// URL of a JSON Web Key Set' }).optional(),
  // HS256 needs a key at least as long as its 256-bit hash.
  JWT_SECRET: z.string().min(32, { message: 'expected at least 32 characters' }).optional(),
  JWT_ROLE_CLAIM: z.string().min(1).default('role'),
}).superRefine((e, context) => {
  // Otherwise a query the cost limit allows could never be answered.
  if (e.RATE_LIMIT_QUERY_COST < e.GRAPHQL_MAX_COST) {
    context.addIssue({ code: 'custom', path: ['RATE_LIMIT_QUERY_COST'], message: `must be at least GRAPHQL_MAX_COST (${e.GRAPHQL_MAX_COST})` });
  }
  // Browsers refuse a credentialed response that allows every origin; a server sending it would be trusting any site.
  if (e.CORS_ALLOW_CREDENTIALS && e.CORS_ORIGINS?.includes('*')) {
    context.addIssue({ code: 'custom', path: ['CORS_ORIGINS'], message: '"*" cannot be combined with CORS_ALLOW_CREDENTIALS=true: list the origins that may send credentials' });
  }
  if (e.RATE_LIMIT_CONNECTION_COST > e.RATE_LIMIT_QUERY_COST) {
    context.addIssue({ code: 'custom', path: ['RATE_LIMIT_CONNECTION_COST'], message: `must be at most RATE_LIMIT_QUERY_COST (${e.RATE_LIMIT_QUERY_COST})` });
  }
  if (e.JWT_SECRET && e.JWT_JWKS_URL) {
    context.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'set JWT_SECRET or JWT_JWKS_URL, not both' });
  }
  // A token from any issuer or for any audience must not pass: both are required once JWTs are on.
  if (e.JWT_SECRET || e.JWT_JWKS_URL) {
    for (const name of ['JWT_ISSUER', 'JWT_AUDIENCE'] as const) {
      if (!e[name]) context.addIssue({ code: 'custom', path: [name], message: 'required when JWT_SECRET or JWT_JWKS_URL is set' });
    }
  }
});

export type Environment = z.infer<typeof environmentSchema>;

export interface ReplicaOptions {
  /** Streaming replicas of DATABASE_URL; empty: every read on the primary. */
  urls: string[];
  /** A replica further behind the primary than either limit is skipped until it catches up. */
  maxLagBytes: number;
  maxLagSeconds: number;
  /** After a write, how long at most a client's reads wait on the primary for a replica to replay it. */
  readYourWritesMs: number;
  /** How often each replica's replay position and reachability are polled. */
  checkIntervalMs: number;
}

export interface AppConfig {
  env: Environment['NODE_ENV'];
  host: string;
  port: number;
  logLevel: Environment['LOG_LEVEL'];
  database: {
    /** Absent: start the embedded PostgreSQL. */
    url?: string;
    embedded: { dataDir: string; port: number };
    poolMax: number;
    statementTimeoutMs: number;
    idleInTransactionTimeoutMs: number;
    connectionTimeoutMs: number;
    replicas: ReplicaOptions;
    migrateOnStart: boolean;
    seedOnStart: boolean;
  };
  /** How long the outbox of commitment changes keeps an event (subscriptions resume within it). */
  changeEventsRetentionHours: number;
  shutdownGraceMs: number;
  /** On SIGTERM, how long /readyz answers 503 while requests are still served, before the drain begins. */
  shutdownReadinessDelayMs: number;
  publicRead: boolean;
  /** How long a verified API key is trusted without a lookup; 0: looked up on every request. */
  apiKeyCacheTtlMs: number;
  graphql: {
    introspection: boolean;
    landingPage: boolean;
    fieldSuggestions: boolean;
    /** Serve query operations that compile to SQL as one statement each (src/execution); false: resolvers only. */
    compiledExecution: boolean;
    /** How many compiled plans (per document and operation) are kept, least recently used dropped first. */
    planCacheSize: number;
  };
  queryLimits: QueryLimits;
  http: {
    bodyLimitBytes: number;
    requestTimeoutMs: number;
    trustProxy: boolean | number | string;
  };
  cors: CorsConfig;
  rateLimit: RateLimitConfig;
  /** Absent: only API keys authenticate. */
  jwt?: JwtConfig;
}

/** What one GraphQL operation may contain (enforced with graphql-armor, see graphql/armor.ts). */
export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
}

/** Which browser origins may call the API (src/http/cors.ts). */
export interface CorsConfig {
  /** Exact origins, or '*' for any; empty: no CORS headers at all (browsers on other origins are refused). */
  origins: string[] | '*';
  /** Access-Control-Allow-Credentials: true (cookies, HTTP auth); never with '*'. */
  allowCredentials: boolean;
}

/** Per caller (API key, JWT subject or client address) and window. */
export interface RateLimitConfig {
  windowSeconds: number;
  /** Mutation fields (each aliased copy counts) per window. */
  mutations: number;
  /** Total query cost, as the cost limit measures it, per window. */
  queryCost: number;
  /** What opening a WebSocket connection costs of the query budget. */
  connectionCost: number;
  /**
   * How much of a budget (percent of the limit) an instance takes from the shared store at once and spends
   * locally: fewer round trips, at the price of refusing a caller up to one lease per instance early. 0: exact.
   */
  leasePercent: number;
  /** Subscriptions one caller may hold open at once on one instance. */
  subscriptionsPerKey: number;
  /** Absent: the counters are shared through PostgreSQL. */
  redis?: { url: string; keyPrefix: string };
}

export interface JwtConfig {
  issuer: string;
  audience: string;
  /** Exactly one of the two key sources. */
  secret?: string;
  jwksUrl?: string;
  /** The claim holding the role (a string or an array of strings); a dotted path reaches into objects. */
  roleClaim: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  // An empty variable means "not set", as it does in docker-compose files and CI settings.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        // A secret's value (REDIS_URL may hold a password) must not reach the console or a log, even when it is refused.
        const got = name.endsWith('_SECRET') || name === 'REDIS_URL' ? '[redacted]' : JSON.stringify(env[name]);
        return `${name}: ${issue.message} (got ${got})`;
      }),
    );
  }
  const e = parsed.data;
  const development = e.NODE_ENV !== 'production';
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    database: {
      url: e.DATABASE_URL,
      embedded: { dataDir: path.resolve(cwd, e.EMBEDDED_PG_DATA_DIR), port: e.EMBEDDED_PG_PORT },
      poolMax: e.DB_POOL_MAX,
      statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      connectionTimeoutMs: e.DB_CONNECTION_TIMEOUT_MS,
      replicas: {
        urls: e.DATABASE_REPLICA_URL ?? [],
        maxLagBytes: e.DB_REPLICA_MAX_LAG_BYTES,
        maxLagSeconds: e.DB_REPLICA_MAX_LAG_SECONDS,
        readYourWritesMs: e.DB_REPLICA_READ_YOUR_WRITES_MS,
        checkIntervalMs: e.DB_REPLICA_CHECK_INTERVAL_MS,
      },
      migrateOnStart: e.MIGRATE_ON_START,
      seedOnStart: e.SEED_ON_START,
    },
    changeEventsRetentionHours: e.CHANGE_EVENTS_RETENTION_HOURS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    // In production a load balancer needs a moment to see readiness fail; locally Ctrl-C should be quick.
    shutdownReadinessDelayMs: e.SHUTDOWN_READINESS_DELAY_MS ?? (development ? 0 : 5_000),
    publicRead: e.PUBLIC_READ,
    apiKeyCacheTtlMs: e.API_KEY_CACHE_TTL_MS,
    graphql: {
      introspection: e.GRAPHQL_INTROSPECTION ?? development,
      landingPage: e.GRAPHQL_LANDING_PAGE ?? development,
      fieldSuggestions: e.GRAPHQL_FIELD_SUGGESTIONS ?? development,
      compiledExecution: e.GRAPHQL_COMPILED_EXECUTION,
      planCacheSize: e.GRAPHQL_PLAN_CACHE_SIZE,
    },
    queryLimits: {
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxCost: e.GRAPHQL_MAX_COST,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxDirectives: e.GRAPHQL_MAX_DIRECTIVES,
      maxTokens: e.GRAPHQL_MAX_TOKENS,
    },
    http: {
      bodyLimitBytes: e.REQUEST_BODY_LIMIT_BYTES,
      requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
      trustProxy: e.TRUST_PROXY,
    },
    cors: {
      origins: e.CORS_ORIGINS?.includes('*') ? '*' : (e.CORS_ORIGINS ?? []),
      allowCredentials: e.CORS_ALLOW_CREDENTIALS,
    },
    rateLimit: {
      windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
      mutations: e.RATE_LIMIT_MUTATIONS,
      queryCost: e.RATE_LIMIT_QUERY_COST,
      connectionCost: e.RATE_LIMIT_CONNECTION_COST,
      leasePercent: e.RATE_LIMIT_LEASE_PERCENT,
      subscriptionsPerKey: e.SUBSCRIPTIONS_PER_KEY,
      redis: e.REDIS_URL ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX } : undefined,
    },
    jwt:
      e.JWT_SECRET || e.JWT_JWKS_URL
        ? { issuer: e.JWT_ISSUER!, audience: e.JWT_AUDIENCE!, secret: e.JWT_SECRET, jwksUrl: e.JWT_JWKS_URL, roleClaim: e.JWT_ROLE_CLAIM }
        : undefined,
  };
}
