// Limits on what one GraphQL operation may ask for, from graphql-armor: depth, aliases and directives as
// validation rules, field suggestions masked where they would map the schema for an attacker, and a cost
// limit. Each refusal names the limit it hit, e.g. "Query depth limit of 12 exceeded".
//
// The token limit is graphql-js's own parse option (the same count armor makes): armor's Apollo plugin for it
// throws from a parsing hook, which Apollo 5 turns into a 500 for every syntax error, not only long documents.
//
// The cost limit runs per request, not in validation: Apollo validates a document once and caches it, while
// the cost depends on the variables (`commitments(first: $n)`). So the operation is costed with its page
// sizes written in, by armor's own cost rule: a page size from a variable costs what the literal would, and
// a connection asked for without one costs the default page it returns.
//
// The same limits guard operations sent over WebSocket (http/websocket.server.ts), which Apollo never sees:
// `refusals` applies this one configuration there, with the errors Apollo gives over HTTP.
import type { ApolloServerOptions, ApolloServerPlugin, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { GraphQLError, Kind, parse, specifiedRules, TypeInfo, validate, visit, visitWithTypeInfo, type ArgumentNode, type DocumentNode, type FieldNode, type GraphQLSchema, type OperationDefinitionNode, type ValidationRule, type ValueNode } from 'graphql';
import type { QueryLimits } from '../config/config';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../common/page';
import type { GraphQLContext } from './context';

type ResolvedRequest = GraphQLRequestContextDidResolveOperation<GraphQLContext>;

/** Spread into ApolloServer's options. */
export interface QueryLimitProtections {
  plugins: ApolloServerPlugin<GraphQLContext>[];
  validationRules: ValidationRule[];
  parseOptions: NonNullable<ApolloServerOptions<GraphQLContext>['parseOptions']>;
  /**
   * For transports Apollo does not serve (WebSocket): the document parsed with the token limit, or the errors
   * Apollo would answer over HTTP for it (syntax, validation with armor's rules, cost), in that order.
   */
  refusals(schema: GraphQLSchema, request: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null }, operation: (document: DocumentNode) => OperationDefinitionNode | null | undefined): { document: DocumentNode } | { errors: GraphQLError[] } | undefined;
}

/** The operation's parts its cost depends on. */
export interface CostedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode | null | undefined;
  variables?: Record<string, unknown> | null;
}

export function queryLimitProtections(limits: QueryLimits, options: { fieldSuggestions: boolean }): QueryLimitProtections {
  const { plugins, validationRules } = new ApolloArmor({
    // Inline fragments and fragment spreads select on the same object: they add no depth.
    maxDepth: { n: limits.maxDepth, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    maxTokens: { enabled: false },
    // Costed per request instead (costLimitPlugin below).
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: !options.fieldSuggestions },
  }).protect();
  const parseOptions = { maxTokens: limits.maxTokens };
  const rules = [...specifiedRules, ...validationRules];
  return {
    plugins: [...(plugins as ApolloServerPlugin<GraphQLContext>[]), costLimitPlugin(limits.maxCost)],
    validationRules,
    parseOptions,
    refusals(schema, request, operationOf) {
      let document: DocumentNode;
      try {
        document = parse(request.query, parseOptions);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        return { errors: [new GraphQLError(error.message, { source: error.source, positions: error.positions, extensions: { code: 'GRAPHQL_PARSE_FAILED' } })] };
      }
      // As Apollo's ValidationError: the rule's own extensions kept, the code that of every validation failure.
      const invalid = validate(schema, document, rules).map(
        (error) => new GraphQLError(error.message, { nodes: error.nodes, originalError: error.originalError, extensions: { ...error.extensions, code: 'GRAPHQL_VALIDATION_FAILED' } }),
      );
      if (invalid.length) return { errors: invalid };
      const operation = operationOf(document);
      // No operation to run: left to the transport to refuse as it does.
      if (!operation) return undefined;
      const cost = costOf({ schema, document, operation, variables: request.variables });
      if (cost > limits.maxCost) return { errors: [costRefusal(limits.maxCost, cost)] };
      return { document };
    },
  };
}

function costRefusal(maxCost: number, cost: number): GraphQLError {
  return new GraphQLError(`Query cost limit of ${maxCost} exceeded, found ${cost}.`, {
    // The code armor's other limits get from Apollo: the document is refused as it stands.
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
  });
}

function costLimitPlugin(maxCost: number): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          const cost = operationCost(requestContext);
          if (cost > maxCost) throw costRefusal(maxCost, cost);
        },
      };
    },
  };
}

// Apollo hands every request with the same query text the same parsed document (its document store), so
// the cost is computed once per document, operation and page sizes, not once per request: only the
// variables that give a page size (`first`/`last`) can change it, not ids, text or a mutation's input.
const costs = new WeakMap<DocumentNode, Map<string, number>>();
const pageSizeVariables = new WeakMap<DocumentNode, string[]>();
const COSTS_PER_DOCUMENT = 256;

/** The variables that a `first` or `last` argument of the document reads, wherever it is. */
function pageSizeVariablesOf(document: DocumentNode): string[] {
  let names = pageSizeVariables.get(document);
  if (names === undefined) {
    const found = new Set<string>();
    visit(document, {
      Argument(node: ArgumentNode) {
        if ((node.name.value === 'first' || node.name.value === 'last') && node.value.kind === Kind.VARIABLE) found.add(node.value.name.value);
      },
    });
    pageSizeVariables.set(document, (names = [...found].sort()));
  }
  return names;
}

/** The operation's cost as armor's cost rule computes it, with its page sizes written in. */
export function operationCost(requestContext: ResolvedRequest): number {
  const { schema, document, operation, request } = requestContext;
  return costOf({ schema, document, operation, variables: request.variables });
}

/** As operationCost, from the operation's parts, for callers without Apollo's request context. */
export function costOf({ schema, document, operation, variables: given }: CostedOperation): number {
  if (!operation) return 0;
  const variables = given ?? {};
  // A variable left out takes the operation's default, which is not what an explicit null gives.
  const sizes = pageSizeVariablesOf(document).map((name) => (name in variables ? variables[name] : { omitted: true }));
  const key = `${operation.name?.value ?? ''}\u0000${JSON.stringify(sizes)}`;
  let known = costs.get(document);
  const cached = known?.get(key);
  if (cached !== undefined) return cached;
  let cost = 0;
  const rule = costLimitRule({
    maxCost: Number.MAX_SAFE_INTEGER,
    flattenFragments: true,
    propagateOnRejection: false,
    onAccept: [(_context, details: { n: number }) => (cost = details.n)],
  });
  validate(schema, withPageSizes(schema, document, operation, variables), [rule]);
  if (!known) costs.set(document, (known = new Map()));
  // Variables vary without bound (ids, search text); a document's cache is dropped rather than grown.
  if (known.size >= COSTS_PER_DOCUMENT) known.clear();
  known.set(key, cost);
  return cost;
}

/**
 * The executed operation (with the fragments it may use) where every connection field carries its page
 * size as a literal `first`: the variable's value, or the default page when none is given.
 */
function withPageSizes(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  given: Record<string, unknown>,
): DocumentNode {
  // A variable the request leaves out takes its default from the operation, as it would when executed.
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue?.kind === Kind.INT) variables[definition.variable.name.value] = Number.parseInt(definition.defaultValue.value, 10);
  }
  Object.assign(variables, given);
  const typeInfo = new TypeInfo(schema);
  const executed: DocumentNode = {
    ...document,
    definitions: document.definitions.filter((definition) => definition === operation || definition.kind === Kind.FRAGMENT_DEFINITION),
  };
  return visit(
    executed,
    visitWithTypeInfo(typeInfo, {
      Field(node: FieldNode) {
        if (!typeInfo.getFieldDef()?.args.some((argument) => argument.name === 'first')) return undefined;
        const isPageSize = (argument: ArgumentNode) => argument.name.value === 'first' || argument.name.value === 'last';
        const sizes = (node.arguments ?? []).filter(isPageSize).map((argument) => pageSize(argument.value, variables) ?? DEFAULT_PAGE_SIZE);
        const size = Math.min(MAX_PAGE_SIZE, Math.max(0, ...(sizes.length ? sizes : [DEFAULT_PAGE_SIZE])));
        const first: ArgumentNode = {
          kind: Kind.ARGUMENT,
          name: { kind: Kind.NAME, value: 'first' },
          value: { kind: Kind.INT, value: String(size) },
        };
        return { ...node, arguments: [...(node.arguments ?? []).filter((argument) => !isPageSize(argument)), first] };
      },
    }),
  );
}

function pageSize(value: ValueNode, variables: Record<string, unknown>): number | undefined {
  if (value.kind === Kind.INT) return Number.parseInt(value.value, 10);
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    return Number.isInteger(given) ? (given as number) : undefined;
  }
  return undefined;
}
