// Review work through the real server (issue 17, item 3): assessed and lastAssessedAt filters and orders,
// unassessed counts, progress notes as reviews, commitments(asOf:), Evidence and ProgressNote as nodes with
// Commitment.evidence a connection, amounts on create and update, editors storing documents and quotes, and
// corrections of the history. Each test tags its commitments so that its lists hold only them.
import { toGlobalId } from '../../src/relay/global-id';
import { useTestServer } from '../support/fixture';
import { STATUS_TIMELINE } from '../timeline/timeline-helpers';
import { commitmentGid, daysFromToday, UPDATE_STATUS } from '../support/write-fixtures';

const suite = useTestServer({ fixtures: 'write', apiKeys: { editor: 'EDITOR', viewer: 'VIEWER' } });

async function gql(query: string, variables: Record<string, unknown> = {}, as: 'editor' | 'viewer' = 'editor') {
  const { body } = await suite.server.graphql(query, variables, { authorization: suite.keys[as].authorization });
  return body as { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function ok(query: string, variables: Record<string, unknown> = {}) {
  const body = await gql(query, variables);
  expect(body.errors).toBeUndefined();
  return Object.values(body.data!)[0];
}

const CREATE = `mutation ($input: CreateCommitmentInput!) {
  createCommitment(input: $input) { commitment { id version amounts { value currency originalText } } userErrors { field message code } }
}`;
const UPDATE = `mutation ($input: UpdateCommitmentInput!) {
  updateCommitment(input: $input) { commitment { id version amounts { value currency originalText } } userErrors { field message code } }
}`;
const NOTE = `mutation ($input: AddProgressNoteInput!) {
  addProgressNote(input: $input) { progressNote { id note } userErrors { field message code } }
}`;
const ATTACH = `mutation ($input: AttachEvidenceInput!) {
  attachEvidence(input: $input) { evidence { id title } userErrors { field message code } }
}`;
const CORRECT = `mutation ($input: CorrectStatusHistoryInput!) {
  correctStatusHistory(input: $input) {
    commitment { status statusSince version }
    statusChange { id fromStatus toStatus effectiveOn correction correctsEntryId }
    userErrors { field message code currentVersion }
  }
}`;
const LIST = `query ($filter: CommitmentFilter, $orderBy: CommitmentOrder, $first: Int, $after: String, $asOf: LocalDate) {
  commitments(filter: $filter, orderBy: $orderBy, first: $first, after: $after, asOf: $asOf) {
    totalCount
    nodes { slug status statusSince assessed lastAssessedAt }
    pageInfo { hasNextPage endCursor }
  }
}`;

async function create(slug: string, tag: string, extra: Record<string, unknown> = {}): Promise<string> {
  const payload = await ok(CREATE, { input: { pillarId: toGlobalId('Pillar', suite.fixtures.pillarId), slug, title: slug, announcedOn: '2023-10-15', tags: [tag], ...extra } });
  expect(payload.userErrors).toEqual([]);
  return payload.commitment.id;
}

async function list(variables: Record<string, unknown>) {
  return (await ok(LIST, { first: 100, ...variables })) as {
    totalCount: number;
    nodes: { slug: string; status: string; statusSince: string; assessed: boolean; lastAssessedAt: string | null }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const slugs = async (variables: Record<string, unknown>) => (await list(variables)).nodes.map((node) => node.slug);

async function changeStatus(commitmentId: string, status: string, effectiveOn: string, extra: Record<string, unknown> = {}) {
  const payload = await ok(UPDATE_STATUS, { input: { commitmentId, status, effectiveOn, rationale: `To ${status}.`, ...extra } });
  expect(payload.userErrors).toEqual([]);
  return payload;
}

async function note(commitmentId: string, effectiveOn: string) {
  const payload = await ok(NOTE, { input: { commitmentId, effectiveOn, note: 'Reviewed: no change.' } });
  expect(payload.userErrors).toEqual([]);
  return payload.progressNote;
}

describe('assessed, lastAssessedAt and the new orders', () => {
  const tag = 'rv-assess';
  let between: string;

  beforeAll(async () => {
    await create('rv-never', tag);
    const noted = await create('rv-noted', tag);
    await note(noted, '2024-01-10');
    await new Promise((resolve) => setTimeout(resolve, 20));
    between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const changed = await create('rv-changed', tag);
    await changeStatus(changed, 'IN_PROGRESS', '2024-02-01');
  });

  it('assessed: a progress note or a status change after the first entry; the initial entry alone is not', async () => {
    expect(await slugs({ filter: { tags: [tag], assessed: false }, orderBy: { field: 'TITLE' } })).toEqual(['rv-never']);
    expect(await slugs({ filter: { tags: [tag], assessed: true }, orderBy: { field: 'TITLE' } })).toEqual(['rv-changed', 'rv-noted']);
    const nodes = (await list({ filter: { tags: [tag] }, orderBy: { field: 'TITLE' } })).nodes;
    expect(nodes.map((node) => [node.slug, node.assessed, node.lastAssessedAt !== null])).toEqual([
      ['rv-changed', true, true],
      ['rv-never', false, false],
      ['rv-noted', true, true],
    ]);
  });

  it('filters by a range of lastAssessedAt, leaving the never-assessed out, and refuses an empty range naming the field', async () => {
    expect(await slugs({ filter: { tags: [tag], lastAssessedFrom: between } })).toEqual(['rv-changed']);
    expect(await slugs({ filter: { tags: [tag], lastAssessedBefore: between } })).toEqual(['rv-noted']);
    expect(await slugs({ filter: { tags: [tag], or: [{ lastAssessedBefore: between }, { assessed: false }] }, orderBy: { field: 'TITLE' } })).toEqual(['rv-never', 'rv-noted']);
    const body = await gql(LIST, { filter: { lastAssessedFrom: between, lastAssessedBefore: between } });
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: ['filter', 'lastAssessedFrom'] }, message: expect.stringMatching(/before lastAssessedBefore/) });
  });

  it('orders by LAST_ASSESSED_AT with the never-assessed last in both directions, page by page', async () => {
    expect(await slugs({ filter: { tags: [tag] }, orderBy: { field: 'LAST_ASSESSED_AT', direction: 'ASC' } })).toEqual(['rv-noted', 'rv-changed', 'rv-never']);
    expect(await slugs({ filter: { tags: [tag] }, orderBy: { field: 'LAST_ASSESSED_AT', direction: 'DESC' } })).toEqual(['rv-changed', 'rv-noted', 'rv-never']);
    for (const direction of ['ASC', 'DESC']) {
      const walked: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page = await list({ filter: { tags: [tag] }, orderBy: { field: 'LAST_ASSESSED_AT', direction }, first: 1, after });
        walked.push(...page.nodes.map((node) => node.slug));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(walked).toEqual(direction === 'ASC' ? ['rv-noted', 'rv-changed', 'rv-never'] : ['rv-changed', 'rv-noted', 'rv-never']);
    }
  });

  it('orders by STATUS in lifecycle order, and by PILLAR and PARTNERSHIP, with cursors of their own', async () => {
    expect(await slugs({ filter: { tags: [tag] }, orderBy: { field: 'STATUS', direction: 'DESC' } })).toEqual(['rv-changed', 'rv-noted', 'rv-never']);
    const first = await list({ filter: { tags: [tag] }, orderBy: { field: 'STATUS' }, first: 2 });
    expect(first.nodes.map((node) => node.slug)).toEqual(['rv-never', 'rv-noted']);
    expect(await slugs({ filter: { tags: [tag] }, orderBy: { field: 'STATUS' }, after: first.pageInfo.endCursor })).toEqual(['rv-changed']);
    expect(await slugs({ filter: { tags: [tag] }, orderBy: { field: 'PILLAR' } })).toEqual(['rv-never', 'rv-noted', 'rv-changed']);
    expect(await slugs({ filter: { tags: [tag] }, orderBy: { field: 'PARTNERSHIP', direction: 'DESC' } })).toEqual(['rv-changed', 'rv-noted', 'rv-never']);
    const wrongCursor = await gql(LIST, { orderBy: { field: 'PILLAR' }, first: 1, after: first.pageInfo.endCursor });
    expect(wrongCursor.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: ['after'] } });
  });

  it('counts the never-assessed: filtered, and unfiltered from the trigger-kept counts', async () => {
    const pillarId = toGlobalId('Pillar', suite.fixtures.pillarId);
    const data = await gql(
      `query ($pillarId: ID!, $tag: String!) {
        pillar: node(id: $pillarId) { ... on Pillar { tagged: statusCounts(filter: { tags: [$tag] }) { total unassessed } all: statusCounts { total unassessed } } }
        never: commitments(filter: { pillarId: $pillarId, assessed: false }) { totalCount }
        stats: commitmentStats(filter: { tags: [$tag] }) { overall { unassessed } }
      }`,
      { pillarId, tag },
    );
    expect(data.errors).toBeUndefined();
    expect(data.data!.pillar.tagged).toEqual({ total: 3, unassessed: 1 });
    expect(data.data!.pillar.all.unassessed).toBe(data.data!.never.totalCount);
    expect(data.data!.stats.overall.unassessed).toBe(1);
  });
});

describe('stale counts a progress note as a review', () => {
  it('leaves a commitment out of staleForDays and staleCount once a note is effective within the window', async () => {
    const tag = 'rv-stale';
    const id = await create('rv-stale-one', tag);
    const query = `query ($pillarId: ID!) { node(id: $pillarId) { ... on Pillar { staleCount(days: 30) } } }`;
    const staleCount = async () => (await ok(query, { pillarId: toGlobalId('Pillar', suite.fixtures.pillarId) })).staleCount as number;
    expect(await slugs({ filter: { tags: [tag], staleForDays: 30 } })).toEqual(['rv-stale-one']);
    const before = await staleCount();
    await note(id, daysFromToday(-40));
    expect(await slugs({ filter: { tags: [tag], staleForDays: 30 } })).toEqual(['rv-stale-one']);
    await note(id, daysFromToday(-3));
    expect(await slugs({ filter: { tags: [tag], staleForDays: 30 } })).toEqual([]);
    expect(await slugs({ filter: { tags: [tag], staleForDays: 2 } })).toEqual(['rv-stale-one']);
    expect(await staleCount()).toBe(before - 1);
    // As of a day before the note, it was stale.
    expect(await slugs({ filter: { tags: [tag], staleForDays: 30 }, asOf: daysFromToday(-4) })).toEqual(['rv-stale-one']);
  });
});

describe('commitments(asOf:)', () => {
  it('returns each commitment with its status and statusSince as of that day, and selects and sorts by them', async () => {
    const tag = 'rv-asof';
    const moved = await create('rv-asof-moved', tag);
    await create('rv-asof-still', tag);
    await changeStatus(moved, 'IN_PROGRESS', '2024-02-01');
    await changeStatus(moved, 'COMPLETED', '2024-06-01');
    const at = async (asOf: string) => (await list({ filter: { tags: [tag] }, orderBy: { field: 'TITLE' }, asOf })).nodes.map(({ slug, status, statusSince }) => [slug, status, statusSince]);
    expect(await at('2024-03-01')).toEqual([
      ['rv-asof-moved', 'IN_PROGRESS', '2024-02-01'],
      ['rv-asof-still', 'ANNOUNCED', '2023-10-15'],
    ]);
    expect(await at('2024-01-01')).toEqual([
      ['rv-asof-moved', 'ANNOUNCED', '2023-10-15'],
      ['rv-asof-still', 'ANNOUNCED', '2023-10-15'],
    ]);
    expect(await at('2023-01-01')).toEqual([]);
    expect(await slugs({ filter: { tags: [tag], status: ['IN_PROGRESS'] }, asOf: '2024-03-01' })).toEqual(['rv-asof-moved']);
    expect(await slugs({ filter: { tags: [tag] }, orderBy: { field: 'STATUS_SINCE', direction: 'DESC' }, asOf: '2024-03-01' })).toEqual(['rv-asof-moved', 'rv-asof-still']);
    // Now, without asOf: the current status.
    expect((await list({ filter: { tags: [tag] }, orderBy: { field: 'TITLE' } })).nodes[0]).toMatchObject({ status: 'COMPLETED', statusSince: '2024-06-01' });
  });
});

describe('Evidence and ProgressNote are nodes; Commitment.evidence is a connection', () => {
  it('pages through the evidence newest first, and node(id:) fetches evidence and notes', async () => {
    const id = await suite.fixtures.commitment('rv-evidence');
    const commitmentId = commitmentGid(id);
    const ids: string[] = [];
    for (const title of ['First', 'Second', 'Third']) {
      const payload = await ok(ATTACH, { input: { commitmentId, evidence: { url: `https://example.org/${title}`, title, publishedOn: '2024-01-01' } } });
      expect(payload.userErrors).toEqual([]);
      ids.push(payload.evidence.id);
    }
    const PAGE = `query ($id: ID!, $after: String) {
      commitment(id: $id) { evidence(first: 2, after: $after) { totalCount edges { cursor node { id title } } pageInfo { hasNextPage endCursor } } }
    }`;
    const first = (await ok(PAGE, { id: commitmentId })).evidence;
    expect(first.totalCount).toBe(3);
    expect(first.edges.map((edge: { node: { title: string } }) => edge.node.title)).toEqual(['Third', 'Second']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await ok(PAGE, { id: commitmentId, after: first.pageInfo.endCursor })).evidence;
    expect(second.edges.map((edge: { node: { title: string } }) => edge.node.title)).toEqual(['First']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const badCursor = await gql(PAGE, { id: commitmentId, after: 'not-a-cursor' });
    expect(badCursor.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: ['after'] } });

    const progressNote = await note(commitmentId, '2024-02-01');
    const NODES = `query ($ids: [ID!]!) {
      nodes(ids: $ids) { __typename id ... on Evidence { title databaseId } ... on ProgressNote { note effectiveOn } }
    }`;
    const nodes = (await ok(NODES, { ids: [ids[0], progressNote.id, toGlobalId('Evidence', 999999)] })) as unknown[];
    expect(nodes).toEqual([
      { __typename: 'Evidence', id: ids[0], title: 'First', databaseId: expect.any(Number) },
      { __typename: 'ProgressNote', id: progressNote.id, note: 'Reviewed: no change.', effectiveOn: '2024-02-01' },
      null,
    ]);
  });
});

describe('amounts on createCommitment and updateCommitment', () => {
  it('stores amounts on create and replaces them on update, in one transaction', async () => {
    const created = await ok(CREATE, {
      input: {
        pillarId: toGlobalId('Pillar', suite.fixtures.pillarId), slug: 'rv-amounts', title: 'Fund', announcedOn: '2023-10-15',
        amounts: [{ value: '1000000', currency: 'usd', originalText: 'US$1 million' }, { value: '2.5', currency: 'SGD', originalText: 'S$2.50' }],
      },
    });
    expect(created.userErrors).toEqual([]);
    expect(created.commitment.amounts).toEqual([
      { value: '1000000.00', currency: 'USD', originalText: 'US$1 million' },
      { value: '2.50', currency: 'SGD', originalText: 'S$2.50' },
    ]);
    const commitmentId = created.commitment.id;
    const updated = await ok(UPDATE, { input: { commitmentId, amounts: [{ value: '5000000000', currency: 'VND', originalText: '5 billion dong' }] } });
    expect(updated.userErrors).toEqual([]);
    expect(updated.commitment).toMatchObject({ version: 2, amounts: [{ value: '5000000000.00', currency: 'VND', originalText: '5 billion dong' }] });
    const cleared = await ok(UPDATE, { input: { commitmentId, amounts: [] } });
    expect(cleared.commitment).toMatchObject({ version: 3, amounts: [] });
  });

  it('refuses a currency that is not ISO 4217 and a value that is not greater than 0, naming the field, writing nothing', async () => {
    const created = await ok(CREATE, {
      input: { pillarId: toGlobalId('Pillar', suite.fixtures.pillarId), slug: 'rv-amounts-bad', title: 'Fund', announcedOn: '2023-10-15', amounts: [{ value: '10', currency: 'EUR', originalText: '€10' }] },
    });
    const commitmentId = created.commitment.id;
    const cases: [Record<string, unknown>, string[], RegExp][] = [
      [{ value: '10', currency: 'ZZZ', originalText: 'x' }, ['input', 'amounts', '1', 'currency'], /ISO 4217/],
      [{ value: '0', currency: 'USD', originalText: 'x' }, ['input', 'amounts', '1', 'value'], /greater than 0/],
      [{ value: '-5', currency: 'USD', originalText: 'x' }, ['input', 'amounts', '1', 'value'], /decimal number/],
      [{ value: '1.234', currency: 'USD', originalText: 'x' }, ['input', 'amounts', '1', 'value'], /decimal number/],
    ];
    for (const [amount, field, message] of cases) {
      const payload = await ok(UPDATE, { input: { commitmentId, title: 'Changed', amounts: [{ value: '1', currency: 'USD', originalText: '$1' }, amount] } });
      expect(payload).toMatchObject({ commitment: null, userErrors: [{ field, code: 'BAD_USER_INPUT', message: expect.stringMatching(message) }] });
    }
    const blank = await ok(UPDATE, { input: { commitmentId, amounts: [{ value: '1', currency: 'USD', originalText: ' ' }] } });
    expect(blank.userErrors[0]).toMatchObject({ field: ['input', 'amounts', '0', 'originalText'] });
    const onCreate = await ok(CREATE, {
      input: { pillarId: toGlobalId('Pillar', suite.fixtures.pillarId), slug: 'rv-amounts-none', title: 'x', announcedOn: '2023-10-15', amounts: [{ value: '1', currency: 'US', originalText: 'x' }] },
    });
    expect(onCreate.userErrors[0]).toMatchObject({ field: ['input', 'amounts', '0', 'currency'] });
    const state = await ok(`query ($id: ID!) { commitment(id: $id) { title version amounts { value currency } } }`, { id: commitmentId });
    expect(state).toEqual({ title: 'Fund', version: 1, amounts: [{ value: '10.00', currency: 'EUR' }] });
    expect(await ok(`query { commitment(slug: "rv-amounts-none") { id } }`)).toBeNull();
  });
});

describe('editors store source documents and add quotes to them', () => {
  const CREATE_DOCUMENT = `mutation ($input: CreateSourceDocumentInput!) {
    createSourceDocument(input: $input) { sourceDocument { id } userErrors { field message code } }
  }`;
  const ADD_QUOTE = `mutation ($input: AddProvenanceInput!) {
    addProvenance(input: $input) { provenance { id quote startOffset endOffset role commitmentId sourceDocumentId } userErrors { field message code } }
  }`;

  it('lets an editor store a document and trace a commitment to a quote of it; refuses viewers', async () => {
    const text = 'The ministers met in Hanoi. They agreed to open a joint innovation centre by 2026. Talks continue.';
    const stored = await ok(CREATE_DOCUMENT, {
      input: { slug: 'rv-minutes', title: 'Minutes', publisher: 'MFA', kind: 'PRESS_RELEASE', publishedOn: '2024-04-01', publishedPrecision: 'DAY', publishedBasis: 'STATED', language: 'en', text },
    });
    expect(stored.userErrors).toEqual([]);
    const sourceDocumentId = stored.sourceDocument.id;
    const commitmentId = commitmentGid(await suite.fixtures.commitment('rv-quoted'));
    const quote = 'open a joint innovation centre by 2026';
    const input = { sourceDocumentId, commitmentId, quote, role: 'LATER_MENTION' };
    const added = await ok(ADD_QUOTE, { input });
    expect(added).toEqual({
      provenance: { id: expect.any(String), quote, startOffset: text.indexOf(quote), endOffset: text.indexOf(quote) + quote.length, role: 'LATER_MENTION', commitmentId, sourceDocumentId },
      userErrors: [],
    });
    const again = await ok(ADD_QUOTE, { input });
    expect(again).toMatchObject({ provenance: null, userErrors: [{ field: ['input', 'quote'], code: 'CONFLICT' }] });
    const missing = await ok(ADD_QUOTE, { input: { ...input, quote: 'build a bridge' } });
    expect(missing).toMatchObject({ provenance: null, userErrors: [{ field: ['input', 'quote'], message: expect.stringMatching(/not found verbatim/) }] });
    const twice = await ok(ADD_QUOTE, { input: { ...input, quote: 'T' } });
    expect(twice.userErrors[0]).toMatchObject({ field: ['input', 'quote'], message: expect.stringMatching(/occurs \d+ times/) });
    const noDocument = await ok(ADD_QUOTE, { input: { ...input, sourceDocumentId: toGlobalId('SourceDocument', 999999) } });
    expect(noDocument.userErrors[0]).toMatchObject({ field: ['input', 'sourceDocumentId'], code: 'NOT_FOUND' });
    const badId = await ok(ADD_QUOTE, { input: { ...input, commitmentId: sourceDocumentId } });
    expect(badId.userErrors[0]).toMatchObject({ field: ['input', 'commitmentId'], code: 'BAD_USER_INPUT' });
    const mentions = await ok(`query ($id: ID!) { commitment(id: $id) { provenance { quote role } } }`, { id: commitmentId });
    expect(mentions.provenance).toEqual([{ quote, role: 'LATER_MENTION' }]);

    const asViewer = await gql(ADD_QUOTE, { input: { ...input, quote: 'Talks continue' } }, 'viewer');
    expect(asViewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('correctStatusHistory', () => {
  it('appends a correction that replaces the latest entry\'s status from its day, in as-of reads too', async () => {
    const id = await suite.fixtures.commitment('rv-correct');
    const commitmentId = commitmentGid(id);
    const changed = await changeStatus(commitmentId, 'IN_PROGRESS', '2024-02-01');
    const evidence = { url: 'https://example.org/stalled', title: 'Talks never started', publishedOn: '2024-05-01' };
    const payload = await ok(CORRECT, {
      input: { commitmentId, status: 'STALLED', effectiveOn: '2024-02-01', rationale: 'Found late: nothing started.', correctsEntryId: changed.statusChange.id, expectedVersion: 2, evidence },
    });
    expect(payload.userErrors).toEqual([]);
    expect(payload.commitment).toEqual({ status: 'STALLED', statusSince: '2024-02-01', version: 3 });
    expect(payload.statusChange).toMatchObject({ fromStatus: 'IN_PROGRESS', toStatus: 'STALLED', effectiveOn: '2024-02-01', correction: true, correctsEntryId: changed.statusChange.id });
    const read = await ok(`query ($id: ID!) { commitment(id: $id) { statusAsOf(date: "2024-03-01") statusHistory { nodes { toStatus correction } } } }`, { id: commitmentId });
    expect(read.statusAsOf).toBe('STALLED');
    expect(read.statusHistory.nodes).toEqual([
      { toStatus: 'STALLED', correction: true },
      { toStatus: 'IN_PROGRESS', correction: false },
      { toStatus: 'ANNOUNCED', correction: false },
    ]);
    expect(await suite.fixtures.state(id)).toMatchObject({ status: 'STALLED', version: 3, history: 3 });
  });

  it('appends a correction dated before later entries: it holds until the next one, in as-of reads, timelines and counts, and the status stays', async () => {
    const commitmentId = await create('rv-backdated', 'rv-backdated');
    await changeStatus(commitmentId, 'IN_PROGRESS', '2024-02-01');
    await changeStatus(commitmentId, 'COMPLETED', '2024-06-01');
    const evidence = { url: 'https://example.org/stalled', title: 'Work stopped in March', publishedOn: '2024-07-01' };
    const payload = await ok(CORRECT.replace('correctsEntryId }', 'correctsEntryId holdsUntil }'), {
      input: { commitmentId, status: 'STALLED', effectiveOn: '2024-03-10', rationale: 'Found late: work stopped from March to June.', expectedVersion: 3, evidence },
    });
    expect(payload.userErrors).toEqual([]);
    expect(payload.commitment).toEqual({ status: 'COMPLETED', statusSince: '2024-06-01', version: 4 });
    expect(payload.statusChange).toMatchObject({ fromStatus: 'IN_PROGRESS', toStatus: 'STALLED', effectiveOn: '2024-03-10', correction: true, holdsUntil: '2024-06-01' });

    const asOf = async (date: string) => (await ok(`query ($id: ID!) { commitment(id: $id) { statusAsOf(date: "${date}") } }`, { id: commitmentId })).statusAsOf;
    expect([await asOf('2024-03-09'), await asOf('2024-03-10'), await asOf('2024-05-31'), await asOf('2024-06-01')]).toEqual(['IN_PROGRESS', 'STALLED', 'STALLED', 'COMPLETED']);
    expect((await list({ filter: { tags: ['rv-backdated'] }, asOf: '2024-04-01' })).nodes).toMatchObject([{ status: 'STALLED', statusSince: '2024-03-10' }]);

    // Month ends Jan..Jul 2024 of this commitment alone (the history path), one status at a time.
    const timeline = (extra: Record<string, unknown>) =>
      ok(STATUS_TIMELINE, { from: '2024-01-01', to: '2024-07-31', interval: 'MONTH', ...extra }) as Promise<{ points: { counts: Record<string, number> }[] }>;
    const held = (points: { counts: Record<string, number> }[]) =>
      points.map(({ counts }) => Object.entries(counts).filter(([field, n]) => n !== 0 && !['total', 'completionRate', 'followThroughRate'].includes(field) && n !== null));
    const alone = await timeline({ filter: { tags: ['rv-backdated'] } });
    expect(held(alone.points)).toEqual([
      [['announced', 1]],
      [['inProgress', 1]],
      [['stalled', 1]],
      [['stalled', 1]],
      [['stalled', 1]],
      [['completed', 1]],
      [['completed', 1]],
    ]);
    // Over all commitments, the rollup tables (kept by the triggers), the history read by from_status and the
    // history read by date (asKnownOn) agree.
    const fast = await timeline({});
    const known = await timeline({ asKnownOn: '2999-01-01T00:00:00Z' });
    expect(known.points.map((point) => point.counts)).toEqual(fast.points.map((point) => point.counts));
  });

  it('refuses a correction before the announcement or to the status in effect that day, writing nothing', async () => {
    const commitmentId = await create('rv-backdated-bad', 'rv-backdated-bad');
    await changeStatus(commitmentId, 'IN_PROGRESS', '2024-02-01');
    const input = { commitmentId, rationale: 'Found late.' };
    const early = await ok(CORRECT, { input: { ...input, status: 'STALLED', effectiveOn: '2023-10-01', evidence: { url: 'https://example.org/e', title: 'E', publishedOn: '2024-01-01' } } });
    expect(early.userErrors[0]).toMatchObject({ field: ['input', 'effectiveOn'], code: 'BAD_USER_INPUT', message: expect.stringMatching(/before the commitment was announced/) });
    const same = await ok(CORRECT, { input: { ...input, status: 'ANNOUNCED', effectiveOn: '2024-01-15' } });
    expect(same.userErrors[0]).toMatchObject({ field: ['input', 'status'], code: 'BAD_USER_INPUT', message: expect.stringMatching(/already ANNOUNCED/) });
    const unevidenced = await ok(CORRECT, { input: { ...input, status: 'STALLED', effectiveOn: '2024-01-15' } });
    expect(unevidenced.userErrors[0]).toMatchObject({ field: ['input', 'evidence'], code: 'BAD_USER_INPUT' });
    const read = await ok(`query ($id: ID!) { commitment(id: $id) { version statusHistory { totalCount } } }`, { id: commitmentId });
    expect(read).toEqual({ version: 2, statusHistory: { totalCount: 2 } });
  });

  it('refuses a correction naming another commitment\'s entry, or on a stale version, writing nothing', async () => {
    const id = await suite.fixtures.commitment('rv-correct-bad');
    const commitmentId = commitmentGid(id);
    await changeStatus(commitmentId, 'IN_PROGRESS', '2024-02-01');
    const otherId = commitmentGid(await suite.fixtures.commitment('rv-correct-other'));
    const other = await changeStatus(otherId, 'IN_PROGRESS', '2024-02-01');
    const input = { commitmentId, status: 'PARTIALLY_COMPLETED', effectiveOn: '2024-03-01', rationale: 'Found late.' };
    const foreign = await ok(CORRECT, { input: { ...input, correctsEntryId: other.statusChange.id } });
    expect(foreign.userErrors[0]).toMatchObject({ field: ['input', 'correctsEntryId'], code: 'NOT_FOUND' });
    const notAnEntry = await ok(CORRECT, { input: { ...input, correctsEntryId: commitmentId } });
    expect(notAnEntry.userErrors[0]).toMatchObject({ field: ['input', 'correctsEntryId'], code: 'BAD_USER_INPUT' });
    const stale = await ok(CORRECT, { input: { ...input, expectedVersion: 1 } });
    expect(stale.userErrors[0]).toMatchObject({ field: ['input', 'expectedVersion'], code: 'CONFLICT', currentVersion: 2 });
    const future = await ok(CORRECT, { input: { ...input, effectiveOn: daysFromToday(5) } });
    expect(future.userErrors[0]).toMatchObject({ field: ['input', 'effectiveOn'] });
    expect(await suite.fixtures.state(id)).toMatchObject({ status: 'IN_PROGRESS', version: 2, history: 2 });
  });
});
