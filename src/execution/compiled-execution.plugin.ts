// Serves a query operation as one SQL statement when every field it selects compiles (planner.ts), before
// graphql-js would resolve it field by field. Apollo has parsed and validated the document and every
// didResolveOperation hook (cost limit, rate limit) has run by then, so the same checks guard both paths.
// Anything the plan cannot answer exactly as the resolvers would — a field without a compiler, variables
// that do not coerce, an argument the services refuse (bad ID, page size, cursor), a database error — is
// left to the resolvers, which give the same answer or the same coded error they always gave.
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext } from '@apollo/server';
import { getVariableValues, GraphQLError, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Pool } from 'pg';
import { DomainError } from '../common/errors';
import type { Logger } from '../logger';
import { PreparedStatements } from '../db/statements';
import type { GraphQLContext } from '../graphql/context';
import { toLocalDate } from '../common/dates';
import type { Sql } from '../db/json';
import { compileOperation, NotCompilable, type Plan } from './planner';
import { RawJson } from './raw-json';
import { TYPE_COMPILERS } from './type-sql';

export interface CompiledExecutionOptions {
  pool: Pool;
  /** Plans kept, per document and operation; the least recently used go first. */
  cacheSize: number;
  /** How many distinct statement texts run as named prepared statements (db/statements.ts). */
  preparedStatements?: number;
}

/** What a plugin keeps per document and operation: its plan, or why the resolvers serve it. */
type CachedPlan = Plan | NotCompilable;

/**
 * An operation Apollo has parsed and validated and the plan has answered: a repeat of its text can be
 * answered from the plan without Apollo's pipeline (http/compiled-fast-path.ts).
 */
export interface ReadyOperation {
  plan: Plan;
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

/** What the texts of ready operations may hold in all (characters): one per plan, up to the body limit each. */
const READY_TEXT_BYTES = 16 * 1024 * 1024;

/** What the bound statements kept may hold in all (characters of text and values). */
const BOUND_STATEMENT_CHARS = 8 * 1024 * 1024;

/** The key of a request's text and operation name. */
const readyKey = (query: string, operationName: string | null | undefined) => `${operationName ?? ''}\u0000${query}`;

export class CompiledExecution {
  private readonly plans: LRUCache<string, CachedPlan>;
  private readonly ready: LRUCache<string, ReadyOperation>;
  /**
   * Statements already bound, by plan, day and variables: a dashboard repeats the same request with the same
   * variables, and binding a large plan (the timeline's periods, its filter, the SQL text concatenated anew)
   * costs more than looking it up.
   */
  private readonly bound = new LRUCache<string, BoundStatement>({ max: 10_000, maxSize: BOUND_STATEMENT_CHARS, sizeCalculation: boundSize });
  private readonly statements: PreparedStatements;
  /** Per read pool (a replica's, db/replicas.ts): each keeps its own prepared statements. */
  private readonly statementsByPool = new Map<Pool, PreparedStatements>();
  private readonly preparedStatements: number | undefined;

  constructor(options: CompiledExecutionOptions) {
    this.plans = new LRUCache({ max: options.cacheSize });
    // Keyed by the whole text: bounded by its size as well as by count.
    this.ready = new LRUCache({ max: options.cacheSize, maxSize: READY_TEXT_BYTES, sizeCalculation: (_operation, key) => key.length + 1 });
    this.statements = new PreparedStatements(options.pool, options.preparedStatements);
    this.statementsByPool.set(options.pool, this.statements);
    this.preparedStatements = options.preparedStatements;
  }

  private statementsOn(pool: Pool | undefined): PreparedStatements {
    if (!pool) return this.statements;
    let statements = this.statementsByPool.get(pool);
    if (!statements) this.statementsByPool.set(pool, (statements = new PreparedStatements(pool, this.preparedStatements)));
    return statements;
  }

  /** The operation a request's text and name select, when the plan has answered it before; else undefined. */
  readyFor(query: string, operationName: string | null | undefined): ReadyOperation | undefined {
    return this.ready.get(readyKey(query, operationName));
  }

  /**
   * The response's `data` as JSON text, or null when the resolvers are to answer instead: an argument the
   * services would refuse, or a failing statement (logged).
   */
  async answer(plan: Plan, variables: Record<string, unknown>, readPool: Pool | undefined, logger: Logger): Promise<string | null> {
    const key = `${plan.id}\u0000${toLocalDate(new Date())}\u0000${JSON.stringify(variables)}`;
    let statement = this.bound.get(key);
    if (!statement) {
      statement = bindOrRefuse(() => plan.bind(variables));
      if (!statement) return null;
      this.bound.set(key, statement);
    }
    return this.run(statement, readPool, logger);
  }

  /**
   * A subscription's plan, made when it starts and kept by it for its lifetime (so not cached here), or why
   * the resolvers serve its events.
   */
  subscriptionPlan(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): CachedPlan {
    return compiledOrWhyNot(() => compileOperation(schema, document, operation, TYPE_COMPILERS));
  }

  /** One event's `data` as JSON text (`event`: its row, subscription-sql.ts), or null when the resolvers are to answer it. */
  async answerEvent(plan: Plan, variables: Record<string, unknown>, event: Sql, logger: Logger): Promise<string | null> {
    const statement = bindOrRefuse(() => plan.bind(variables, event));
    return statement ? this.run(statement, undefined, logger) : null;
  }

  private async run(statement: BoundStatement, readPool: Pool | undefined, logger: Logger): Promise<string | null> {
    try {
      const [row] = await this.statementsOn(readPool).rows<{ data: string }>(statement);
      return row!.data;
    } catch (error) {
      logger.warn({ err: error }, 'compiled statement failed; answering through the resolvers');
      return null;
    }
  }

  get cachedPlans(): number {
    return this.plans.size;
  }

  planFor(requestContext: GraphQLRequestContext<GraphQLContext>): CachedPlan {
    const { queryHash, operationName, document, operation, schema } = requestContext;
    const key = `${queryHash}\u0000${operationName ?? ''}`;
    let plan = this.plans.get(key);
    if (plan === undefined) {
      plan = compiledOrWhyNot(() => compileOperation(schema, document!, operation!, TYPE_COMPILERS));
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
          const text = await this.answer(plan, variables.coerced, contextValue.readPool, contextValue.logger);
          if (text === null) return null;
          if (typeof request.query === 'string') {
            this.ready.set(readyKey(request.query, request.operationName), { plan, schema, document: requestContext.document!, operation });
          }
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: new RawJson(text) as never } } };
        },
      }),
    };
  }
}

function compiledOrWhyNot(compile: () => Plan): CachedPlan {
  try {
    return compile();
  } catch (error) {
    if (!(error instanceof NotCompilable)) throw error;
    return error;
  }
}

/** The statement, read once (its text is a getter that joins the pieces anew), or undefined for an argument the services would refuse. */
function bindOrRefuse(bind: () => Sql): BoundStatement | undefined {
  try {
    const { text, values } = bind();
    return { text, values };
  } catch (error) {
    if (error instanceof DomainError || error instanceof GraphQLError) return undefined;
    throw error;
  }
}

/** A statement as it goes to the driver. */
interface BoundStatement {
  text: string;
  values: unknown[];
}

/** A bound statement's size for the cache's bound, roughly: its key, its text and its values. */
function boundSize(statement: BoundStatement, key: string): number {
  return key.length + statement.text.length + statement.values.reduce<number>((size, value) => size + (typeof value === 'string' ? value.length : 16), 0);
}
