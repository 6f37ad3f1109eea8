// The rest of the read API over HTTP: global IDs and node/nodes for every entity, actors, countries,
// source documents, and the connections nested under partnerships, pillars, actors and documents.
import { toGlobalId } from '../../src/relay/global-id';
import { useTestServer } from '../support/fixture';
import { DOCUMENT_TEXT } from '../support/commitment-fixtures';

const suite = useTestServer({ fixtures: 'commitments' });

async function data(query: string, variables?: Record<string, unknown>) {
  const { body } = await suite.server.graphql(query, variables);
  expect(body.errors).toBeUndefined();
  return body.data!;
}

const slugsOf = (connection: { nodes: { slug: string }[] }) => connection.nodes.map((node) => node.slug);

describe('node and nodes', () => {
  const NODE = `query ($id: ID!) { node(id: $id) { __typename id databaseId
    ... on Commitment { slug } ... on Actor { slug } ... on SourceDocument { slug } ... on Provenance { quote } ... on StatusChange { toStatus } } }`;

  it('fetches every entity type by its global ID', async () => {
    const [provenance] = await suite.database.prisma.provenance.findMany({ where: { commitmentId: suite.dbIds.c10 } });
    const [change] = await suite.database.prisma.statusChange.findMany({ where: { commitmentId: suite.dbIds.c02, toStatus: 'IN_PROGRESS' } });
    const cases: [string, Record<string, unknown>][] = [
      [suite.ids.c01!, { __typename: 'Commitment', slug: 'c01' }],
      [suite.ids['jp-co']!, { __typename: 'Actor', slug: 'jp-co' }],
      [suite.ids.doc!, { __typename: 'SourceDocument', slug: 'doc' }],
      [toGlobalId('Provenance', provenance!.id), { __typename: 'Provenance', quote: 'lay a submarine fibre link' }],
      [toGlobalId('StatusChange', change!.id), { __typename: 'StatusChange', toStatus: 'IN_PROGRESS' }],
      [suite.ids.vs!, { __typename: 'Partnership' }],
      [suite.ids['vs-sec']!, { __typename: 'Pillar' }],
    ];
    for (const [id, expected] of cases) {
      const { node } = await data(NODE, { id });
      expect(node).toMatchObject({ id, ...expected });
    }
  });

  it('gives null for an unknown ID, a malformed one, or one of an unknown type', async () => {
    for (const id of [toGlobalId('Commitment', 999_999), 'not-an-id', toGlobalId('Spaceship', 1)]) {
      expect(await data(NODE, { id })).toEqual({ node: null });
    }
  });

  it('fetches several in order, null where an ID names nothing', async () => {
    const { nodes } = await data('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids: [suite.ids.c02, toGlobalId('Actor', 999_999), suite.ids['gov-vn'], suite.ids.c01],
    });
    expect(nodes).toEqual([{ id: suite.ids.c02 }, null, { id: suite.ids['gov-vn'] }, { id: suite.ids.c01 }]);
  });

  it('refuses more than 100 IDs with BAD_USER_INPUT', async () => {
    const ids = Array.from({ length: 101 }, (_, index) => toGlobalId('Commitment', index + 1));
    const { body } = await suite.server.graphql('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['ids'] });
  });
});

describe('actors and countries', () => {
  const ACTORS = `query ($filter: ActorFilter, $first: Int, $after: String) {
    actors(filter: $filter, first: $first, after: $after) { totalCount nodes { slug name kind countryCode country { code } } pageInfo { hasNextPage endCursor } }
  }`;

  it('lists actors by name, a page at a time', async () => {
    const first = (await data(ACTORS, { first: 3 })).actors;
    expect(first.totalCount).toBe(5);
    expect(slugsOf(first)).toEqual(['asean', 'gov-sg', 'gov-us']);
    const rest = (await data(ACTORS, { first: 3, after: first.pageInfo.endCursor })).actors;
    expect(slugsOf(rest)).toEqual(['gov-vn', 'jp-co']);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect(first.nodes[0]).toMatchObject({ kind: 'INTERNATIONAL_ORGANISATION', country: null });
  });

  it('filters actors by kind, country and name', async () => {
    expect(slugsOf((await data(ACTORS, { filter: { kind: 'GOVERNMENT' } })).actors)).toEqual(['gov-sg', 'gov-us', 'gov-vn']);
    expect(slugsOf((await data(ACTORS, { filter: { country: 'jp' } })).actors)).toEqual(['jp-co']);
    expect(slugsOf((await data(ACTORS, { filter: { search: 'of united' } })).actors)).toEqual(['gov-us']);
    expect(slugsOf((await data(ACTORS, { filter: { kind: 'GOVERNMENT', search: 'viet' } })).actors)).toEqual(['gov-vn']);
    expect((await data(ACTORS, { filter: { search: '%' } })).actors.totalCount).toBe(0);
  });

  it('refuses a bad country code with BAD_USER_INPUT', async () => {
    const { body } = await suite.server.graphql(ACTORS, { filter: { country: 'Japan' } });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['filter', 'country'] });
  });

  it('lists the commitments of an actor, filtered and sorted', async () => {
    const { node } = await data(`query ($id: ID!) { node(id: $id) { ... on Actor {
      all: commitments(orderBy: { field: TITLE }) { totalCount nodes { slug } }
      done: commitments(filter: { status: [COMPLETED] }) { totalCount nodes { slug } }
    } } }`, { id: suite.ids['gov-vn'] });
    expect(slugsOf(node.all)).toEqual(['c01', 'c03', 'c05']);
    expect(node.all.totalCount).toBe(3);
    expect(node.done).toEqual({ totalCount: 1, nodes: [{ slug: 'c03' }] });
  });

  it('lists countries by name', async () => {
    expect((await data('{ countries { code name } }')).countries).toEqual([
      { code: 'JP', name: 'Japan' },
      { code: 'SG', name: 'Singapore' },
      { code: 'US', name: 'United States' },
      { code: 'VN', name: 'Viet Nam' },
    ]);
  });
});

describe('source documents', () => {
  it('lists documents newest first, without loading their text unless asked', async () => {
    const { sourceDocuments } = await data('{ sourceDocuments(first: 10) { totalCount nodes { slug publishedOn publishedPrecision publishedBasis publishedReasoning } } }');
    expect(sourceDocuments).toEqual({
      totalCount: 2,
      nodes: [
        { slug: 'doc', publishedOn: '2025-03-12', publishedPrecision: 'DAY', publishedBasis: 'STATED', publishedReasoning: null },
        { slug: 'older-doc', publishedOn: '2023-09-10', publishedPrecision: 'MONTH', publishedBasis: 'INFERRED', publishedReasoning: 'The visit took place that month.' },
      ],
    });
  });

  it('finds one by slug or ID, with its text and the commitments it mentions in text order', async () => {
    const query = `query ($id: ID, $slug: String, $first: Int, $after: String) { sourceDocument(id: $id, slug: $slug) {
      id title publisher kind language sha256 text
      commitments(first: $first, after: $after) { totalCount nodes { role quote startOffset commitment { slug } } pageInfo { hasNextPage endCursor } }
    } }`;
    const bySlug = (await data(query, { slug: 'doc' })).sourceDocument;
    expect(bySlug).toMatchObject({ id: suite.ids.doc, title: 'Joint statement', kind: 'JOINT_STATEMENT', language: 'en', text: DOCUMENT_TEXT });
    // c11's mention is left out: c11 is archived.
    expect(bySlug.commitments.totalCount).toBe(4);
    expect(bySlug.commitments.nodes.map((mention: { commitment: { slug: string }; role: string }) => [mention.commitment.slug, mention.role])).toEqual([
      ['c02', 'LATER_MENTION'],
      ['c01', 'ORIGIN'],
      ['c10', 'ORIGIN'],
      ['c02', 'ORIGIN'],
    ]);
    const firstPage = (await data(query, { id: suite.ids.doc, first: 3 })).sourceDocument.commitments;
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    const lastPage = (await data(query, { id: suite.ids.doc, first: 3, after: firstPage.pageInfo.endCursor })).sourceDocument.commitments;
    expect(lastPage.nodes).toEqual([{ role: 'ORIGIN', quote: 'A digital economy framework', startOffset: expect.any(Number), commitment: { slug: 'c02' } }]);
    expect((await data(query, { slug: 'nothing' })).sourceDocument).toBeNull();
  });
});

describe('connections nested under lists', () => {
  it('pages each partnership\'s and pillar\'s commitments with the same arguments', async () => {
    const { partnerships } = await data(`{ partnerships {
      slug
      commitments(first: 2, orderBy: { field: DEADLINE, direction: DESC }, filter: { not: { status: [ABANDONED] } }) {
        totalCount nodes { slug } pageInfo { hasNextPage }
      }
      pillars { slug commitments(filter: { hasDeadline: true }) { totalCount nodes { slug } } }
    } }`);
    const bySlug = Object.fromEntries(partnerships.map((partnership: { slug: string }) => [partnership.slug, partnership]));
    expect(bySlug.vs.commitments).toEqual({ totalCount: 5, nodes: [{ slug: 'c05' }, { slug: 'c04' }], pageInfo: { hasNextPage: true } });
    expect(bySlug.uv.commitments).toEqual({ totalCount: 4, nodes: [{ slug: 'c10' }, { slug: 'c09' }], pageInfo: { hasNextPage: true } });
    expect(bySlug.vs.pillars).toEqual([
      { slug: 'vs-sec', commitments: { totalCount: 2, nodes: [{ slug: 'c04' }, { slug: 'c03' }] } },
      { slug: 'vs-econ', commitments: { totalCount: 2, nodes: [{ slug: 'c05' }, { slug: 'c02' }] } },
    ]);
  });

  it('pages forward under a parent with a cursor', async () => {
    const query = `query ($after: String) { partnership(slug: "uv") { commitments(first: 2, after: $after, orderBy: { field: TITLE }) { nodes { slug } pageInfo { hasNextPage endCursor } } } }`;
    const pages: string[][] = [];
    let after: string | null = null;
    for (;;) {
      const connection: { nodes: { slug: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = (await data(query, { after })).partnership.commitments;
      pages.push(slugsOf(connection));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(pages).toEqual([['c06', 'c07'], ['c08', 'c09'], ['c10']]);
  });
});
