// Schema-driven fuzzing: operations and variables generated from the live schema (fast-check), sent as an
// anonymous caller, an editor and an admin. Whatever they ask, the server must answer without a 5xx, without
// an unmasked or masked internal error (a client's input is never a server fault), without leaking driver or
// SQL text, and stay healthy afterwards.
//
// FUZZ_RUNS (default 1000) and FUZZ_SEED (a failure prints the seed and the shrunk case) reproduce a run.
import fc from 'fast-check';
import { buildClientSchema, getIntrospectionQuery, getNamedType, isEnumType, isInputObjectType, isInterfaceType, isLeafType, isListType, isNonNullType, isObjectType, isUnionType, type GraphQLArgument, type GraphQLField, type GraphQLInputType, type GraphQLNamedType, type GraphQLObjectType, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { toGlobalId } from '../../src/relay/global-id';
import { useTestServer } from '../support/fixture';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
/** Revoking the fuzzer's own keys would only turn the rest of the run into 401s. */
const SKIPPED_MUTATIONS = new Set(['revokeApiKey']);
const MAX_DEPTH = 5;
const BATCH = 4;
/** Server internals no answer may carry (messages may echo the generated input, so plain words like SELECT may appear). */
const LEAKS = /node_modules|\/src\/|\.ts:\d+|stacktrace|PrismaClient|Invalid `prisma|relation "|violates .* constraint|canceling statement|ECONNREFUSED/i;

const suite = useTestServer({
  database: 'seeded',
  apiKeys: { editor: { role: 'EDITOR', name: 'fuzz editor' }, admin: { role: 'ADMIN', name: 'fuzz admin' } },
  env: { RATE_LIMIT_MUTATIONS: '100000000', RATE_LIMIT_QUERY_COST: '1000000000' },
});
let schema: GraphQLSchema;
let nodeTypes: string[];
const credentials: Record<string, string | undefined> = { anonymous: undefined };

beforeAll(async () => {
  credentials.editor = suite.keys.editor.authorization;
  credentials.admin = suite.keys.admin.authorization;
  const introspection = await suite.server.graphql<IntrospectionQuery>(getIntrospectionQuery());
  schema = buildClientSchema(introspection.body.data!);
  nodeTypes = Object.values(schema.getTypeMap())
    .filter((type): type is GraphQLObjectType => isObjectType(type) && type.getInterfaces().some((iface) => iface.name === 'Node'))
    .map((type) => type.name);
});

type Gen = fc.GeneratorValue;

interface Operation {
  query: string;
  variables: Record<string, unknown>;
  caller: string;
}

const CALLERS = ['anonymous', 'anonymous', 'editor', 'admin'];

/**
 * Builds one operation imperatively: the schema decides the shape, `g` draws every choice. fast-check caches
 * each arbitrary by its builder function and arguments for the whole run, so draws go through a few
 * module-level builders with small arguments: a fresh arbitrary per draw would pile up in that cache.
 */
class OperationBuilder {
  private readonly variables: Record<string, unknown> = {};
  private readonly declarations: string[] = [];

  constructor(private readonly g: Gen) {}

  build(): Operation {
    const isMutation = this.chance(20);
    const root = isMutation ? schema.getMutationType()! : schema.getQueryType()!;
    const candidates = Object.values(root.getFields()).filter((field) => !SKIPPED_MUTATIONS.has(field.name));
    const count = isMutation ? 1 : this.int(1, 3);
    const selections = Array.from({ length: count }, () => this.field(this.pick(candidates), 1));
    const header = this.declarations.length ? `(${this.declarations.join(', ')})` : '';
    return {
      query: `${isMutation ? 'mutation' : 'query'} Fuzz${header} { ${selections.join(' ')} }`,
      variables: this.variables,
      caller: this.pick(CALLERS),
    };
  }

  private int(min: number, max: number): number {
    return this.g(fc.integer, { min, max });
  }

  private chance(percent: number): boolean {
    return this.int(1, 100) <= percent;
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  /** One to `max` distinct items, in their order. */
  private some<T>(items: readonly T[], max: number): T[] {
    const chosen = new Set<number>();
    const count = this.int(1, Math.min(max, items.length));
    while (chosen.size < count) chosen.add(this.int(0, items.length - 1));
    return [...chosen].sort((a, b) => a - b).map((index) => items[index]!);
  }

  private field(field: GraphQLField<unknown, unknown>, depth: number): string {
    const alias = this.chance(25) ? `${field.name}_${this.int(0, 999)}: ` : '';
    const args = field.args.flatMap((arg) => this.argument(arg));
    const argText = args.length ? `(${args.join(', ')})` : '';
    return `${alias}${field.name}${argText}${this.selectionSet(getNamedType(field.type), depth)}`;
  }

  private argument(arg: GraphQLArgument): string[] {
    if (!isNonNullType(arg.type) && this.chance(40)) return [];
    const value = this.value(arg.type, 0);
    if (this.chance(50)) {
      const name = `v${this.declarations.length}`;
      this.declarations.push(`$${name}: ${arg.type.toString()}`);
      this.variables[name] = value;
      return [`${arg.name}: $${name}`];
    }
    return [`${arg.name}: ${literal(value, arg.type)}`];
  }

  private selectionSet(type: GraphQLNamedType, depth: number): string {
    if (isLeafType(type)) return '';
    if (isInterfaceType(type) || isUnionType(type)) {
      const fragments = this.some(schema.getPossibleTypes(type), 2);
      return ` { __typename ${fragments.map((object) => `... on ${object.name}${this.selectionSet(object, depth)}`).join(' ')} }`;
    }
    const fields = Object.values((type as GraphQLObjectType).getFields());
    const allowed = depth >= MAX_DEPTH ? fields.filter((field) => isLeafType(getNamedType(field.type))) : fields;
    if (allowed.length === 0) return ' { __typename }';
    return ` { ${this.some(allowed, 4).map((field) => this.field(field, depth + 1)).join(' ')} }`;
  }

  /** A value for an input type: mostly well-typed, sometimes out of range, malformed or null. */
  private value(type: GraphQLInputType, depth: number): unknown {
    if (isNonNullType(type)) return this.chance(3) ? null : this.value(type.ofType, depth);
    if (this.chance(5)) return null;
    if (isListType(type)) return Array.from({ length: this.int(0, 3) }, () => this.value(type.ofType, depth + 1));
    if (isEnumType(type)) return this.chance(10) ? 'NOT_A_VALUE' : this.pick(type.getValues()).name;
    if (isInputObjectType(type)) {
      const result: Record<string, unknown> = {};
      for (const field of Object.values(type.getFields())) {
        if (isNonNullType(field.type) || (depth < 3 && this.chance(50))) result[field.name] = this.value(field.type, depth + 1);
      }
      return result;
    }
    return this.g(SCALARS[type.name] ?? anyScalar);
  }
}

// Built once, before any server runs: the first fc.webUrl() takes seconds (fast-check builds its tables), which
// inside a run would stall the event loop this process shares with the server under test.
const WEB_URL = fc.webUrl();
const text = () =>
  fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('', ' ', 'vn-sg', '%', "'; DROP TABLE commitment; --", 'x'.repeat(5000)));
const anyScalar = () => fc.oneof(text(), fc.integer(), fc.boolean());

/** Per scalar, well-formed values, edge values and junk. */
const SCALARS: Record<string, () => fc.Arbitrary<unknown>> = {
  String: text,
  Int: () => fc.oneof(fc.integer({ min: -5, max: 150 }), fc.constantFrom(0, -1, 2_147_483_647, -2_147_483_648), fc.integer()),
  Float: () => fc.double({ noNaN: true, noDefaultInfinity: true }),
  Boolean: () => fc.boolean(),
  ID: () =>
    fc.oneof(
      fc.tuple(fc.constantFrom(...nodeTypes), fc.integer({ min: 1, max: 200 })).map(([type, id]) => toGlobalId(type, id)),
      fc.tuple(fc.constantFrom(...nodeTypes), fc.constantFrom(0, -1, 2_147_483_648, 99_999_999_999)).map(([type, id]) => toGlobalId(type, id)),
      fc.base64String({ maxLength: 40 }),
      text(),
    ),
  LocalDate: () =>
    fc.oneof(
      fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
      fc.constantFrom('2024-02-30', '2023-13-01', '0000-01-01', '0001-01-01', '9999-12-31', '2024-1-1', '20240101'),
      text(),
    ),
  DateTime: () =>
    fc.oneof(
      fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
      fc.constantFrom('0000-06-01T00:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '2024-02-30T00:00:00Z', '2024-06-01T25:00:00+02:00'),
      text(),
    ),
  URL: () => fc.oneof(WEB_URL, fc.constantFrom('javascript:alert(1)', 'ftp://example.org/x', 'http://'), text()),
};

/** A value written as a GraphQL literal; enum names unquoted where the type is an enum. */
function literal(value: unknown, type: GraphQLInputType): string {
  const named = getNamedType(type);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) {
    const item = isNonNullType(type) ? type.ofType : type;
    return `[${value.map((element) => literal(element, isListType(item) ? item.ofType : item)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = isInputObjectType(named) ? named.getFields() : {};
    return `{ ${Object.entries(value).map(([key, field]) => `${key}: ${literal(field, fields[key]?.type ?? named as GraphQLInputType)}`).join(', ')} }`;
  }
  if (isEnumType(named) && typeof value === 'string' && /^[A-Z_]+$/.test(value)) return value;
  return typeof value === 'number' && !Number.isFinite(value) ? '0' : JSON.stringify(value);
}

describe('fuzzing the schema', () => {
  jest.setTimeout(240_000);

  it(`answers ${RUNS} generated operations without a server error`, async () => {
    const statuses = new Map<number, number>();
    const send = async ({ query, variables, caller }: Operation) => {
      // A hang is a failure too. (A timer cleared per request: a thousand pending AbortSignal.timeout timers
      // keep a jest worker from exiting in time.)
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), 30_000);
      let response: Response;
      let text: string;
      try {
        response = await fetch(suite.server.app.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(credentials[caller] && { authorization: credentials[caller] }) },
          body: JSON.stringify({ query, variables }),
          signal: abort.signal,
        });
        text = await response.text();
      } finally {
        clearTimeout(timer);
      }
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect(response.status).toBeLessThan(500);
      const body = JSON.parse(text) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
      expect(body.errors?.filter((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR') ?? []).toEqual([]);
      expect(text).not.toMatch(LEAKS);
    };
    await fc.assert(
      // Operations go in batches sent at once: concurrent callers, and the run fits its time on two cores.
      fc.asyncProperty(
        fc.array(fc.gen().map((g) => new OperationBuilder(g).build()), { minLength: BATCH, maxLength: BATCH }),
        async (operations) => {
          await Promise.all(operations.map(send));
        },
      ),
      // No shrinking: each step would replay requests against a database the run has changed, for minutes.
      { numRuns: Math.ceil(RUNS / BATCH), seed: SEED, endOnFailure: true },
    );
    // The run reached the resolvers, not only validation.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(RUNS / 4);

    const readiness = await fetch(`${suite.server.baseUrl}/readyz`);
    expect(readiness.status).toBe(200);
    expect((await suite.server.graphql('{ partnerships { slug } }')).body.data!.partnerships.length).toBeGreaterThan(0);
    const metrics = await (await fetch(`${suite.server.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/^db_pool_waiting_requests 0$/m);
  });
});
