// GraphQL subscriptions over WebSocket (the graphql-transport-ws protocol of graphql-ws), on the HTTP server
// and path of the API: ws://host/graphql. A connection is authenticated once, when it opens, by the same
// Authenticator and rules as HTTP requests: the credential goes in connectionParams.authorization
// ("Bearer <API key or JWT>"); without one, PUBLIC_READ decides. It is checked again for each subscription
// started on the connection, so a key revoked since is refused from then on.
//
// The rate limits of HTTP apply here too (rate-limit/rate-limit.plugin.ts), from the same shared budgets:
// opening a connection costs RATE_LIMIT_CONNECTION_COST of the query budget (refused: close code 4429 with
// the reason), every operation is charged as over HTTP, and a subscription its cost when it starts. A
// caller holds at most SUBSCRIPTIONS_PER_KEY subscriptions open on an instance (TOO_MANY_SUBSCRIPTIONS).
// So do the query limits of HTTP (graphql/armor.ts: tokens, depth, aliases, directives, cost), from the same
// configuration and with the same errors, before anything is charged.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { type ExecutionArgs, type ExecutionResult, getOperationAST, GraphQLError, type GraphQLSchema } from 'graphql';
import { CloseCode, type Context } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Authenticator } from '../auth/authenticator';
import { DomainError } from '../common/errors';
import type { QueryLimitProtections } from '../graphql/armor';
import type { GraphQLContext } from '../graphql/context';
import { createContext } from '../graphql/create-context';
import { formatError } from '../graphql/format-error';
import type { Services } from '../graphql/services';
import type { Logger } from '../logger';
import { callerOf, RateLimitedError, type RateLimits } from '../rate-limit/rate-limit.plugin';
import type { SubscriptionSlots } from '../rate-limit/subscription-slots';
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
  rateLimits: RateLimits;
  subscriptionSlots: SubscriptionSlots;
  /** The query limits Apollo applies over HTTP, applied here to every operation too. */
  queryLimits: Pick<QueryLimitProtections, 'refusals'>;
  /** How subscription operations run (compiled payloads: execution/compiled-subscriptions.ts); graphql-js's subscribe by default. */
  subscribe?: (args: ExecutionArgs) => Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult>;
}

/** A connection refused for its caller's budget; 4400–4499 are the client's fault in graphql-ws, and fatal to its retries. */
export const RATE_LIMITED_CLOSE_CODE = 4429;

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

function withoutHttp(error: GraphQLError): GraphQLError {
  const { http: _http, ...extensions } = error.extensions;
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, originalError: error.originalError, extensions });
}

function authorizationOf(context: Context): string | undefined {
  const value = context.connectionParams?.authorization;
  return typeof value === 'string' ? value : undefined;
}

export function serveSubscriptions({ httpServer, path, schema, authenticator, services, logger, openSubscriptions, rateLimits, subscriptionSlots, queryLimits, subscribe }: SubscriptionServerOptions): SubscriptionServer {
  const wsServer = new WebSocketServer({ server: httpServer, path });
  /** Per connection: the removers of its running subscriptions from the registry, by operation id. */
  const running = new WeakMap<Context, Map<string, () => void>>();
  /** Per connection: the per-caller slots its subscriptions hold, by operation id, taken before they start. */
  const slots = new WeakMap<Context, Map<string, () => void>>();
  const release = (context: Context, id: string) => {
    slots.get(context)?.get(id)?.();
    slots.get(context)?.delete(id);
  };
  const authenticate = (context: Context) => authenticator.viewerFor(authorizationOf(context), logger);
  const clientAddress = (context: Context<Record<string, unknown> | undefined, Extra>) => context.extra.request.socket.remoteAddress ?? 'unknown';

  const cleanup = useServer(
    {
      schema,
      ...(subscribe && { subscribe }),
      async onConnect(context) {
        try {
          const viewer = await authenticate(context);
          await rateLimits.chargeConnection(callerOf(viewer, clientAddress(context)));
          return true;
        } catch (error) {
          if (error instanceof RateLimitedError) {
            context.extra.socket.close(RATE_LIMITED_CLOSE_CODE, error.message);
            return false;
          }
          if (!(error instanceof GraphQLError)) throw error;
          // 4401 with the reason, rather than graphql-ws's bare 4403, so that the client knows to send a credential.
          context.extra.socket.close(CloseCode.Unauthorized, error.message);
          return false;
        }
      },
      // Checks the query limits, validates and charges the operation before graphql-ws runs it, and hands it the
      // parsed arguments so that nothing is parsed or validated twice. A document over a limit, that does not
      // parse or does not validate is refused with the errors HTTP gives; one with no operation to run is left
      // to graphql-ws to refuse as it does: all uncharged.
      async onSubscribe(context, id, payload) {
        const checked = queryLimits.refusals(schema, payload, (document) => getOperationAST(document, payload.operationName));
        if (!checked) return undefined;
        // Without the HTTP status a refusal carries for Apollo, which Apollo takes out of what clients see.
        if ('errors' in checked) return checked.errors.map((error) => withoutHttp(error));
        const { document } = checked;
        const operation = getOperationAST(document, payload.operationName)!;
        let caller: string;
        try {
          caller = callerOf(await authenticate(context), clientAddress(context));
        } catch (error) {
          // Refused again, with its reason, by `context` below.
          if (error instanceof GraphQLError) return undefined;
          throw error;
        }
        try {
          if (operation.operation === 'subscription') {
            const held = slots.get(context) ?? new Map<string, () => void>();
            slots.set(context, held);
            held.set(id, subscriptionSlots.take(caller));
          }
          await rateLimits.chargeOperation(caller, { schema, document, operation, variables: payload.variables ?? undefined }, false);
          return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
        } catch (error) {
          release(context, id);
          if (!(error instanceof DomainError)) throw error;
          return [new GraphQLError(error.message, { originalError: error })];
        }
      },
      async context(context) {
        const viewer = await authenticate(context);
        const requestId = randomUUID();
        return createContext({
          requestId,
          clientAddress: clientAddress(context),
          logger: logger.child({ requestId, transport: 'websocket' }),
          viewer,
          services,
        });
      },
      onOperation(context, id, _payload, _args, result) {
        if (!(Symbol.asyncIterator in result)) {
          // A query, a mutation, or a subscription that failed to start: nothing stays open.
          release(context, id);
          return;
        }
        const removers = running.get(context) ?? new Map<string, () => void>();
        running.set(context, removers);
        // Shutdown ends a subscription by closing its connection: 1001 tells the client to reconnect elsewhere.
        removers.set(id, openSubscriptions.add(() => context.extra.socket.close(1001, 'Server shutting down')));
      },
      // Called when a subscription ends for any reason: the client completed it, it failed, or the socket closed.
      onComplete(context, id) {
        running.get(context)?.get(id)?.();
        running.get(context)?.delete(id);
        release(context, id);
      },
      // A connection closed before one of its subscriptions began leaves no slot taken.
      onClose(context) {
        for (const id of [...(slots.get(context)?.keys() ?? [])]) release(context, id);
      },
      // The one mapping of errors to what clients see, as for HTTP: domain errors keep their code, others are masked.
      // An operation that fails (invalid, refused) ends without onComplete: its slot is given back here.
      onError: (context, id, _payload, errors) => {
        release(context, id);
        return errors.map((error) => formatError(error.toJSON(), error));
      },
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
