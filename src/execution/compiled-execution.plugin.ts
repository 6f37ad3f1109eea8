// Serves a query operation as one SQL statement when every field it selects compiles (planner.ts), before
// graphql-js would resolve it field by field. Apollo has parsed and validated the document and every
// didResolveOperation hook (cost limit, rate limit) has run by then, so the same checks guard both paths.
// Anything the plan cannot answer exactly as the resolvers would — a field without a compiler, variables
// that do not coerce, an argument the services refuse (bad ID, page size, cursor), a database error — is
// left to the resolvers, which give the same answer or the same coded error they always gave.
import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext } from '@apollo/server';
import { getVariableValues, GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Pool } from 'pg';
import { DomainError } from '../common/errors';
import type { GraphQLContext } from '../graphql/context';
import { compileOperation, NotCompilable, type Plan } from './planner';
import { RawJson } from './raw-json';
import { TYPE_COMPILERS } from './type-sql';

export interface CompiledExecutionOptions {
  pool: Pool;
  /** Plans kept, per document and operation; the least recently used go first. */
  cacheSize: number;
  /**
   * How many distinct statement texts run as named prepared statements. PostgreSQL then parses and plans a
   * repeated request's statement once per connection (most of its cost for a small read), but node-postgres
   * keeps every name it prepared for the life of a connection, so the names are bounded: texts beyond the
   * limit run unnamed.
   */
  preparedStatements?: number;
}

/** What a plugin keeps per document and operation: its plan, or why the resolvers serve it. */
type CachedPlan = Plan | NotCompilable;

export class CompiledExecution {
  private readonly plans: LRUCache<string, CachedPlan>;
  /** The name of each statement text that runs prepared. */
  private readonly prepared = new Map<string, string>();

  constructor(private readonly options: CompiledExecutionOptions) {
    this.plans = new LRUCache({ max: options.cacheSize });
  }

  /** The prepared statement's name for a text, or undefined when it is to run unnamed. */
  private statementName(text: string): string | undefined {
    let name = this.prepared.get(text);
    if (name === undefined && this.prepared.size < (this.options.preparedStatements ?? 1_000)) {
      name = `ct_${createHash('sha1').update(text).digest('base64url')}`;
      this.prepared.set(text, name);
    }
    return name;
  }

  get cachedPlans(): number {
    return this.plans.size;
  }

  planFor(requestContext: GraphQLRequestContext<GraphQLContext>): CachedPlan {
    const { queryHash, operationName, document, operation, schema } = requestContext;
    const key = `${queryHash}\u0000${operationName ?? ''}`;
    let plan = this.plans.get(key);
    if (plan === undefined) {
      try {
        plan = compileOperation(schema, document!, operation!, TYPE_COMPILERS);
      } catch (error) {
        if (!(error instanceof NotCompilable)) throw error;
        plan = error;
      }
      this.plans.set(key, plan);
    }
    return plan;
  }

  plugin(): ApolloServerPlugin<GraphQLContext> {
    return {
      requestDidStart: async () => ({
        responseForOperation: async (requestContext) => {
          const { operation, schema, request, contextValue } = requestContext;
          if (operation?.operation !== 'query') return null;
          const plan = this.planFor(requestContext);
          if (plan instanceof NotCompilable) return null;
          const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          if (variables.errors) return null;
          let statement;
          try {
            statement = plan.bind(variables.coerced);
          } catch (error) {
            if (error instanceof DomainError || error instanceof GraphQLError) return null;
            throw error;
          }
          let text: string;
          try {
            const { text: sqlText, values } = statement;
            const { rows } = await this.options.pool.query<{ data: string }>({ name: this.statementName(sqlText), text: sqlText, values });
            text = rows[0]!.data;
          } catch (error) {
            contextValue.logger.warn({ err: error }, 'compiled statement failed; answering through the resolvers');
            return null;
          }
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: new RawJson(text) as never } } };
        },
      }),
    };
  }
}
