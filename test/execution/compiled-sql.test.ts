// The statements the planner writes for the main operations, as snapshots (the way PostGraphile's own
// tests pin its SQL): a change to the SQL shape shows up in review as a diff of these. And the plan
// cache: one plan per document and operation, bounded, least recently used dropped first.
import { type GraphQLSchema, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { Pool } from 'pg';
import { CompiledExecution } from '../../src/execution/compiled-execution.plugin';
import { compileOperation, NotCompilable } from '../../src/execution/planner';
import { TYPE_COMPILERS } from '../../src/execution/type-sql';
import { buildGraphQLSchema } from '../../src/graphql/schema';
import { CommitmentChangeKind, type CommitmentChangeNotice } from '../../src/commitment/commitment-change';
import { eventRow } from '../../src/execution/subscription-sql';

let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await buildGraphQLSchema();
});

function compile(query: string, variables: Record<string, unknown> = {}, event?: CommitmentChangeNotice) {
  const document = parse(query);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
  const statement = compileOperation(schema, document, operation, TYPE_COMPILERS).bind(variables, event && eventRow(event));
  // One clause a line, so that a snapshot diff points at the clause that changed.
  return { text: statement.text.replace(/\s+/g, ' ').replace(/ (FROM|WHERE|ORDER BY|LIMIT) /g, '\n$1 '), values: statement.values };
}

describe('compiled SQL', () => {
  it('dashboard: partnerships, pillars and their status counts from the rollup table', () => {
    expect(compile(`{ partnerships { id name pillars { id name statusCounts { announced completed total completionRate } } } }`)).toMatchSnapshot();
  });

  it('list: a filtered, ordered page with its pillar and partnership', () => {
    expect(
      compile(
        `query List($status: CommitmentStatus!) { commitments(first: 50, filter: { status: [$status] }, orderBy: { field: STATUS_SINCE, direction: DESC }) {
          totalCount pageInfo { hasNextPage endCursor } nodes { id title status statusSince pillar { name } partnership { name } } } }`,
        { status: 'IN_PROGRESS' },
      ),
    ).toMatchSnapshot();
  });

  it('timeline: monthly counts from the per-partnership delta table, a point per period', () => {
    expect(
      compile(
        `query Timeline($from: LocalDate!, $to: LocalDate!) { statusTimeline(from: $from, to: $to, interval: MONTH) {
          points { asOf counts { announced completed total } } groups { key points { asOf } } } }`,
        { from: '2025-01-01', to: '2025-03-31' },
      ),
    ).toMatchSnapshot();
  });

  it('one commitment with its history page and provenance', () => {
    expect(
      compile(
        `query One($id: ID!) { commitment(id: $id) { id title deadline { date precision }
          statusHistory(first: 20) { edges { cursor node { toStatus effectiveOn evidence { url } author { kind id } } } }
          provenance { role quote document { title } } } }`,
        { id: 'Q29tbWl0bWVudDox' },
      ),
    ).toMatchSnapshot();
  });

  it('a subscription event: the commitment from the outbox\'s snapshot, the history entry, from the event\'s own row', () => {
    const event = { eventId: 41n, kind: CommitmentChangeKind.STATUS_CHANGED, commitmentId: 7, partnershipId: 1, pillarId: 2, statusChangeId: 12 };
    expect(
      compile(
        `subscription { commitmentChanged { eventId kind commitment { id status pillar { name } } statusChange { toStatus effectiveOn } } }`,
        {},
        event,
      ),
    ).toMatchSnapshot();
  });

  it('binds every value as a parameter, never in the text', () => {
    const search = "x'); DROP TABLE commitment; --";
    const { text, values } = compile('query S($search: String) { commitments(filter: { search: $search }) { nodes { slug } } }', { search });
    expect(text).not.toContain('DROP TABLE');
    expect(values).toContain(`%${search}%`);
  });

  it('refuses what it cannot compile, naming the field', () => {
    expect(() => compile('{ compliance { overall { scored } } }')).toThrow(new NotCompilable('Query.compliance has no SQL compiler'));
    expect(() => compile('mutation { deleteCommitment(id: "x") { userErrors { code } } }')).toThrow(NotCompilable);
  });
});

describe('binding', () => {
  const planOf = (query: string) => {
    const document = parse(query);
    return compileOperation(schema, document, document.definitions[0] as OperationDefinitionNode, TYPE_COMPILERS);
  };

  afterEach(() => jest.useRealTimers());

  it('builds the SQL of fields without variables once, and rebuilds the fields that read variables per request', () => {
    const plan = planOf('query One($id: ID!) { commitment(id: $id) { title statusHistory(first: 3) { nodes { toStatus } } } }');
    const one = plan.bind({ id: 'Q29tbWl0bWVudDox' });
    const two = plan.bind({ id: 'Q29tbWl0bWVudDoy' });
    expect(two.text).toBe(one.text);
    expect(one.values).toContain(1);
    expect(two.values).toContain(2);
    expect(two.values).not.toContain(1);
  });

  it('rebuilds a field without variables on a new day: "overdue" compares with today', () => {
    const plan = planOf('{ partnerships { overdueCount pillars { statusCounts(filter: { overdue: true }) { total } } } }');
    jest.useFakeTimers({ now: new Date('2031-03-04T12:00:00Z') });
    expect(plan.bind({}).values).toContain('2031-03-04');
    jest.setSystemTime(new Date('2031-03-05T00:00:01Z'));
    const nextDay = plan.bind({}).values;
    expect(nextDay).toContain('2031-03-05');
    expect(nextDay).not.toContain('2031-03-04');
  });
});

describe('bound statements', () => {
  afterEach(() => jest.useRealTimers());

  it('binds a request once per plan, day and variables, and sends the same text each time', async () => {
    const sent: { name?: string; text: string; values: unknown[] }[] = [];
    // A stand-in for the pool (this is about what is bound, not what PostgreSQL answers): it records the statements.
    const pool = { query: async (statement: (typeof sent)[number]) => (sent.push(statement), { rows: [{ data: '{}' }] }) } as unknown as Pool;
    const execution = new CompiledExecution({ pool, cacheSize: 4 });
    const document = parse('query T($from: LocalDate!) { statusTimeline(from: $from, to: "2026-12-31", interval: MONTH) { points { asOf } } }');
    const plan = compileOperation(schema, document, document.definitions[0] as OperationDefinitionNode, TYPE_COMPILERS);
    const bind = jest.spyOn(plan, 'bind');
    const logger = { warn: jest.fn() } as never;
    jest.useFakeTimers({ now: new Date('2026-12-07T10:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    await execution.answer(plan, { from: '2026-01-01' }, undefined, logger);
    await execution.answer(plan, { from: '2026-01-01' }, undefined, logger);
    expect(bind).toHaveBeenCalledTimes(1);
    expect(sent[1]).toEqual(sent[0]);
    await execution.answer(plan, { from: '2025-01-01' }, undefined, logger);
    expect(bind).toHaveBeenCalledTimes(2);
    expect(sent[2]!.values).not.toEqual(sent[0]!.values);
    expect(sent[2]!.text).toBe(sent[0]!.text);
    // A new day binds again: filters on being overdue or stale compare with today.
    jest.setSystemTime(new Date('2026-12-08T00:00:01Z'));
    await execution.answer(plan, { from: '2026-01-01' }, undefined, logger);
    expect(bind).toHaveBeenCalledTimes(3);
  });
});

describe('plan cache', () => {
  it('keeps one plan per document and operation, and at most cacheSize of them', () => {
    const pool = new Pool();
    const execution = new CompiledExecution({ pool, cacheSize: 2 });
    const contextFor = (query: string, queryHash: string) => {
      const document = parse(query);
      return { schema, document, operation: document.definitions[0] as OperationDefinitionNode, queryHash, operationName: null } as never;
    };
    const first = execution.planFor(contextFor('{ countries { code } }', 'a'));
    expect(execution.planFor(contextFor('{ countries { code } }', 'a'))).toBe(first);
    execution.planFor(contextFor('{ countries { name } }', 'b'));
    execution.planFor(contextFor('{ partnerships { name } }', 'c'));
    expect(execution.cachedPlans).toBe(2);
    // 'a' was the least recently used: it is compiled again, a new plan.
    expect(execution.planFor(contextFor('{ countries { code } }', 'a'))).not.toBe(first);
    // An operation that does not compile is remembered too, so it is not attempted on every request.
    const refused = execution.planFor(contextFor('{ apiKeys { id } }', 'd'));
    expect(refused).toBeInstanceOf(NotCompilable);
    expect(execution.planFor(contextFor('{ apiKeys { id } }', 'd'))).toBe(refused);
    void pool.end();
  });
});
