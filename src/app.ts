// Composition root: wires configuration, database, GraphQL and HTTP, and knows how to stop them in order.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { Authenticator } from './auth/authenticator';
import { JwtService } from './auth/jwt.service';
import type { AppConfig } from './config/config';
import { locateDatabase } from './db/connection';
import { applyMigrations } from './db/migrations/migrator';
import { createDatabase } from './db/prisma';
import { ReplicaRouter } from './db/replicas';
import { queryLimitProtections } from './graphql/armor';
import type { GraphQLContext } from './graphql/context';
import { createContext } from './graphql/create-context';
import { errorLoggingPlugin, formatError, logContextCreationFailure } from './graphql/format-error';
import { buildGraphQLSchema } from './graphql/schema';
import { createServices } from './graphql/services';
import { ReadRouting, readAfterOf } from './graphql/read-routing';
import { HealthService } from './health/health.service';
import { healthRoutes } from './http/health.routes';
import { accessLog } from './http/access-log';
import { corsMiddleware } from './http/cors';
import { exportRoutes } from './http/export.routes';
import { httpErrorHandler, requestDeadline } from './http/http-errors';
import { OpenSubscriptions } from './http/open-subscriptions';
import { requestId } from './http/request-id';
import { serveSubscriptions } from './http/websocket.server';
import { CompiledExecution } from './execution/compiled-execution.plugin';
import { compiledSubscribe } from './execution/compiled-subscriptions';
import { stringifyResult } from './execution/raw-json';
import { createMetrics } from './observability/metrics';
import { RateLimits } from './rate-limit/rate-limit.plugin';
import { compiledFastPath, type FastPathHandover } from './http/compiled-fast-path';
import { compiledFront, once } from './http/compiled-front';
import { createLimiterStore, type LimiterStore } from './rate-limit/rate-limit.store';
import { SubscriptionSlots } from './rate-limit/subscription-slots';
import { webRoutes } from './web/web.routes';
import { seedIfEmpty } from './seed/seed-on-start';
import { ChangeEventRetention } from './subscription/change-event.retention';
import { ChangeFeed } from './subscription/change-feed';
import { CommitmentChangeListener } from './subscription/commitment-change.listener';
import type { Logger } from './logger';

export interface RunningApp {
  url: string;
  databaseUrl: string;
  /** Readiness fails, in-flight requests finish (up to the grace period), then everything is closed. */
  stop(): Promise<void>;
}

export async function startApp(config: AppConfig, logger: Logger): Promise<RunningApp> {
  const location = await locateDatabase(config, logger);
  let limiterStore: LimiterStore | undefined;
  try {
    if (config.database.migrateOnStart) {
      const applied = await applyMigrations(location.url);
      if (applied.length) logger.info({ migrations: applied }, 'applied migrations');
    }
    const database = createDatabase({ ...config.database, url: location.url, logger });
    if (config.database.seedOnStart) await seedIfEmpty(database.prisma, logger);
    // Before anything is served: a replica URL naming a primary or another database stops the start here.
    const replicas = new ReplicaRouter(database, { ...config.database, logger }, config.database.replicas, logger);
    try {
      await replicas.verify();
    } catch (error) {
      await replicas.close();
      await database.close();
      throw error;
    }
    await replicas.start();
    const changeFeed = new ChangeFeed();
    const serviceOptions = { apiKeyCacheTtlMs: config.apiKeyCacheTtlMs, changeFeed };
    const services = createServices(database, serviceOptions);
    const readRouting = new ReadRouting(
      replicas,
      services,
      replicas.replicaDatabases.map(({ target }) => createServices(database, serviceOptions, target)),
    );
    const authenticator = new Authenticator(
      services.apiKeys,
      config.jwt && new JwtService(config.jwt),
      config.publicRead,
    );
    const health = new HealthService(database.prisma, replicas);
    const subscriptions = new OpenSubscriptions();
    const metrics = createMetrics({ pool: database.pool, subscriptions, replicas });
    // Shared by every instance on this database (or Redis), so that the limits hold across the fleet.
    const store = (limiterStore = createLimiterStore(config.rateLimit, {
      databaseUrl: location.url,
      connectionTimeoutMs: config.database.connectionTimeoutMs,
      statementTimeoutMs: config.database.statementTimeoutMs,
      logger,
    }));
    await store.ready();
    logger.info({ store: store.kind }, 'rate limits shared through the store');
    const rateLimits = new RateLimits(config.rateLimit, config.queryLimits.maxCost, store);
    const limits = queryLimitProtections(config.queryLimits, { fieldSuggestions: config.graphql.fieldSuggestions });

    const app = express();
    app.disable('x-powered-by');
    // Responses are POST answers computed per request: an ETag would only cost a hash of every body.
    app.set('etag', false);
    app.set('trust proxy', config.http.trustProxy);
    // Node's own limit on receiving a request (slow clients); the deadline middleware covers answering it.
    // Its request listener is added once the routes are in place, below.
    const httpServer = http.createServer({ requestTimeout: config.http.requestTimeoutMs, headersTimeout: Math.min(60_000, config.http.requestTimeoutMs) });
    let shuttingDown = false;

    // Subscriptions hear of every committed write, made on this instance or another, through PostgreSQL.
    const changeListener = new CommitmentChangeListener(location.url, database.prisma, changeFeed, logger);
    await changeListener.start();
    const retention = new ChangeEventRetention(database.prisma, config.changeEventsRetentionHours, logger);
    retention.start();
    const schema = await buildGraphQLSchema();
    const compiled = config.graphql.compiledExecution ? new CompiledExecution({ pool: database.pool, cacheSize: config.graphql.planCacheSize }) : undefined;
    const subscriptionServer = serveSubscriptions({
      httpServer,
      path: '/graphql',
      schema,
      authenticator,
      services,
      logger,
      openSubscriptions: subscriptions,
      rateLimits,
      subscriptionSlots: new SubscriptionSlots(config.rateLimit.subscriptionsPerKey),
      queryLimits: limits,
      ...(compiled && { subscribe: compiledSubscribe(compiled) }),
    });

    const apollo = new ApolloServer<GraphQLContext>({
      schema,
      formatError: metrics.countingErrors(formatError),
      includeStacktraceInErrorResponses: false,
      csrfPrevention: true,
      allowBatchedHttpRequests: false,
      // Compact JSON (Apollo pretty-prints by default); a compiled answer's JSON text is spliced in as it is.
      stringifyResult,
      // main.ts owns SIGTERM/SIGINT and stops everything in order; Apollo's own handler would race it.
      stopOnTerminationSignals: false,
      introspection: config.graphql.introspection,
      validationRules: limits.validationRules,
      parseOptions: limits.parseOptions,
      plugins: [
        ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs }),
        config.graphql.landingPage
          ? ApolloServerPluginLandingPageLocalDefault({ embed: true })
          : ApolloServerPluginLandingPageDisabled(),
        // We set no cache hints; the default cache-control plugin would still wrap every field resolver.
        ApolloServerPluginCacheControlDisabled(),
        errorLoggingPlugin,
        ...limits.plugins,
        rateLimits.plugin(),
        ...(replicas.enabled ? [readRouting.plugin()] : []),
        metrics.plugin,
        // Last: it answers only after every check above has passed for the operation.
        ...(compiled ? [compiled.plugin()] : []),
        ...subscriptionServer.plugins,
      ],
    });
    await apollo.start();

    // Wrapped in once(): the compiled front (http/compiled-front.ts) runs these for a POST to /graphql before
    // the app does, and the app then skips what it ran.
    const observe = [requestId(logger), accessLog, metrics.httpResponses].map(once);
    const cors = corsMiddleware(config.cors);
    const graphqlCors = cors && once(cors);
    const graphqlBody = [requestDeadline(config.http.requestTimeoutMs, metrics.countError), express.json({ limit: config.http.bodyLimitBytes })].map(once);
    const fastPath =
      compiled &&
      once(
        compiledFastPath({
          compiled,
          authenticator,
          rateLimits,
          maxCost: config.queryLimits.maxCost,
          metrics,
          readPoolFor: (client, headers) => (replicas.enabled ? readRouting.route(client, readAfterOf(headers)).readPool : undefined),
        }),
      );
    const graphqlErrors = httpErrorHandler(logger, metrics.countError);

    app.use(...observe);
    if (graphqlCors) app.use('/graphql', graphqlCors);
    if (cors) app.use('/export', cors);
    app.get('/metrics', metrics.handler);
    app.use(healthRoutes(health, () => shuttingDown));
    // The dashboard at / and its bundle; it reads the API below like any other client.
    app.use(webRoutes(services));
    app.use(
      '/export',
      exportRoutes({
        schema,
        exports: replicas.enabled
          ? (viewer, clientAddress) => readRouting.route({ viewer, clientAddress }).services.commitmentExport
          : services.commitmentExport,
        authenticator,
        rateLimits,
        logger,
        onError: metrics.countError,
      }),
      httpErrorHandler(logger, metrics.countError),
    );
    app.use(
      '/graphql',
      ...graphqlBody,
      ...(fastPath ? [fastPath] : []),
      expressMiddleware(apollo, {
        context: async ({ req, res }) => {
          const requestLogger = res.locals.logger as Logger;
          try {
            const clientAddress = req.ip ?? req.socket.remoteAddress ?? 'unknown';
            // Once per request; a verified API key is cached for API_KEY_CACHE_TTL_MS: revoked elsewhere, it works until then.
            // Begun by the fast path when it looked at the request first.
            const handover = res.locals as FastPathHandover;
            const viewer = await (handover.viewer ?? authenticator.viewerFor(req.headers.authorization, requestLogger));
            return createContext({
              rateLimitCharged: handover.rateLimitCharged === true,
              requestId: res.locals.requestId as string,
              clientAddress,
              logger: requestLogger,
              viewer,
              ...(replicas.enabled ? readRouting.route({ viewer, clientAddress }, readAfterOf(req.headers)) : { services }),
            });
          } catch (error) {
            logContextCreationFailure(error, requestLogger);
            throw error;
          }
        },
      }),
      graphqlErrors,
    );
    httpServer.on(
      'request',
      fastPath ? compiledFront({ app, stack: [...observe, ...(graphqlCors ? [graphqlCors] : []), ...graphqlBody], fastPath, onError: graphqlErrors }) : app,
    );

    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, resolve);
    });
    const { port } = httpServer.address() as AddressInfo;
    const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}/graphql`;
    logger.info({ url, embeddedDatabase: location.embedded }, 'server ready');

    return {
      url,
      databaseUrl: location.url,
      async stop() {
        shuttingDown = true;
        if (config.shutdownReadinessDelayMs > 0) {
          logger.info({ delayMs: config.shutdownReadinessDelayMs }, 'not ready; serving until the drain begins');
          await sleep(config.shutdownReadinessDelayMs);
        }
        await subscriptions.closeAll();
        logger.info({ graceMs: config.shutdownGraceMs }, 'draining in-flight requests');
        await apollo.stop();
        await changeListener.close();
        await retention.stop();
        await store.close();
        await replicas.close();
        await database.close();
        await location.stop();
      },
    };
  } catch (error) {
    await limiterStore?.close();
    await location.stop();
    throw error;
  }
}
