// Rate limits per caller: an API key or JWT subject when one is presented, the client address otherwise.
// Mutations are charged one point per mutation field executed, so aliases (`a: updateX … b: updateX …`) cost
// what separate requests would; queries are charged their cost (graphql/armor.ts), so one expensive query
// uses up as much as many cheap ones. A refusal is RATE_LIMITED with HTTP 429, Retry-After and
// extensions.retryAfter (seconds). An export (http/export.routes.ts) is charged against the query budget.
//
// Operations over WebSocket (websocket.server.ts) are charged the same: a connection costs
// RATE_LIMIT_CONNECTION_COST of the query budget, a subscription its cost when it starts, queries and
// mutations as over HTTP.
//
// The counters live in a store every instance shares (rate-limit.store.ts): PostgreSQL, or Redis when
// REDIS_URL is set, so that instances behind a load balancer allow the limit once between them. Each
// instance takes its callers' points from it in leases (leased-budget.ts), so that most requests are
// charged without a round trip.
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { principalOf, type Viewer } from '../auth/viewer';
import { DomainError, ErrorCode } from '../common/errors';
import type { RateLimitConfig } from '../config/config';
import { operationCost } from '../graphql/armor';
import type { GraphQLContext } from '../graphql/context';
import { LeasedBudget } from './leased-budget';
import type { LimiterStore } from './rate-limit.store';

export class RateLimitedError extends DomainError {
  constructor(what: string, readonly retryAfter: number) {
    super(ErrorCode.RATE_LIMITED, `Rate limit reached: ${what}. Retry after ${retryAfter} s.`, undefined, { retryAfter });
  }
}

/** The key a caller's points are counted under. */
export function callerOf(viewer: Viewer, clientAddress: string): string {
  return viewer.kind === 'ANONYMOUS' ? `address:${clientAddress}` : principalOf(viewer);
}

/** What an operation is charged from: the parts of a request that operationCost (graphql/armor.ts) reads. */
export interface ChargedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables?: Record<string, unknown>;
}

/** The budgets, shared by the GraphQL plugin, the WebSocket server and the HTTP routes that read (exports). */
export class RateLimits {
  private readonly window: string;
  private readonly mutations: LeasedBudget;
  private readonly queryCost: LeasedBudget;

  /** `maxCost`: the cost limit (GRAPHQL_MAX_COST); a query over it is refused by graphql/armor.ts, uncharged. */
  constructor(
    private readonly config: RateLimitConfig,
    private readonly maxCost: number,
    store: LimiterStore,
  ) {
    this.window = `per ${config.windowSeconds} s`;
    const budget = (name: string, limit: number) =>
      new LeasedBudget(store, { name, limit, windowMs: config.windowSeconds * 1000, leasePoints: Math.floor((limit * config.leasePercent) / 100) });
    this.mutations = budget('mutations', config.mutations);
    this.queryCost = budget('query-cost', config.queryCost);
  }

  /** A WebSocket connection, when it opens: RATE_LIMIT_CONNECTION_COST of the query budget. */
  chargeConnection(caller: string): Promise<void> {
    return charge(this.queryCost, caller, this.config.connectionCost, `a query cost of ${this.config.queryCost} ${this.window} (a connection costs ${this.config.connectionCost})`);
  }

  /**
   * An operation: mutation fields from the mutation budget, a query's or subscription's cost from the query
   * budget. `exemptOverCost`: an operation over the cost limit is not charged, because graphql/armor.ts
   * refuses it (HTTP); where nothing refuses it (WebSocket) it is charged in full.
   */
  async chargeOperation(caller: string, { schema, document, operation, variables }: ChargedOperation, exemptOverCost: boolean): Promise<void> {
    if (operation.operation === 'mutation') {
      const fragments = new Map(
        document.definitions
          .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
          .map((fragment) => [fragment.name.value, fragment]),
      );
      const fields = countFields(operation.selectionSet, fragments, new Set());
      await charge(this.mutations, caller, fields, `${this.config.mutations} mutation fields ${this.window}`);
      return;
    }
    // operationCost reads only these four parts of Apollo's request context.
    const cost = Math.ceil(operationCost({ schema, document, operation, request: { variables } } as unknown as Parameters<typeof operationCost>[0]));
    if (exemptOverCost && cost > this.maxCost) return;
    await charge(this.queryCost, caller, cost, `a query cost of ${this.config.queryCost} ${this.window}`);
  }

  /**
   * Charges an export the cost of the costliest query allowed: it reads every row a filter selects, as many
   * pages of the largest size would. Throws RateLimitedError when the caller's query budget is spent.
   */
  chargeExport(caller: string): Promise<void> {
    return charge(this.queryCost, caller, this.maxCost, `a query cost of ${this.config.queryCost} ${this.window} (an export costs ${this.maxCost})`);
  }

  plugin(): ApolloServerPlugin<GraphQLContext> {
    return {
      requestDidStart: async () => ({
        didResolveOperation: async ({ operation, document, schema, request, contextValue }) => {
          // Subscriptions over HTTP are refused (http/websocket.server.ts), uncharged.
          if (!operation || operation.operation === 'subscription' || contextValue.rateLimitCharged) return;
          const caller = callerOf(contextValue.viewer, contextValue.clientAddress);
          try {
            await this.chargeOperation(caller, { schema, document, operation, variables: request.variables }, true);
          } catch (error) {
            if (!(error instanceof RateLimitedError)) throw error;
            // A GraphQLError carries the HTTP status and header; format-error.ts reads the domain error inside it.
            throw new GraphQLError(error.message, {
              originalError: error,
              extensions: {
                code: ErrorCode.RATE_LIMITED,
                http: { status: 429, headers: new HeaderMap([['retry-after', String(error.retryAfter)]]) },
              },
            });
          }
        },
      }),
    };
  }
}

/** A store failure is an error for the request (it propagates), not a refusal and not a free pass. */
async function charge(budget: LeasedBudget, caller: string, points: number, what: string): Promise<void> {
  if (points === 0) return;
  const refusedFor = await budget.take(caller, points);
  if (refusedFor !== undefined) throw new RateLimitedError(what, Math.max(1, Math.ceil(refusedFor / 1000)));
}

/** The fields a selection set executes at its level, through fragments; __typename is free. */
function countFields(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, visited: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!selection.name.value.startsWith('__')) count += 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countFields(selection.selectionSet, fragments, visited);
    } else {
      const fragment = fragments.get(selection.name.value);
      if (fragment && !visited.has(fragment.name.value)) {
        visited.add(fragment.name.value);
        count += countFields(fragment.selectionSet, fragments, visited);
      }
    }
  }
  return count;
}
