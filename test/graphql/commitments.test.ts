// The commitments connection over HTTP: every filter and their composition, every ordering (deadline
// with its NULLs), pagination both ways to the end, and the errors a client can cause.
import { encodeCursor } from '../../src/common/page';
import { toGlobalId } from '../../src/relay/global-id';
import { useTestServer } from '../support/fixture';
import { COMMITMENTS, slugsWhere } from '../support/commitment-fixtures';

const suite = useTestServer({ fixtures: 'commitments' });

const LIST = `query ($filter: CommitmentFilter, $orderBy: CommitmentOrder, $first: Int, $after: String, $last: Int, $before: String) {
  commitments(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor node { slug } }
    nodes { slug }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

interface ListData {
  commitments: {
    totalCount: number;
    edges: { cursor: string; node: { slug: string } }[];
    nodes: { slug: string }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

async function list(variables: Record<string, unknown>) {
  const { body } = await suite.server.graphql<ListData>(LIST, { first: 100, ...variables });
  expect(body.errors).toBeUndefined();
  return body.data!.commitments;
}

/** Slugs the filter selects, in id order (TITLE order is id order in the fixture). */
async function slugs(filter: Record<string, unknown>): Promise<string[]> {
  const page = await list({ filter, orderBy: { field: 'TITLE' } });
  expect(page.totalCount).toBe(page.nodes.length);
  return page.nodes.map((node) => node.slug);
}

async function errorOf(query: string, variables?: Record<string, unknown>) {
  const { body } = await suite.server.graphql(query, variables);
  expect(body.errors).toHaveLength(1);
  return body.errors![0]!;
}

const today = () => new Date().toISOString().slice(0, 10);
const daysBefore = (day: string, days: number) => new Date(Date.parse(day) - days * 86_400_000).toISOString().slice(0, 10);

describe('commitments: filters', () => {
  it('lists every non-archived commitment by default, and archived ones only when asked', async () => {
    expect(await slugs({})).toEqual(slugsWhere(() => true));
    expect(await slugs({ includeArchived: true })).toEqual(COMMITMENTS.map((commitment) => commitment.slug));
  });

  it('filters by partnership and pillar, one or several', async () => {
    const { ids } = suite;
    expect(await slugs({ partnershipId: ids.vs })).toEqual(['c01', 'c02', 'c03', 'c04', 'c05']);
    expect(await slugs({ partnershipIds: [ids.vs, ids.uv] })).toHaveLength(10);
    expect(await slugs({ pillarId: ids['vs-sec'] })).toEqual(['c03', 'c04']);
    expect(await slugs({ pillarIds: [ids['vs-sec'], ids['uv-sec']] })).toEqual(['c03', 'c04', 'c08', 'c09']);
    expect(await slugs({ partnershipIds: [] })).toEqual([]);
  });

  it('filters by status (any of)', async () => {
    expect(await slugs({ status: ['COMPLETED', 'STALLED'] })).toEqual(['c03', 'c04', 'c09']);
  });

  it('filters by country: a party to the partnership, or the country of an actor', async () => {
    expect(await slugs({ country: 'SG' })).toEqual(['c01', 'c02', 'c03', 'c04', 'c05']);
    expect(await slugs({ country: 'vn' })).toHaveLength(10);
    // Japan is no party; its company takes part in c02 and c10.
    expect(await slugs({ country: 'JP' })).toEqual(['c02', 'c10']);
    expect(await slugs({ country: 'FR' })).toEqual([]);
  });

  it('filters by actor and by tags (any of)', async () => {
    expect(await slugs({ actorId: suite.ids['gov-sg'] })).toEqual(['c02', 'c03']);
    expect(await slugs({ tags: ['energy', 'security'] })).toEqual(['c03', 'c04', 'c05', 'c08', 'c10']);
    expect(await slugs({ tags: ['nothing'] })).toEqual([]);
  });

  it('searches titles, descriptions and source quotes, case-insensitively', async () => {
    expect(await slugs({ search: 'DIALOGUE' })).toEqual(['c04', 'c08']);
    expect(await slugs({ search: 'rice' })).toEqual(['c01']);
    expect(await slugs({ search: 'submarine fibre' })).toEqual(['c10']);
    expect(await slugs({ search: '  cable ' })).toEqual(['c10']);
  });

  it('treats % and _ in a search as themselves', async () => {
    // Unescaped, "100%" would also match "1000 goods" (c09), and "or_s" "for security" (c08).
    expect(await slugs({ search: '100%' })).toEqual(['c05']);
    expect(await slugs({ search: 'or_s' })).toEqual(['c06']);
    expect(await slugs({ search: '%' })).toEqual(['c05']);
  });

  it('filters by deadline range and by having one', async () => {
    expect(await slugs({ deadlineFrom: '2021-01-01', deadlineTo: '2099-01-01' })).toEqual(['c04', 'c07', 'c09']);
    expect(await slugs({ deadlineFrom: '2099-06-30' })).toEqual(['c05', 'c10']);
    expect(await slugs({ hasDeadline: false })).toEqual(['c01', 'c06', 'c08']);
    expect(await slugs({ hasDeadline: true })).toEqual(['c02', 'c03', 'c04', 'c05', 'c07', 'c09', 'c10']);
  });

  it('finds overdue commitments: deadline passed, not completed, superseded or abandoned (stalled ones are)', async () => {
    expect(await slugs({ overdue: true })).toEqual(['c02', 'c04']);
    expect(await slugs({ overdue: false })).toEqual(['c01', 'c03', 'c05', 'c06', 'c07', 'c08', 'c09', 'c10']);
  });

  it('filters by the date of the last status change', async () => {
    expect(await slugs({ changedSince: '2025-01-01' })).toEqual(['c01', 'c05', 'c09', 'c10']);
    const cutoff = daysBefore(today(), 1000);
    expect(await slugs({ staleForDays: 1000 })).toEqual(slugsWhere((commitment) => commitment.statusSince < cutoff));
    expect(await slugs({ staleForDays: 0 })).toEqual(slugsWhere((commitment) => commitment.statusSince < today()));
  });

  it('composes filters with and, or and not', async () => {
    const { ids } = suite;
    expect(await slugs({ or: [{ status: ['COMPLETED'] }, { tags: ['energy'] }] })).toEqual(['c03', 'c05', 'c09', 'c10']);
    expect(await slugs({ and: [{ partnershipId: ids.vs }, { not: { status: ['ANNOUNCED'] } }] })).toEqual(['c02', 'c03', 'c04', 'c05']);
    expect(await slugs({ partnershipId: ids.uv, or: [{ hasDeadline: false }, { overdue: true }] })).toEqual(['c06', 'c08']);
    // not over a condition that is NULL for rows without a deadline still includes those rows.
    expect(await slugs({ not: { deadlineFrom: '2099-01-01' } })).toEqual(['c01', 'c02', 'c03', 'c04', 'c06', 'c07', 'c08']);
    expect(await slugs({ not: { or: [{ country: 'SG' }, { country: 'US' }] } })).toEqual([]);
    expect(await slugs({ or: [] })).toEqual([]);
    expect(await slugs({ and: [] })).toHaveLength(10);
  });

  it('gives an empty connection when nothing matches', async () => {
    const page = await list({ filter: { search: 'no such words' } });
    expect(page).toEqual({ totalCount: 0, edges: [], nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } });
  });

  it.each([
    [{ staleForDays: -1 }, ['filter', 'staleForDays']],
    [{ deadlineFrom: '2025-01-02', deadlineTo: '2025-01-01' }, ['filter', 'deadlineFrom']],
    [{ and: [{ includeArchived: true }] }, ['filter', 'and', '0', 'includeArchived']],
    [{ or: [{}, { not: { country: 'Viet Nam' } }] }, ['filter', 'or', '1', 'not', 'country']],
    [{ search: '   ' }, ['filter', 'search']],
    [{ partnershipId: 'nonsense' }, ['filter', 'partnershipId']],
    [{ pillarIds: ['x'] }, ['filter', 'pillarIds', '0']],
  ])('refuses %j with BAD_USER_INPUT naming the field', async (filter, field) => {
    const error = await errorOf(LIST, { filter });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('refuses an ID of another type', async () => {
    const error = await errorOf(LIST, { filter: { actorId: suite.ids.vs } });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['filter', 'actorId'] });
  });
});

describe('commitments: ordering', () => {
  const order = async (field: string, direction: string) =>
    (await list({ orderBy: { field, direction } })).nodes.map((node) => node.slug);

  it('sorts by deadline with commitments without one last in both directions, ties by id', async () => {
    expect(await order('DEADLINE', 'ASC')).toEqual(['c03', 'c02', 'c04', 'c07', 'c09', 'c10', 'c05', 'c01', 'c06', 'c08']);
    expect(await order('DEADLINE', 'DESC')).toEqual(['c05', 'c10', 'c09', 'c07', 'c04', 'c02', 'c03', 'c08', 'c06', 'c01']);
  });

  it('sorts by title, status date and announcement date', async () => {
    expect(await order('TITLE', 'DESC')).toEqual(['c10', 'c09', 'c08', 'c07', 'c06', 'c05', 'c04', 'c03', 'c02', 'c01']);
    expect(await order('STATUS_SINCE', 'ASC')).toEqual(['c03', 'c04', 'c07', 'c06', 'c02', 'c08', 'c09', 'c01', 'c05', 'c10']);
    expect(await order('ANNOUNCED_ON', 'ASC')).toEqual(['c03', 'c04', 'c07', 'c08', 'c09', 'c02', 'c06', 'c10', 'c05', 'c01']);
  });

  it('sorts by last update, most recent first by default, ties broken by id', async () => {
    const byDefault = (await list({})).nodes.map((node) => node.slug);
    expect(byDefault).toEqual(await order('UPDATED_AT', 'DESC'));
    expect([...byDefault].reverse()).toEqual(await order('UPDATED_AT', 'ASC'));
  });
});

describe('commitments: pagination', () => {
  async function walk(orderBy: Record<string, string>, size: number, direction: 'forward' | 'backward') {
    const pages: string[][] = [];
    let cursor: string | null = null;
    for (;;) {
      const page: ListData['commitments'] = await list(
        direction === 'forward' ? { orderBy, first: size, after: cursor } : { orderBy, first: undefined, last: size, before: cursor },
      );
      pages.push(page.nodes.map((node) => node.slug));
      expect(page.edges.map((edge) => edge.node.slug)).toEqual(page.nodes.map((node) => node.slug));
      expect(page.totalCount).toBe(10);
      const more = direction === 'forward' ? page.pageInfo.hasNextPage : page.pageInfo.hasPreviousPage;
      if (!more) break;
      cursor = direction === 'forward' ? page.pageInfo.endCursor : page.pageInfo.startCursor;
    }
    return direction === 'forward' ? pages : pages.reverse();
  }

  it('pages forward to the last page', async () => {
    const pages = await walk({ field: 'TITLE', direction: 'ASC' }, 3, 'forward');
    expect(pages).toEqual([['c01', 'c02', 'c03'], ['c04', 'c05', 'c06'], ['c07', 'c08', 'c09'], ['c10']]);
  });

  it('pages backward to the first page', async () => {
    const pages = await walk({ field: 'TITLE', direction: 'ASC' }, 3, 'backward');
    expect(pages).toEqual([['c01'], ['c02', 'c03', 'c04'], ['c05', 'c06', 'c07'], ['c08', 'c09', 'c10']]);
  });

  it.each([
    ['ASC', 'forward'],
    ['ASC', 'backward'],
    ['DESC', 'forward'],
    ['DESC', 'backward'],
  ] as const)('pages by deadline %s %s across the commitments without one', async (direction, way) => {
    const orderBy = { field: 'DEADLINE', direction };
    const all = (await list({ orderBy })).nodes.map((node) => node.slug);
    const pages = await walk(orderBy, 2, way);
    expect(pages.flat()).toEqual(all);
    expect(pages.every((page) => page.length === 2)).toBe(true);
  });

  it('reports where a middle page sits', async () => {
    const first = await list({ orderBy: { field: 'TITLE' }, first: 2 });
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await list({ orderBy: { field: 'TITLE' }, first: 2, after: first.pageInfo.endCursor });
    expect(second.nodes.map((node) => node.slug)).toEqual(['c03', 'c04']);
    expect(second.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const before = await list({ orderBy: { field: 'TITLE' }, first: undefined, last: 5, before: second.pageInfo.startCursor });
    expect(before.nodes.map((node) => node.slug)).toEqual(['c01', 'c02']);
    expect(before.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it('returns no items for first: 0, and says whether there are any', async () => {
    const page = await list({ first: 0 });
    expect(page.nodes).toEqual([]);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  it('caps the page size at 100 with BAD_USER_INPUT', async () => {
    for (const variables of [{ first: 101 }, { first: undefined, last: 101 }, { first: -1 }]) {
      const error = await errorOf(LIST, variables);
      expect(error.extensions!.code).toBe('BAD_USER_INPUT');
      expect(error.message).toMatch(/between 0 and 100/);
    }
  });

  it('refuses an invalid cursor, and a cursor of another ordering, with BAD_USER_INPUT', async () => {
    for (const after of ['garbage', encodeCursor(['TITLE:ASC', 'x']), encodeCursor(['DEADLINE:ASC', 'not a date', 1])]) {
      const error = await errorOf(LIST, { orderBy: { field: 'DEADLINE' }, after });
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['after'] });
    }
    const titleCursor = (await list({ orderBy: { field: 'TITLE' }, first: 1 })).pageInfo.endCursor;
    const error = await errorOf(LIST, { orderBy: { field: 'DEADLINE' }, after: titleCursor });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['after'] });
    const backward = await errorOf(LIST, { first: undefined, last: 2, before: 'garbage' });
    expect(backward.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['before'] });
  });

  it('refuses first with last, and after with last', async () => {
    expect((await errorOf(LIST, { first: 1, last: 1 })).extensions!.code).toBe('BAD_USER_INPUT');
    expect((await errorOf(LIST, { first: undefined, last: 1, after: encodeCursor(['x']) })).extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('one commitment', () => {
  const ONE = `query ($id: ID, $slug: String) {
    commitment(id: $id, slug: $slug) {
      id databaseId slug title description status statusSince announcedOn tags version archivedAt assessed
      deadline { date precision }
      partnership { slug }
      pillar { slug }
      actors { role actor { slug name kind country { code name } } }
      provenance { id quote startOffset endOffset role reportedStatus document { slug title } commitment { slug } }
      amounts { value currency originalText }
    }
  }`;

  it('is found by slug and by global ID, with its relations', async () => {
    const bySlug = await suite.server.graphql(ONE, { slug: 'c02' });
    expect(bySlug.body.errors).toBeUndefined();
    const commitment = bySlug.body.data!.commitment;
    expect(commitment).toMatchObject({
      id: suite.ids.c02,
      slug: 'c02',
      status: 'IN_PROGRESS',
      statusSince: '2024-01-10',
      deadline: { date: '2020-06-30', precision: 'DAY' },
      tags: ['trade', 'digital'],
      partnership: { slug: 'vs' },
      pillar: { slug: 'vs-econ' },
      actors: [
        { role: 'LEAD', actor: { slug: 'gov-sg', name: 'Government of Singapore', kind: 'GOVERNMENT', country: { code: 'SG', name: 'Singapore' } } },
        { role: 'PARTICIPANT', actor: { slug: 'jp-co', name: 'Nippon Cable Company', kind: 'COMPANY', country: { code: 'JP', name: 'Japan' } } },
      ],
      provenance: [
        { quote: 'A digital economy framework', role: 'ORIGIN', reportedStatus: null, document: { slug: 'doc', title: 'Joint statement' }, commitment: { slug: 'c02' } },
        { quote: 'The leaders agreed', startOffset: 0, endOffset: 18, role: 'LATER_MENTION', reportedStatus: 'IN_PROGRESS' },
      ],
      amounts: [],
    });
    const byId = await suite.server.graphql(ONE, { id: suite.ids.c02 });
    expect(byId.body.data!.commitment).toEqual(commitment);
  });

  it('shows amounts as exact decimal strings', async () => {
    const { body } = await suite.server.graphql(ONE, { slug: 'c05' });
    expect(body.data!.commitment.amounts).toEqual([{ value: '1000000.00', currency: 'USD', originalText: 'US$1 million' }]);
  });

  it('is found even when archived', async () => {
    const { body } = await suite.server.graphql(ONE, { slug: 'c11' });
    expect(body.data!.commitment.archivedAt).toBe('2025-01-01T00:00:00.000Z');
  });

  it('is null when unknown, and refuses neither or both of slug and id', async () => {
    const unknown = await suite.server.graphql(ONE, { id: toGlobalId('Commitment', 999_999) });
    expect(unknown.body).toEqual({ data: { commitment: null } });
    expect((await errorOf(ONE, {})).extensions!.code).toBe('BAD_USER_INPUT');
    expect((await errorOf(ONE, { id: suite.ids.c01, slug: 'c01' })).extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('status history', () => {
  const HISTORY = `query ($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    commitment(id: $id) {
      statusHistory(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        nodes { id fromStatus toStatus effectiveOn recordedAt rationale author { kind name } evidence { url title publishedOn document { slug } } }
        pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
      }
    }
  }`;

  it('lists changes newest first by effective date, then by the order they were recorded', async () => {
    const { body } = await suite.server.graphql(HISTORY, { id: suite.ids.c03 });
    expect(body.errors).toBeUndefined();
    const history = body.data!.commitment.statusHistory;
    expect(history.totalCount).toBe(5);
    expect(history.nodes.map((change: { fromStatus: string | null; toStatus: string; effectiveOn: string }) => [change.fromStatus, change.toStatus, change.effectiveOn])).toEqual([
      ['IN_PROGRESS', 'COMPLETED', '2021-02-01'],
      ['STALLED', 'IN_PROGRESS', '2020-06-01'],
      ['IN_PROGRESS', 'STALLED', '2020-01-01'],
      ['ANNOUNCED', 'IN_PROGRESS', '2020-01-01'],
      [null, 'ANNOUNCED', '2019-01-01'],
    ]);
    expect(history.nodes[0]).toMatchObject({
      rationale: 'IN_PROGRESS to COMPLETED',
      author: { kind: 'API_KEY', name: 'Analyst key' },
      evidence: { url: 'https://example.org/done', title: 'Signed', publishedOn: '2021-02-01', document: { slug: 'doc' } },
    });
    expect(history.nodes[1].evidence).toBeNull();
  });

  it('pages through the history both ways', async () => {
    const first = (await suite.server.graphql(HISTORY, { id: suite.ids.c03, first: 2 })).body.data!.commitment.statusHistory;
    expect(first.nodes.map((change: { toStatus: string }) => change.toStatus)).toEqual(['COMPLETED', 'IN_PROGRESS']);
    const second = (await suite.server.graphql(HISTORY, { id: suite.ids.c03, first: 2, after: first.pageInfo.endCursor })).body.data!.commitment.statusHistory;
    expect(second.nodes.map((change: { toStatus: string }) => change.toStatus)).toEqual(['STALLED', 'IN_PROGRESS']);
    const third = (await suite.server.graphql(HISTORY, { id: suite.ids.c03, first: 2, after: second.pageInfo.endCursor })).body.data!.commitment.statusHistory;
    expect(third.nodes.map((change: { toStatus: string }) => change.toStatus)).toEqual(['ANNOUNCED']);
    expect(third.pageInfo.hasNextPage).toBe(false);
    const back = (await suite.server.graphql(HISTORY, { id: suite.ids.c03, last: 3, before: third.pageInfo.startCursor })).body.data!.commitment.statusHistory;
    expect(back.nodes.map((change: { toStatus: string }) => change.toStatus)).toEqual(['IN_PROGRESS', 'STALLED', 'IN_PROGRESS']);
    expect(back.pageInfo.hasPreviousPage).toBe(true);
  });

  it('is empty for a commitment without history', async () => {
    const { body } = await suite.server.graphql(HISTORY, { id: suite.ids.c01 });
    expect(body.data!.commitment.statusHistory).toMatchObject({ totalCount: 0, nodes: [], pageInfo: { hasNextPage: false } });
  });
});
