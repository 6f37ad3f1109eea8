// Compiles a GraphQL query operation into a plan: a function from the request's variables to ONE SQL
// statement whose single value is the response's `data` as JSON text (a subscription's: the data of one
// event, from the variables and the event). The walk over the document (fields,
// aliases, fragments, @include/@skip, arguments) happens once per document; binding a request only
// evaluates what depends on variables and concatenates SQL. Every field the plan serves comes from the
// field compilers of type-sql.ts; meeting any other field makes the whole operation NotCompilable, and the
// resolvers serve it as before.
import { BREAK, getArgumentValues, getDirectiveValues, GraphQLIncludeDirective, GraphQLSkipDirective, isObjectType, Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLObjectType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode, visit } from 'graphql';
import { toLocalDate } from '../common/dates';
import { type JsonField, literal, MAX_KEY_LENGTH, raw, rowObject, type Sql, sql } from '../db/json';

export type Variables = Record<string, unknown>;

/** The fields of one object, bound to a request: each response key with its SQL value. */
export type ObjectPlan = (variables: Variables) => JsonField[];

/** The SQL value of one field, bound to a request. */
export type ValuePlan = (variables: Variables) => Sql;

export class NotCompilable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * The to-one relations joined into the FROM of a row scope (the rows of a list, a connection's nodes, a
 * root object): PostgreSQL then joins them once for all the scope's rows (a hash join over a small table)
 * instead of running a subquery per row and relation. Filled while the scope's selection compiles, read
 * when its statement is bound; every join matches at most one row, so the scope's rows stay as they are.
 */
export class Joins {
  private readonly clauses: string[] = [];

  /** LEFT JOIN `table alias` ON `on`. */
  add(table: string, alias: string, on: string): void {
    this.clauses.push(` LEFT JOIN ${table} ${alias} ON ${on}`);
  }

  /** The joins, to follow the scope's own table in its FROM. */
  sql(): Sql {
    return raw(this.clauses.join(''));
  }
}

/** What a field compiler is given: where it stands, its arguments, and how to compile what is selected under it. */
export interface FieldInput {
  /** The SQL alias of the parent row (e.g. `c` for a commitment). */
  row: string;
  /** Where a to-one relation of the parent row may be joined; none when the row's FROM takes no joins. */
  joins: Joins | undefined;
  /** The field's arguments for a request, coerced and defaulted by graphql-js as resolvers get them. */
  args: (variables: Variables) => Record<string, unknown>;
  /** Compiles the field's selection as an object of `typeName` whose row is `alias`, in the scope whose FROM takes `joins`. */
  select(typeName: string, alias: string, joins?: Joins): ObjectPlan;
  /** Whether the field's selection names a field (through fragments too), e.g. totalCount. */
  selects(typeName: string, fieldName: string): boolean;
  /** A fresh alias, unique in the statement. */
  alias(prefix: string): string;
}

export type FieldCompiler = (input: FieldInput) => ValuePlan;

/** Per GraphQL object type, the compiler of each field the compiled path serves. */
export type TypeCompilers = Record<string, Record<string, FieldCompiler>>;

export interface Plan {
  /** Unique in the process: what a cache of bound statements keys them by. */
  readonly id: number;
  /**
   * The statement for a request. A subscription's plan is bound once per event: `event` is then the SQL of
   * a one-row FROM source with the event's values, which the root fields read as the row EVENT_ROW.
   */
  bind(variables: Variables, event?: Sql): Sql;
}

/** The alias under which a subscription's root fields read the event being delivered. */
export const EVENT_ROW = 'change_event';

let plans = 0;

export function compileOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  compilers: TypeCompilers,
): Plan {
  // A mutation's order of side effects and its payload's userErrors stay with the resolvers and services.
  if (operation.operation === 'mutation') throw new NotCompilable('mutations run through the resolvers');
  const subscription = operation.operation === 'subscription';
  const root = subscription ? schema.getSubscriptionType()! : schema.getQueryType()!;
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  let aliases = 0;
  const clock = { today: '' };
  const compiler = new SelectionCompiler(schema, fragments, compilers, (prefix) => `${prefix}${++aliases}`, clock);
  const data = compiler.object(root, [operation.selectionSet], subscription ? EVENT_ROW : '');
  return {
    id: ++plans,
    bind: (variables, event) => {
      clock.today = toLocalDate(new Date());
      if (!subscription) return sql`SELECT ${rowObject(data(variables))}::text AS data`;
      if (!event) throw new Error('a subscription plan is bound to an event');
      return sql`SELECT ${rowObject(data(variables))}::text AS data FROM (${event}) ${raw(EVENT_ROW)}`;
    },
  };
}

interface CollectedField {
  key: string;
  nodes: FieldNode[];
  /** Evaluated per request: false when @skip/@include (on the field or an enclosing fragment) leave it out. */
  included: (variables: Variables) => boolean;
}

type Condition = (variables: Variables) => boolean;

class SelectionCompiler {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly compilers: TypeCompilers,
    private readonly alias: (prefix: string) => string,
    /** The date of the request being bound (set by Plan#bind). */
    private readonly clock: { today: string },
  ) {}

  object(type: GraphQLObjectType, selectionSets: readonly SelectionSetNode[], row: string, joins?: Joins): ObjectPlan {
    const fields = this.collect(type, selectionSets).map((collected) => this.field(type, collected, row, joins));
    return (variables) => {
      const bound: JsonField[] = [];
      for (const field of fields) if (field.included(variables)) bound.push({ key: field.key, value: field.value(variables) });
      return bound;
    };
  }

  private field(type: GraphQLObjectType, { key, nodes, included }: CollectedField, row: string, joins: Joins | undefined): { key: string; included: Condition; value: ValuePlan } {
    if (key.length > MAX_KEY_LENGTH) throw new NotCompilable(`response key ${key} is longer than PostgreSQL's identifiers`);
    const node = nodes[0]!;
    const name = node.name.value;
    if (name === '__typename') {
      const value = literal(type.name);
      return { key, included, value: () => value };
    }
    const compile = this.compilers[type.name]?.[name];
    if (!compile) throw new NotCompilable(`${type.name}.${name} has no SQL compiler`);
    const definition = type.getFields()[name] as GraphQLField<unknown, unknown>;
    const subSelections = nodes.flatMap((fieldNode) => (fieldNode.selectionSet ? [fieldNode.selectionSet] : []));
    const hasArguments = Boolean(node.arguments?.length) || definition.args.some((arg) => arg.defaultValue !== undefined);
    const constantArgs = node.arguments?.every((arg) => isConstant(arg.value)) ?? true;
    let cachedArgs: Record<string, unknown> | undefined;
    const value = compile({
      row,
      joins,
      args: (variables) => {
        if (!hasArguments) return {};
        if (constantArgs) return (cachedArgs ??= getArgumentValues(definition, node, {}));
        return getArgumentValues(definition, node, variables);
      },
      select: (typeName, alias, childJoins) => {
        const childType = this.schema.getType(typeName);
        if (!isObjectType(childType)) throw new NotCompilable(`${typeName} is not an object type`);
        return this.object(childType, subSelections, alias, childJoins);
      },
      selects: (typeName, fieldName) => {
        const childType = this.schema.getType(typeName);
        return isObjectType(childType) && this.collect(childType, subSelections).some((field) => field.nodes[0]!.name.value === fieldName);
      },
      alias: this.alias,
    });
    return { key, included, value: this.readsVariables(nodes) ? value : this.sameAllDay(value) };
  }

  /**
   * A field whose arguments, and those of every field and directive under it, are literals binds to the same
   * SQL for every request, but for one input: filters on being overdue or stale compare with today's date
   * (compileCommitmentFilter). So its SQL is built once a day, and a request rebuilds only the fields that
   * read its variables, around the pieces already built.
   */
  private sameAllDay(value: ValuePlan): ValuePlan {
    let built: { today: string; sql: Sql } | undefined;
    return (variables) => {
      if (built?.today !== this.clock.today) built = { today: this.clock.today, sql: value(variables) };
      return built.sql;
    };
  }

  /** Whether a variable occurs in the fields' subtree, in the fragments it spreads included. */
  private readsVariables(nodes: readonly FieldNode[] | readonly SelectionSetNode[], visited = new Set<string>()): boolean {
    let found = false;
    for (const node of nodes) {
      visit(node, {
        Variable: () => {
          found = true;
          return BREAK;
        },
        FragmentSpread: (spread) => {
          const fragment = this.fragments.get(spread.name.value);
          if (!fragment || visited.has(fragment.name.value)) return;
          visited.add(fragment.name.value);
          if (this.readsVariables([fragment.selectionSet], visited)) {
            found = true;
            return BREAK;
          }
        },
      });
      if (found) return true;
    }
    return false;
  }

  /** graphql-js's CollectFields at plan time: response keys in order, fragments flattened, conditions kept for binding. */
  private collect(type: GraphQLObjectType, selectionSets: readonly SelectionSetNode[]): CollectedField[] {
    const byKey = new Map<string, { nodes: FieldNode[]; conditions: Condition[][] }>();
    const gather = (selectionSet: SelectionSetNode, conditions: Condition[], visited: Set<string>) => {
      for (const selection of selectionSet.selections) {
        const here = [...conditions, ...directiveConditions(selection)];
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          const entry = byKey.get(key) ?? { nodes: [], conditions: [] };
          entry.nodes.push(selection);
          entry.conditions.push(here);
          byKey.set(key, entry);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (this.applies(type, selection.typeCondition?.name.value)) gather(selection.selectionSet, here, visited);
        } else {
          const fragment = this.fragments.get(selection.name.value);
          if (!fragment || visited.has(fragment.name.value) || !this.applies(type, fragment.typeCondition.name.value)) continue;
          gather(fragment.selectionSet, here, new Set([...visited, fragment.name.value]));
        }
      }
    };
    for (const selectionSet of selectionSets) gather(selectionSet, [], new Set());
    return [...byKey].map(([key, { nodes, conditions }]) => {
      // A key selected twice under different conditions would need its sub-selection merged per request.
      if (nodes.length > 1 && conditions.some((list) => list.length > 0)) {
        throw new NotCompilable(`${key} is selected more than once under @include/@skip`);
      }
      const own = conditions[0] ?? [];
      return { key, nodes, included: own.length ? (variables) => own.every((condition) => condition(variables)) : () => true };
    });
  }

  private applies(type: GraphQLObjectType, typeCondition: string | undefined): boolean {
    if (!typeCondition || typeCondition === type.name) return true;
    return type.getInterfaces().some((implemented) => implemented.name === typeCondition);
  }
}

function directiveConditions(selection: { directives?: readonly unknown[] }): Condition[] {
  const node = selection as Parameters<typeof getDirectiveValues>[1];
  if (!node.directives?.length) return [];
  return [
    (variables) => getDirectiveValues(GraphQLSkipDirective, node, variables)?.if !== true,
    (variables) => getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false,
  ];
}

function isConstant(value: { kind: Kind; values?: readonly unknown[]; fields?: readonly { value: unknown }[] }): boolean {
  if (value.kind === Kind.VARIABLE) return false;
  if (value.kind === Kind.LIST) return (value.values as Parameters<typeof isConstant>[0][]).every(isConstant);
  if (value.kind === Kind.OBJECT) return (value.fields as { value: Parameters<typeof isConstant>[0] }[]).every((field) => isConstant(field.value));
  return true;
}
