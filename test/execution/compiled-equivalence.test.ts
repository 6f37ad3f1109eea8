// The compiled path (one SQL statement per query, src/execution) gives the answers the resolvers give:
// a corpus of operations — every compiled field, nested, with filters, orders, pages both ways, cursors,
// fragments, aliases, directives, variables, and errors — runs on the seeded database through a server
// with compiled execution and one without, and the two bodies must be the same, keys in the same order.
// The compiled server's statements are counted on the wire: one per compiled read, whatever the nesting.
import { toGlobalId } from '../../src/relay/global-id';
import { useTestServer } from '../support/fixture';
import type { TestServer } from '../support/test-server';

const assessedCommitments: number[] = [];
// Beside the seeds: party assessments and targets with readings (one met, one not, one without readings) on
// the first commitments, so that their fields and the follow-through counts have rows to disagree on.
const suite = useTestServer({
  database: 'seeded',
  countStatements: true,
  prepare: async ({ database: { prisma } }) => {
    const [first, second] = await prisma.commitment.findMany({ orderBy: { id: 'asc' }, take: 2, include: { partnership: { include: { parties: true } } } });
    assessedCommitments.push(first!.id, second!.id);
    const author = { authorKind: 'SYSTEM', authorId: 'equivalence' } as const;
    const [party, other] = first!.partnership.parties;
    await prisma.partyAssessment.createMany({
      data: [
        { commitmentId: first!.id, countryCode: party!.countryCode, status: 'IN_PROGRESS', rationale: 'Started.', ...author },
        { commitmentId: first!.id, countryCode: party!.countryCode, status: 'COMPLETED', score: 1, rationale: 'Done.', evidenceUrl: 'https://example.org/e', evidenceTitle: 'E', evidenceDate: new Date('2024-01-02'), ...author },
        { commitmentId: first!.id, countryCode: other!.countryCode, status: 'STALLED', rationale: 'Paused.', ...author },
      ],
    });
    const met = await prisma.commitmentTarget.create({ data: { commitmentId: first!.id, description: 'Met', unit: 'MW', baseline: '10', targetValue: '30.5', dueOn: new Date('2030-12-31') } });
    const unmet = await prisma.commitmentTarget.create({ data: { commitmentId: second!.id, description: 'Reduction', unit: '%', baseline: '40', targetValue: '30' } });
    await prisma.commitmentTarget.create({ data: { commitmentId: second!.id, description: 'No readings', unit: 'students', baseline: '0', targetValue: '1000' } });
    await prisma.targetReading.createMany({
      data: [
        { targetId: met.id, value: '12.25', observedOn: new Date('2024-01-31'), sourceUrl: 'https://example.org/a', ...author },
        { targetId: met.id, value: '31', observedOn: new Date('2024-06-30'), note: 'Reached.', ...author },
        { targetId: unmet.id, value: '37.3', observedOn: new Date('2024-06-30'), sourceUrl: 'https://example.org/b', ...author },
      ],
    });
  },
});
let resolvers: TestServer;

beforeAll(async () => {
  resolvers = await suite.startServer({ GRAPHQL_COMPILED_EXECUTION: 'false' });
});

interface Case {
  query: string;
  variables?: Record<string, unknown>;
}

/** Runs one operation on both servers; returns the (equal) body and the compiled server's statement count. */
async function both(query: string, variables?: Record<string, unknown>) {
  await suite.server.graphql('{ countries { code } }');
  suite.counter.reset();
  const fast = await suite.server.graphql(query, variables);
  const statements = suite.counter.count();
  const slow = await resolvers.graphql(query, variables);
  expect(fast.status).toBe(slow.status);
  expect(fast.body).toEqual(slow.body);
  // toEqual ignores key order; a GraphQL response's keys follow the selection.
  expect(JSON.stringify(fast.body)).toBe(JSON.stringify(slow.body));
  return { body: slow.body as { data?: any; errors?: any[] }, statements };
}

async function same(query: string, variables?: Record<string, unknown>, expectedStatements = 1) {
  const result = await both(query, variables);
  expect(result.body.errors).toBeUndefined();
  expect({ query, statements: result.statements }).toEqual({ query, statements: expectedStatements });
  return result.body.data;
}

const COMMITMENT_FIELDS = `
  __typename id databaseId slug title description status statusSince announcedOn lastAssessedAt assessed pillarBasis
  deadline { date precision } tags version archivedAt createdAt updatedAt
  partnership { id slug name level description createdAt updatedAt }
  pillar { id databaseId slug position name description partnership { slug } }
  actors { role actor { id databaseId slug name kind countryCode createdAt updatedAt country { code name } } }
  amounts { value currency originalText }
  partyAssessments { id databaseId countryCode country { code name } status score rationale
    evidence { url sourceDocumentId title publishedOn } assessedAt author { kind id name } }
  partyAssessmentHistory { id countryCode status }
  targets { id databaseId description unit baseline targetValue dueOn progress met createdAt updatedAt commitment { slug }
    latestReading { id value } readings { id databaseId value observedOn sourceUrl sourceDocumentId note recordedAt author { kind id name } } }
  provenance { __typename id databaseId commitmentId sourceDocumentId quote startOffset endOffset role reportedStatus
    document { id slug title publisher kind publishedOn publishedPrecision publishedBasis publishedReasoning url language sha256 createdAt }
    commitment { slug } }
  statusHistory(first: 3) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id databaseId fromStatus toStatus effectiveOn recordedAt rationale
      evidence { url sourceDocumentId title publishedOn document { slug } } author { kind id name } } }
  }`;

describe('compiled execution answers as the resolvers do', () => {
  it('the benchmark operations: dashboard, list, one commitment', async () => {
    const dashboard = await same(`query Dashboard { partnerships { id name pillars { id name statusCounts {
      announced inProgress partiallyCompleted completed stalled abandoned superseded total targetsMet completionRate followThroughRate } } } }`);
    expect(dashboard.partnerships.length).toBe(3);
    for (const status of ['ANNOUNCED', 'IN_PROGRESS', 'COMPLETED']) {
      const list = await same(
        `query List($status: CommitmentStatus!) { commitments(first: 50, filter: { status: [$status] }, orderBy: { field: STATUS_SINCE, direction: DESC }) {
          nodes { id title status statusSince pillar { name } partnership { name } } } }`,
        { status },
      );
      expect(list.commitments.nodes.length).toBeGreaterThan(0);
    }
    const { commitments } = await same('{ commitments(first: 5) { nodes { id } } }');
    for (const { id } of commitments.nodes) {
      await same(
        `query One($id: ID!) { commitment(id: $id) { id title status statusSince announcedOn deadline { date precision }
          statusHistory(first: 20) { nodes { fromStatus toStatus effectiveOn rationale evidence { url title publishedOn } } }
          provenance { role quote startOffset endOffset document { title publishedOn } } } }`,
        { id },
      );
    }
  });

  it('every compiled field of a commitment, a page of 100, in one statement', async () => {
    const data = await same(`{ commitments(first: 100, orderBy: { field: TITLE }) { totalCount nodes { ${COMMITMENT_FIELDS} } } }`);
    expect(data.commitments.nodes).toHaveLength(100);
    expect(data.commitments.nodes.some((node: any) => node.actors.length > 0 && node.amounts.length >= 0)).toBe(true);
    const all = await same(`query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Commitment { ${COMMITMENT_FIELDS} } } }`, {
      ids: assessedCommitments.map((id) => toGlobalId('Commitment', id)),
    });
    expect(all.nodes.flatMap((node: any) => node.targets.map((target: any) => [target.progress, target.met]))).toEqual([[21 / 20.5, true], [0.27, false], [null, false]]);
    const current = all.nodes[0].partyAssessments;
    expect(current.map((assessment: any) => assessment.status).sort()).toEqual(['COMPLETED', 'STALLED']);
    expect(current.map((assessment: any) => assessment.countryCode)).toEqual(current.map((assessment: any) => assessment.countryCode).sort());
    expect(all.nodes[0].partyAssessmentHistory).toHaveLength(3);
  });

  it('every order, both directions, forward and backward through cursors', async () => {
    for (const field of ['UPDATED_AT', 'DEADLINE', 'TITLE', 'STATUS_SINCE', 'ANNOUNCED_ON', 'LAST_ASSESSED_AT', 'STATUS', 'PILLAR', 'PARTNERSHIP']) {
      for (const direction of ['ASC', 'DESC']) {
        const page = `query Page($first: Int, $last: Int, $after: String, $before: String) {
          commitments(first: $first, last: $last, after: $after, before: $before, orderBy: { field: ${field}, direction: ${direction} }) {
            totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { slug deadline { date } } } } }`;
        const first = await same(page, { first: 7 });
        const second = await same(page, { first: 7, after: first.commitments.pageInfo.endCursor });
        expect(second.commitments.pageInfo.hasPreviousPage).toBe(true);
        await same(page, { last: 4, before: second.commitments.pageInfo.startCursor });
        await same(page, { last: 3 });
      }
    }
  });

  it('filters: status, search, tags, overdue, deadlines, staleness, country, and/or/not, archived, as of a past day', async () => {
    const { partnerships } = await same('{ partnerships { id pillars { id } } }');
    const filters: Record<string, unknown>[] = [
      { status: ['COMPLETED', 'IN_PROGRESS'] },
      { search: 'cyber' },
      { tags: ['digital-economy', 'energy'] },
      { overdue: false },
      { hasDeadline: true },
      { deadlineFrom: '2020-01-01', deadlineTo: '2035-12-31' },
      { staleForDays: 30 },
      { changedSince: '2024-01-01' },
      { country: 'SG' },
      { partnershipId: partnerships[0].id, pillarIds: [partnerships[0].pillars[0].id] },
      { or: [{ status: ['COMPLETED'] }, { not: { hasDeadline: false } }] },
      { and: [{ country: 'VN' }, { not: { status: ['ANNOUNCED'] } }] },
      { includeArchived: true },
      { partnershipIds: [] },
      { assessed: false },
      { assessed: true },
      { lastAssessedFrom: '2020-01-01T00:00:00Z', lastAssessedBefore: '2100-01-01T00:00:00Z' },
      { or: [{ assessed: false }, { lastAssessedBefore: '2020-01-01T00:00:00Z' }] },
    ];
    for (const filter of filters) {
      await same(
        `query Filtered($filter: CommitmentFilter) { commitments(first: 20, filter: $filter) { totalCount nodes { slug status } } }`,
        { filter },
      );
    }
    await same(`{ commitments(first: 30, asOf: "2025-06-01", filter: { status: [ANNOUNCED] }) { totalCount nodes { slug status } } }`);
    // As of a day, the nodes carry the statuses of then, and the orders on them read them too.
    const asOf = `query AsOf($after: String) { commitments(first: 10, after: $after, asOf: "2024-06-01", orderBy: { field: STATUS_SINCE, direction: DESC }) {
      totalCount pageInfo { endCursor } nodes { slug status statusSince version } } }`;
    const page = await same(asOf);
    await same(asOf, { after: page.commitments.pageInfo.endCursor });
    await same(`{ commitments(first: 10, asOf: "2024-06-01", orderBy: { field: STATUS }, filter: { staleForDays: 90 }) { nodes { slug status statusSince } } }`);
  });

  it('unassessed counts, evidence connections, progress notes and evidence as nodes, corrections in the history', async () => {
    await same(`{ partnerships { statusCounts { total unassessed } filtered: statusCounts(filter: { assessed: false }) { total unassessed }
      pillars { statusCounts { unassessed } } } }`);
    const { commitments } = await same(`{ commitments(first: 5) { nodes { id
      evidence(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { __typename id databaseId url sourceDocumentId title publishedOn note recordedAt author { kind id name } } } }
      statusHistory(first: 2) { nodes { correction correctsEntryId } } } } }`);
    const { toGlobalId } = await import('../../src/relay/global-id');
    await same(`query N($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on ProgressNote { effectiveOn note recordedAt evidence { url } author { kind } } ... on Evidence { title } } }`, {
      ids: [toGlobalId('ProgressNote', 1), toGlobalId('Evidence', 1), commitments.nodes[0].id],
    });
  });

  it('partnerships, pillars, status counts under filters, nested connections, documents, countries', async () => {
    await same(`{ partnership(slug: "vietnam-singapore") {
      id slug name parties { code name } milestones { kind level title occurredOn occurredPrecision quote }
      statusCounts { total completed completionRate followThroughRate }
      filtered: statusCounts(filter: { status: [COMPLETED] }) { total completed inProgress }
      pillars { slug position statusCounts(filter: { hasDeadline: false }) { total announced } partnership { slug }
        commitments(first: 2, orderBy: { field: ANNOUNCED_ON, direction: DESC }) { totalCount pageInfo { hasNextPage endCursor } nodes { slug } } }
      commitments(first: 3, filter: { status: [COMPLETED] }) { totalCount nodes { slug pillar { slug } } } } }`);
    const { partnerships } = await same('{ partnerships { id } }');
    await same(`query Pillars($id: ID) { pillars(partnershipId: $id) { id slug name statusCounts { total } } }`, { id: partnerships[1].id });
    await same('{ pillars { slug partnership { slug } } countries { code name } }');
    const documents = await same(`{ sourceDocuments(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { slug title publishedOn sha256 } } } }`);
    await same(`query More($after: String) { sourceDocuments(first: 2, after: $after) { nodes { slug text } pageInfo { hasPreviousPage } } }`, {
      after: documents.sourceDocuments.pageInfo.endCursor,
    });
    const slug = documents.sourceDocuments.edges[0].node.slug;
    await same(`query Doc($slug: String) { sourceDocument(slug: $slug) { id slug title kind language url } }`, { slug });
    await same(`{ commitments(first: 10) { nodes { actors { actor { slug country { code } commitments(first: 2) { totalCount nodes { slug } } } } } } }`);
  });

  it('follow-through counts, actors, the mentions of a document, node and nodes', async () => {
    await same(`{ partnerships { slug overdueCount staleCount(days: 30) pillars { slug overdueCount staleCount(days: 0) } } }`);
    const actors = await same(`{ actors(first: 5) { totalCount pageInfo { endCursor hasNextPage } nodes { slug name kind country { code } } } }`);
    await same(`query More($after: String) { actors(first: 5, after: $after, filter: { kind: GOVERNMENT }) { totalCount nodes { slug } } }`, {
      after: actors.actors.pageInfo.endCursor,
    });
    await same(`{ actors(filter: { country: "VN", search: "min" }) { nodes { slug } } }`);
    const documents = await same(`{ sourceDocuments(first: 5) { nodes { id slug commitments(first: 3) { totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { quote startOffset role commitment { slug } } } } } } }`);
    const ids: string[] = [documents.sourceDocuments.nodes[0].id];
    const { commitments } = await same('{ commitments(first: 2) { nodes { id partnership { id } pillar { id } provenance { id } statusHistory(first: 1) { nodes { id } } actors { actor { id } } } } }');
    for (const c of commitments.nodes) ids.push(c.id, c.partnership.id, c.pillar.id, c.provenance[0].id, c.statusHistory.nodes[0].id, ...c.actors.map((a: any) => a.actor.id));
    ids.push('Q29tbWl0bWVudDo5OTk5OTk', 'not-an-id', 'QXBpS2V5OjE');
    const shaped = `__typename id ... on Commitment { slug title } ... on Partnership { name } ... on Pillar { position } ... on Actor { kind }
      ... on SourceDocument { title } ... on Provenance { quote } ... on StatusChange { toStatus }`;
    await same(`query Nodes($ids: [ID!]!) { nodes(ids: $ids) { ${shaped} } }`, { ids });
    for (const id of ids) await same(`query Node($id: ID!) { node(id: $id) { ${shaped} } }`, { id });
    await same('{ nodes(ids: []) { id } }');
  });

  it('the status timeline: every interval and grouping, both delta paths, asKnownOn, aliases, fragments', async () => {
    const POINT = `periodStart asOf completionRate followThroughRate
      counts { announced inProgress partiallyCompleted completed stalled abandoned superseded total targetsMet unassessed completionRate followThroughRate }
      compliance { scored compliant neutral nonCompliant averageScore percentage }`;
    const timeline = `query Timeline($from: LocalDate!, $to: LocalDate!, $interval: TimelineInterval!, $groupBy: TimelineGroupBy, $filter: CommitmentFilter,
      $asKnownOn: DateTime) {
      statusTimeline(from: $from, to: $to, interval: $interval, groupBy: $groupBy, filter: $filter, asKnownOn: $asKnownOn) {
        __typename interval groupBy asKnownOn points { ${POINT} } groups { key label nodeId points { ${POINT} } } } }`;
    const { partnerships } = await same('{ partnerships { id pillars { id } } }');
    const filters = [
      undefined,
      { partnershipId: partnerships[0].id },
      { pillarIds: [partnerships[1].pillars[0].id] },
      // Any other filter takes the general path, from the history.
      { status: ['COMPLETED', 'IN_PROGRESS'] },
      { and: [] },
      { includeArchived: true },
    ];
    for (const interval of ['WEEK', 'MONTH', 'QUARTER', 'YEAR']) {
      for (const groupBy of ['NONE', 'PARTNERSHIP', 'PILLAR']) {
        for (const filter of filters) {
          const range = interval === 'WEEK' ? { from: '2025-01-01', to: '2025-06-30' } : { from: '2013-01-01', to: '2026-12-31' };
          const data = await same(timeline, { ...range, interval, groupBy, filter });
          expect(data.statusTimeline.points.length).toBeGreaterThan(0);
        }
      }
    }
    const { statusTimeline } = await same(timeline, { from: '2013-01-01', to: '2026-12-31', interval: 'YEAR', groupBy: 'PILLAR' });
    expect(statusTimeline.groups.length).toBeGreaterThan(1);
    expect(statusTimeline.points.at(-1).counts.total).toBeGreaterThan(0);
    await same(timeline, { from: '2013-01-01', to: '2026-12-31', interval: 'QUARTER', groupBy: 'PARTNERSHIP', asKnownOn: '2020-06-01T12:30:00.250Z' });
    // Before anything was announced: every point is zero, and NONE still has its one group.
    const empty = await same(timeline, { from: '1990-01-01', to: '1990-12-31', interval: 'MONTH' });
    expect(empty.statusTimeline.groups).toEqual([expect.objectContaining({ key: 'all', nodeId: null })]);
    await same(timeline, { from: '1990-01-01', to: '1990-12-31', interval: 'MONTH', groupBy: 'PILLAR' });
    await same(`query Two { yearly: statusTimeline(from: "2020-01-01", to: "2025-12-31", interval: YEAR) { ...Counts }
      monthly: statusTimeline(from: "2025-01-01", to: "2025-03-31", interval: MONTH, groupBy: PARTNERSHIP) { ...Counts groups { label } }
      partnerships { slug } }
      fragment Counts on StatusTimeline { points { asOf c: counts { total } } }`);
  });

  it('follow-through statistics: every grouping, with filters and as of a past day', async () => {
    const COUNTS = 'announced inProgress partiallyCompleted completed stalled abandoned superseded total targetsMet unassessed completionRate followThroughRate';
    const stats = `query Stats($groupBy: CommitmentGroupBy, $filter: CommitmentFilter, $asOf: LocalDate) {
      commitmentStats(groupBy: $groupBy, filter: $filter, asOf: $asOf) {
        __typename groupBy overall { ${COUNTS} } groups { key label nodeId completionRate followThroughRate counts { ${COUNTS} } } } }`;
    const filters = [undefined, { status: ['COMPLETED', 'IN_PROGRESS'] }, { country: 'SG' }, { search: 'zzzz-no-match' }];
    for (const groupBy of ['NONE', 'PARTNERSHIP', 'PILLAR', 'COUNTRY', 'ACTOR', 'TAG', 'STATUS']) {
      for (const filter of filters) {
        const data = await same(stats, { groupBy, filter });
        if (!filter) expect(data.commitmentStats.groups.length).toBeGreaterThan(0);
      }
      await same(stats, { groupBy, asOf: '2024-06-01' });
    }
    await same(`{ all: commitmentStats { overall { total } } byStatus: commitmentStats(groupBy: STATUS) { groups { key label } } partnerships { slug } }`);
  });

  it('fragments, inline fragments, aliases, __typename, @include and @skip with variables', async () => {
    const query = `query Shaped($withHistory: Boolean!, $skipPillar: Boolean!) {
      first: commitments(first: 4) { ...Page }
      later: commitments(first: 2, orderBy: { field: TITLE, direction: DESC }) { __typename nodes { ... on Commitment { t: title } ...Names } }
    }
    fragment Page on CommitmentConnection { __typename nodes { ...Names statusHistory(first: 1) @include(if: $withHistory) { nodes { toStatus } } } }
    fragment Names on Commitment { __typename id title pillar @skip(if: $skipPillar) { name } ... on Node { databaseId } }`;
    for (const withHistory of [true, false]) {
      for (const skipPillar of [true, false]) await same(query, { withHistory, skipPillar });
    }
  });

  it('empty pages and absent rows', async () => {
    await same('{ commitments(first: 0) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { slug } } }');
    await same('{ commitment(slug: "no-such-commitment") { slug } partnership(slug: "nowhere") { name } }');
    await same('{ commitments(first: 5, filter: { search: "zzzz-no-match" }) { totalCount pageInfo { hasNextPage startCursor } edges { cursor } } }');
  });

  it('errors come out with the same code, message and path (the resolvers answer them)', async () => {
    const cases: Case[] = [
      { query: '{ commitments(first: 500) { nodes { slug } } }' },
      { query: '{ commitments(first: 2, last: 2) { nodes { slug } } }' },
      { query: '{ commitments(after: "not-a-cursor") { nodes { slug } } }' },
      { query: '{ commitment(id: "bad") { slug } }' },
      { query: '{ partnership(slug: "vietnam-singapore", id: "UGFydG5lcnNoaXA6MQ") { slug } }' },
      { query: '{ pillars(partnershipId: "Q29tbWl0bWVudDox") { slug } }' },
      { query: '{ commitments(filter: { staleForDays: -1 }) { nodes { slug } } }' },
      { query: '{ commitments(filter: { and: [{ includeArchived: true }] }) { nodes { slug } } }' },
      { query: 'query Bad($status: CommitmentStatus!) { commitments(filter: { status: [$status] }) { nodes { slug } } }', variables: { status: 'NOPE' } },
      { query: 'query Bad($first: Int) { commitments(first: $first) { nodes { slug } } }', variables: { first: 'ten' } },
      { query: '{ commitments { nodes { noSuchField } } }' },
      { query: '{ partnerships { staleCount(days: -1) } }' },
      { query: `query Many($ids: [ID!]!) { nodes(ids: $ids) { id } }`, variables: { ids: Array.from({ length: 101 }, (_, i) => `id${i}`) } },
      { query: '{ actors(filter: { country: "Viet Nam" }) { nodes { slug } } }' },
      { query: '{ statusTimeline(from: "2025-02-01", to: "2025-01-01", interval: MONTH) { points { asOf } } }' },
      { query: '{ commitmentStats(filter: { staleForDays: -1 }) { overall { total } } }' },
      { query: '{ statusTimeline(from: "1900-01-01", to: "2025-01-01", interval: WEEK) { points { asOf } } }' },
      { query: '{ statusTimeline(from: "2025-01-01", to: "2025-12-31", interval: MONTH, filter: { staleForDays: -1 }) { points { asOf } } }' },
    ];
    for (const { query, variables } of cases) {
      const { body } = await both(query, variables);
      expect(body.errors?.length).toBeGreaterThan(0);
    }
  });
});
