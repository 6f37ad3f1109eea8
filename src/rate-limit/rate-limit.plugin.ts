// Rate limits per caller: an API key or JWT subject when one is presented, the client address otherwise.
// Mutations are charged one point per mutation field executed, so aliases (`a: updateX … b: updateX …`) cost
// what separate requests would; queries are charged their cost (graphql/armor.ts), so one expensive query
// uses up as much as many cheap ones. A refusal is RATE_LIMITED with HTTP 429, Retry-After and
// extensions.retryAfter (seconds). An export (http/export.routes.ts) is charged against the query budget.
//
// The counters live in this process's memory: with several instances behind a load balancer each allows the
// full rate. For a shared limit use rate-limiter-flexible's RateLimiterPostgres (on the same pool) or
// RateLimiterRedis in place of RateLimiterMemory; the rest stays as it is.
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { principalOf, type Viewer } from '../auth/viewer';
import { DomainError, ErrorCode } from '../common/errors';
import type { RateLimitConfig } from '../config/config';
import { operationCost } from '../graphql/armor';
import type { GraphQLContext } from '../graphql/context';

export class RateLimitedError extends DomainError {
  constructor(what: string, readonly retryAfter: number) {
    super(ErrorCode.RATE_LIMITED, `Rate limit reached: ${what}. Retry after ${retryAfter} s.`, undefined, { retryAfter });
  }
}

/** The key a caller's points are counted under. */
export function callerOf(viewer: Viewer, clientAddress: string): string {
  return viewer.kind === 'ANONYMOUS' ? `address:${clientAddress}` : principalOf(viewer);
}

/** The limits of one process, shared by the GraphQL plugin and the HTTP routes that read (exports). */
export class RateLimits {
  private readonly window: string;
  private readonly mutations: RateLimiterMemory;
  private readonly queryCost: RateLimiterMemory;

  /** `maxCost`: the cost limit (GRAPHQL_MAX_COST); a query over it is refused by graphql/armor.ts, uncharged. */
  constructor(
    private readonly config: RateLimitConfig,
    private readonly maxCost: number,
  ) {
    this.window = `per ${config.windowSeconds} s`;
    this.mutations = new RateLimiterMemory({ keyPrefix: 'mutations', points: config.mutations, duration: config.windowSeconds });
    this.queryCost = new RateLimiterMemory({ keyPrefix: 'query-cost', points: config.queryCost, duration: config.windowSeconds });
  }

  /**
   * Charges an export the cost of the costliest query allowed: it reads every row a filter selects, as many
   * pages of the largest size would. Throws RateLimitedError when the caller's query budget is spent.
   */
  chargeExport(caller: string): Promise<void> {
    return charge(this.queryCost, caller, this.maxCost, `a query cost of ${this.config.queryCost} ${this.window} (an export costs ${this.maxCost})`);
  }

  plugin(): ApolloServerPlugin<GraphQLContext> {
    const { config, window, maxCost } = this;
    return {
      requestDidStart: async () => ({
        didResolveOperation: async (requestContext) => {
          const { operation, document, contextValue } = requestContext;
          if (!operation) return;
          const caller = callerOf(contextValue.viewer, contextValue.clientAddress);
          try {
            if (operation.operation === 'mutation') {
              const fragments = new Map(
                document.definitions
                  .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
                  .map((fragment) => [fragment.name.value, fragment]),
              );
              const fields = countFields(operation.selectionSet, fragments, new Set());
              await charge(this.mutations, caller, fields, `${config.mutations} mutation fields ${window}`);
            } else if (operation.operation === 'query') {
              const cost = Math.ceil(operationCost(requestContext));
              if (cost <= maxCost) await charge(this.queryCost, caller, cost, `a query cost of ${config.queryCost} ${window}`);
            }
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

async function charge(limiter: RateLimiterAbstract, caller: string, points: number, what: string): Promise<void> {
  if (points === 0) return;
  try {
    await limiter.consume(caller, points);
  } catch (rejection) {
    // A store failure (possible with a Postgres or Redis store) is an error, not a refusal.
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    // The limiter counts the points even when it refuses; a refused request did no work, so it costs nothing.
    await limiter.reward(caller, points);
    throw new RateLimitedError(what, Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
  }
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
