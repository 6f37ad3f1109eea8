// The number of SQL statements one GraphQL request costs must not grow with the page size or the depth of
// nesting: every relation goes through a per-request DataLoader, and nested connections are one LATERAL
// statement for all their parents. Counted on the wire, between the server and PostgreSQL (see
// support/statement-counter.ts), on the seeded dataset (128 commitments).
import path from 'node:path';
import { createDatabase, type Database } from '../../src/database/prisma';
import { loadSeedDataset } from '../../src/seed/seed.loader';
import { SeedService } from '../../src/seed/seed.service';
import { startStatementCounter, type StatementCounter } from '../support/statement-counter';
import { createMigratedDatabase, type TestDatabase } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';

let db: TestDatabase;
let database: Database;
let counter: StatementCounter;
let server: TestServer;

beforeAll(async () => {
  db = await createMigratedDatabase();
  database = createDatabase({ url: db.url, poolMax: 2, statementTimeoutMs: 60_000, idleInTransactionTimeoutMs: 60_000, connectionTimeoutMs: 5000 });
  await new SeedService(database.prisma).apply(await loadSeedDataset(path.resolve(__dirname, '../../seeds')));
  counter = await startStatementCounter(db.url);
  server = await startTestServer(counter.url);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await counter?.close();
  await database?.close();
  await db?.drop();
});

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

/** Runs a query and returns how many statements reached PostgreSQL for it. */
async function statementsFor<T>(query: string, variables?: Record<string, unknown>): Promise<{ count: number; data: T }> {
  // Warm the pool first, so that opening connections during the measured request changes nothing.
  await server.graphql('{ countries { code } }');
  counter.reset();
  const { body } = await server.graphql<T>(query, variables);
  expect(body.errors).toBeUndefined();
  return { count: counter.count(), data: body.data! };
}

describe('SQL statements per request', () => {
  it('stays the same for 10 and for 100 commitments with every relation selected', async () => {
    expect(await database.prisma.commitment.count()).toBeGreaterThanOrEqual(100);
    const ten = await statementsFor<DeepData>(DEEP, { first: 10 });
    const tenStatements = counter.statements();
    const hundred = await statementsFor<DeepData>(DEEP, { first: 100 });
    expect(ten.data.commitments.nodes).toHaveLength(10);
    expect(hundred.data.commitments.nodes).toHaveLength(100);
    // The page really holds relations to load: otherwise the count would prove nothing.
    const { nodes } = hundred.data.commitments;
    expect(nodes.every((node) => node.provenance.length > 0 && node.statusHistory.nodes.length > 0)).toBe(true);
    expect(nodes.some((node) => node.actors.length > 1)).toBe(true);

    console.log(`deep commitments query: ${ten.count} statements for first: 10, ${hundred.count} for first: 100\n${tenStatements.join('\n')}`);
    expect(hundred.count).toBe(ten.count);
    // page, its count, partnership, pillar, actors of commitments, actor, country, provenance, document,
    // status history page, its counts, amounts.
    expect(ten.count).toBe(12);
  });

  it('counts the status of every pillar of every partnership in one statement', async () => {
    const { count, data } = await statementsFor<DashboardData>(DASHBOARD);
    const pillars = data.partnerships.flatMap((partnership) => partnership.pillars);
    expect(pillars.length).toBeGreaterThan(3);
    console.log(`dashboard query: ${count} statements for ${data.partnerships.length} partnerships and ${pillars.length} pillars\n${JSON.stringify(data, null, 2)}`);
    // partnerships, their status counts, pillars, the pillars' status counts.
    expect(count).toBe(4);
  });

  it('does not grow with nesting: connections under every partnership and pillar', async () => {
    const nested = `{ partnerships { pillars { commitments(first: 20) { totalCount nodes { slug actors { actor { name } } } } } } }`;
    const { count } = await statementsFor(nested);
    console.log(`nested connections query: ${count} statements`);
    // partnerships, pillars, commitments of all pillars, their counts, actors of commitments, actor.
    expect(count).toBe(6);
  });
});
