// Prometheus metrics, served at GET /metrics: requests and latency per GraphQL operation, errors per code,
// HTTP responses per status, the database pool's use, open subscriptions, and Node's process metrics.
// Each app has its own registry, so that several apps in one process (tests) do not collide.
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import type { Pool } from 'pg';
import type { ReplicaRouter } from '../db/replicas';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { GraphQLContext } from '../graphql/context';
import type { OpenSubscriptions } from '../http/open-subscriptions';

/**
 * Operation names are chosen by clients: past this many distinct names, new ones are counted as "(other)",
 * so that a client inventing names cannot grow the metrics without bound.
 */
const MAX_OPERATION_NAMES = 200;
const KNOWN_PATHS = new Set(['/graphql', '/healthz', '/readyz', '/metrics']);

export interface Metrics {
  registry: Registry;
  /** Apollo plugin: counts and times each operation. */
  plugin: ApolloServerPlugin<GraphQLContext>;
  /** Counts and times an operation answered without Apollo's pipeline (http/compiled-fast-path.ts), as the plugin would. */
  countOperation(operationName: string | undefined, operationType: string, seconds: number): void;
  /** Express middleware: counts HTTP responses by path and status. */
  httpResponses: RequestHandler;
  /** GET /metrics. */
  handler: RequestHandler;
  /** Counts an error sent to a client, by its code. */
  countError(code: string): void;
  /** Wraps Apollo's formatError so that every error a client receives is counted by its final code. */
  countingErrors<F extends (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError>(formatError: F): F;
}

export function createMetrics(sources: { pool: Pool; subscriptions: OpenSubscriptions; replicas?: ReplicaRouter }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const labelNames = ['operation_name', 'operation_type'] as const;
  const requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL operations received, by operation name and type ("(unresolved)" when the document did not parse or validate).',
    labelNames,
    registers: [registry],
  });
  const fastPathAnswers = new Counter({
    name: 'graphql_fast_path_answers_total',
    help: 'Query operations answered from their compiled plan without Apollo\'s pipeline (repeats of a text already answered; also counted in graphql_requests_total).',
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL operation to sending its response.',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'graphql_errors_total',
    help: 'Errors sent to clients, by extensions.code (GraphQL and HTTP-level refusals alike).',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const httpResponses = new Counter({
    name: 'http_responses_total',
    help: 'HTTP responses, by path and status.',
    labelNames: ['path', 'status'] as const,
    registers: [registry],
  });
  const { pool, subscriptions } = sources;
  new Gauge({
    name: 'db_pool_connections',
    help: 'Database connections in the pool: total (open), idle (open, not in use).',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
    },
  });
  new Gauge({
    name: 'db_pool_waiting_requests',
    help: 'Requests waiting for a free database connection.',
    registers: [registry],
    collect() {
      this.set(pool.waitingCount);
    },
  });
  const { replicas } = sources;
  if (replicas?.enabled) {
    new Gauge({
      name: 'db_read_requests_routed',
      help: 'GraphQL HTTP requests and exports since start, by the database their context was given ("primary" or a replica host:port/database); a mutation is then moved to the primary.',
      labelNames: ['database'] as const,
      registers: [registry],
      collect() {
        for (const { database, reads } of replicas.reads()) this.set({ database }, reads);
      },
    });
    new Gauge({
      name: 'db_replica_lag_bytes',
      help: 'WAL bytes each replica was behind the primary at its last check (absent while it is down).',
      labelNames: ['database'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const { name, lagBytes } of replicas.status()) if (lagBytes !== null) this.set({ database: name }, lagBytes);
      },
    });
  }
  new Gauge({
    name: 'graphql_subscriptions_open',
    help: 'GraphQL subscriptions open.',
    registers: [registry],
    collect() {
      this.set(subscriptions.count);
    },
  });

  const operationNames = new Set<string>();
  const operationLabel = (name: string | undefined): string => {
    if (!name) return '(anonymous)';
    if (operationNames.has(name)) return name;
    if (operationNames.size >= MAX_OPERATION_NAMES) return '(other)';
    operationNames.add(name);
    return name;
  };
  const countError = (code: string) => errors.inc({ code });

  return {
    registry,
    countOperation(operationName, operationType, seconds) {
      const labels = { operation_name: operationLabel(operationName), operation_type: operationType };
      requests.inc(labels);
      fastPathAnswers.inc();
      duration.observe(labels, seconds);
    },
    plugin: {
      async requestDidStart() {
        const stopTimer = duration.startTimer();
        return {
          async willSendResponse({ operation, operationName }) {
            const labels = operation
              ? { operation_name: operationLabel(operationName ?? undefined), operation_type: operation.operation }
              : { operation_name: '(unresolved)', operation_type: '(unresolved)' };
            requests.inc(labels);
            stopTimer(labels);
          },
        };
      },
    },
    httpResponses(req, res, next) {
      // originalUrl: inside a mounted route (/graphql) req.path is relative to the mount point.
      const path = req.originalUrl.split('?')[0]!;
      res.once('finish', () => {
        httpResponses.inc({ path: KNOWN_PATHS.has(path) ? path : '(other)', status: String(res.statusCode) });
      });
      next();
    },
    async handler(_req, res) {
      res.setHeader('Content-Type', registry.contentType);
      res.send(await registry.metrics());
    },
    countError,
    countingErrors(formatError) {
      return ((formatted, error) => {
        const result = formatError(formatted, error);
        countError(String(result.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
        return result;
      }) as typeof formatError;
    },
  };
}
