// The number of SQL statements one GraphQL request costs must not grow with the page size or the depth of
// nesting. Compiled (src/execution), a query is one statement whatever it selects; through the resolvers
// (GRAPHQL_COMPILED_EXECUTION=false, and every operation that does not compile) every relation goes through
// a per-request DataLoader, and nested connections are one LATERAL statement for all their parents.
// Counted on the wire, between the server and PostgreSQL (see support/statement-counter.ts), on the seeded
// dataset (seeds/).
import { type TestServerSuite, useTestServer } from '../support/fixture';

const DEEP = `query Deep($first: Int!) {
  commitments(first: $first, orderBy: { field: TITLE }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id slug title status deadline { date precision }
      partnership { slug name }
      pillar { slug name }
      actors { role actor { slug name country { code name } } }
      provenance { quote role startOffset endOffset document { slug title publishedOn } }
      statusHistory(first: 5) { totalCount nodes { fromStatus toStatus effectiveOn author { kind name } } }
      amounts { value currency originalText }
    }
  }
}`;

const DASHBOARD = `{
  partnerships {
    slug name
    statusCounts { total completed completionRate followThroughRate }
    pillars { slug name statusCounts { announced inProgress partiallyCompleted completed stalled abandoned superseded total completionRate followThroughRate } }
  }
}`;

interface DeepData {
  commitments: { nodes: { actors: unknown[]; provenance: unknown[]; statusHistory: { nodes: unknown[] } }[] };
}

interface DashboardData {
  partnerships: { pillars: unknown[] }[];
}

let suite: TestServerSuite;

/** Runs a query and returns how many statements reached PostgreSQL for it. */
async function statementsFor<T>(query: string, variables?: Record<string, unknown>): Promise<{ count: number; data: T }> {
  // Warm the pool first, so that opening connections during the measured request changes nothing.
  await suite.server.graphql('{ countries { code } }');
  suite.counter.reset();
  const { body } = await suite.server.graphql<T>(query, variables);
  expect(body.errors).toBeUndefined();
  return { count: suite.counter.count(), data: body.data! };
}

describe.each([
  // deep: page, its count, partnership, pillar, actors of commitments, actor, country, provenance, document,
  // status history page, its counts, amounts. dashboard: partnerships, their status counts, pillars, the
  // pillars' status counts. nested: partnerships, pillars, commitments of all pillars, their counts, actors
  // of commitments, actor.
  { path: 'compiled', env: {} as Record<string, string>, expected: { deep: 1, dashboard: 1, nested: 1 } },
  { path: 'resolvers', env: { GRAPHQL_COMPILED_EXECUTION: 'false' }, expected: { deep: 12, dashboard: 4, nested: 6 } },
])('SQL statements per request through the $path', ({ env, expected }) => {
  const own = useTestServer({ database: 'seeded', countStatements: true, env });
  beforeAll(() => {
    suite = own;
  });

  it('stays the same for 10 and for 100 commitments with every relation selected', async () => {
    expect(await suite.database.prisma.commitment.count()).toBeGreaterThanOrEqual(100);
    const ten = await statementsFor<DeepData>(DEEP, { first: 10 });
    const tenStatements = suite.counter.statements();
    const hundred = await statementsFor<DeepData>(DEEP, { first: 100 });
    expect(ten.data.commitments.nodes).toHaveLength(10);
    expect(hundred.data.commitments.nodes).toHaveLength(100);
    // The page really holds relations to load: otherwise the count would prove nothing.
    const { nodes } = hundred.data.commitments;
    expect(nodes.every((node) => node.provenance.length > 0 && node.statusHistory.nodes.length > 0)).toBe(true);
    expect(nodes.some((node) => node.actors.length > 1)).toBe(true);

    console.log(`deep commitments query: ${ten.count} statements for first: 10, ${hundred.count} for first: 100\n${tenStatements.join('\n')}`);
    expect(hundred.count).toBe(ten.count);
    expect(ten.count).toBe(expected.deep);
  });

  it('counts the status of every pillar of every partnership in one statement', async () => {
    const { count, data } = await statementsFor<DashboardData>(DASHBOARD);
    const pillars = data.partnerships.flatMap((partnership) => partnership.pillars);
    expect(pillars.length).toBeGreaterThan(3);
    console.log(`dashboard query: ${count} statements for ${data.partnerships.length} partnerships and ${pillars.length} pillars\n${JSON.stringify(data, null, 2)}`);
    expect(count).toBe(expected.dashboard);
  });

  it('does not grow with nesting: connections under every partnership and pillar', async () => {
    const nested = `{ partnerships { pillars { commitments(first: 20) { totalCount nodes { slug actors { actor { name } } } } } } }`;
    const { count } = await statementsFor(nested);
    console.log(`nested connections query: ${count} statements`);
    expect(count).toBe(expected.nested);
  });
});
