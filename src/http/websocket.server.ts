// GraphQL subscriptions over WebSocket (the graphql-transport-ws protocol of graphql-ws), on the HTTP server
// and path of the API: ws://host/graphql. A connection is authenticated once, when it opens, by the same
// Authenticator and rules as HTTP requests: the credential goes in connectionParams.authorization
// ("Bearer <API key or JWT>"); without one, PUBLIC_READ decides. It is checked again for each subscription
// started on the connection, so a key revoked since is refused from then on.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { CloseCode, type Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Authenticator } from '../auth/authenticator';
import type { GraphQLContext } from '../graphql/context';
import { createContext } from '../graphql/create-context';
import { formatError } from '../graphql/format-error';
import type { Services } from '../graphql/services';
import type { Logger } from '../logger';
import type { OpenSubscriptions } from './open-subscriptions';

export interface SubscriptionServerOptions {
  httpServer: Server;
  path: string;
  schema: GraphQLSchema;
  authenticator: Authenticator;
  services: Services;
  logger: Logger;
  /** The registry shutdown closes and metrics count: every running subscription is in it. */
  openSubscriptions: OpenSubscriptions;
}

export interface SubscriptionServer {
  /**
   * For Apollo: one closes every subscription and connection (1001 Going away) when Apollo drains, i.e. in
   * app.stop(); the other refuses subscription operations over HTTP.
   */
  plugins: ApolloServerPlugin<GraphQLContext>[];
}

/**
 * Apollo would execute a subscription sent over HTTP as a query, once, with no event: the resolvers would
 * have nothing to resolve. It is refused with 400 and where to go instead.
 */
const subscriptionsOverHttpRefused: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation !== 'subscription') return;
        throw new GraphQLError('Subscriptions are served over WebSocket (the graphql-transport-ws protocol of graphql-ws) on this path, not over HTTP', {
          extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
        });
      },
    };
  },
};

function authorizationOf(context: Context): string | undefined {
  const value = context.connectionParams?.authorization;
  return typeof value === 'string' ? value : undefined;
}

export function serveSubscriptions({ httpServer, path, schema, authenticator, services, logger, openSubscriptions }: SubscriptionServerOptions): SubscriptionServer {
  const wsServer = new WebSocketServer({ server: httpServer, path });
  /** Per connection: the removers of its running subscriptions from the registry, by operation id. */
  const running = new WeakMap<Context, Map<string, () => void>>();
  const authenticate = (context: Context) => authenticator.viewerFor(authorizationOf(context), logger);

  const cleanup = useServer(
    {
      schema,
      async onConnect(context) {
        try {
          await authenticate(context);
          return true;
        } catch (error) {
          if (!(error instanceof GraphQLError)) throw error;
          // 4401 with the reason, rather than graphql-ws's bare 4403, so that the client knows to send a credential.
          context.extra.socket.close(CloseCode.Unauthorized, error.message);
          return false;
        }
      },
      async context(context) {
        const viewer = await authenticate(context);
        const requestId = randomUUID();
        return createContext({
          requestId,
          clientAddress: context.extra.request.socket.remoteAddress ?? 'unknown',
          logger: logger.child({ requestId, transport: 'websocket' }),
          viewer,
          services,
        });
      },
      onOperation(context, id, _payload, _args, result) {
        if (!(Symbol.asyncIterator in result)) return;
        const removers = running.get(context) ?? new Map<string, () => void>();
        running.set(context, removers);
        // Shutdown ends a subscription by closing its connection: 1001 tells the client to reconnect elsewhere.
        removers.set(id, openSubscriptions.add(() => context.extra.socket.close(1001, 'Server shutting down')));
      },
      // Called when a subscription ends for any reason: the client completed it, it failed, or the socket closed.
      onComplete(context, id) {
        running.get(context)?.get(id)?.();
        running.get(context)?.delete(id);
      },
      // The one mapping of errors to what clients see, as for HTTP: domain errors keep their code, others are masked.
      onError: (_context, _id, _payload, errors) => errors.map((error) => formatError(error.toJSON(), error)),
      onNext: (_context, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) } : undefined,
    },
    wsServer,
  );

  return {
    plugins: [
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await cleanup.dispose();
            },
          };
        },
      },
      subscriptionsOverHttpRefused,
    ],
  };
}
