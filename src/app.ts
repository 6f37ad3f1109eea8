// Composition root: wires configuration, database, GraphQL and HTTP, and knows how to stop them in order.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { Authenticator } from './auth/authenticator';
import { JwtService } from './auth/jwt.service';
import type { AppConfig } from './config/config';
import { locateDatabase } from './database/connection';
import { applyMigrations } from './database/migrations/migrator';
import { createDatabase } from './database/prisma';
import { createContext, type GraphQLContext } from './graphql/context';
import { errorLoggingPlugin, formatError } from './graphql/format-error';
import { buildGraphQLSchema } from './graphql/schema';
import { createServices } from './graphql/services';
import { HealthService } from './health/health.service';
import { healthRoutes } from './http/health.routes';
import { requestId } from './http/request-id';
import { seedIfEmpty } from './seed/seed-on-start';
import type { Logger } from './logger';

export interface RunningApp {
  url: string;
  databaseUrl: string;
  /** Readiness fails, in-flight requests finish (up to the grace period), then everything is closed. */
  stop(): Promise<void>;
}

export async function startApp(config: AppConfig, logger: Logger): Promise<RunningApp> {
  const location = await locateDatabase(config, logger);
  try {
    if (config.database.migrateOnStart) {
      const applied = await applyMigrations(location.url);
      if (applied.length) logger.info({ migrations: applied }, 'applied migrations');
    }
    const database = createDatabase({ ...config.database, url: location.url, logger });
    if (config.database.seedOnStart) await seedIfEmpty(database.prisma, logger);
    const services = createServices(database.prisma);
    const authenticator = new Authenticator(
      services.apiKeys,
      config.jwt && new JwtService(config.jwt),
      config.publicRead,
    );
    const health = new HealthService(database.prisma);

    const app = express();
    app.disable('x-powered-by');
    const httpServer = http.createServer(app);
    let shuttingDown = false;

    const apollo = new ApolloServer<GraphQLContext>({
      schema: await buildGraphQLSchema(),
      formatError,
      includeStacktraceInErrorResponses: false,
      csrfPrevention: true,
      allowBatchedHttpRequests: false,
      // main.ts owns SIGTERM/SIGINT and stops everything in order; Apollo's own handler would race it.
      stopOnTerminationSignals: false,
      introspection: config.graphql.introspection,
      plugins: [
        ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs }),
        config.graphql.landingPage
          ? ApolloServerPluginLandingPageLocalDefault({ embed: true })
          : ApolloServerPluginLandingPageDisabled(),
        errorLoggingPlugin,
      ],
    });
    await apollo.start();

    app.use(requestId);
    app.use(healthRoutes(health, () => shuttingDown));
    app.use(
      '/graphql',
      express.json({ limit: '100kb' }),
      expressMiddleware(apollo, {
        context: async ({ req, res }) => {
          const requestLogger = logger.child({ requestId: res.locals.requestId });
          return createContext({
            requestId: res.locals.requestId as string,
            logger: requestLogger,
            // Once per request, nothing cached across requests: a revoked key stops working at once.
            viewer: await authenticator.viewerFor(req.headers.authorization, requestLogger),
            services,
          });
        },
      }),
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
        await apollo.stop();
        await database.close();
        await location.stop();
      },
    };
  } catch (error) {
    await location.stop();
    throw error;
  }
}
