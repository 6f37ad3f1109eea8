// The review flow end to end through the API: a short text ingested, its candidates' quotes slicing the stored
// text exactly, one accepted, one rejected, one merged into a tracked commitment, and every decision final.
import { decodeGlobalId, toGlobalId } from '../../src/relay/global-id';
import { useTestServer } from '../support/fixture';
import { ACCEPT, codePointSlice, INGEST, MERGE, QUEUE, REJECT, REVIEW_TEXT, send, TRACKED_TITLE } from '../support/ingestion';

const suite = useTestServer({
  fixtures: 'write',
  apiKeys: { editor: { role: 'EDITOR', name: 'Hanoi desk' }, other: { role: 'EDITOR', name: 'Singapore desk' } },
  prepare: async ({ fixtures }) => {
    await fixtures.database.prisma.commitment.create({
      data: {
        slug: 'tracked-offshore-wind',
        partnershipId: fixtures.partnershipId,
        pillarId: fixtures.pillarId,
        title: TRACKED_TITLE,
        statusSince: new Date('2023-10-15T00:00:00Z'),
        announcedOn: new Date('2023-10-15T00:00:00Z'),
      },
    });
  },
});

const editor = () => suite.keys.editor.authorization;
const gid = (type: string, id: number) => toGlobalId(type, id);
const prisma = () => suite.fixtures.database.prisma;

async function ingest(text: string, title: string) {
  const body = await send(suite.server, INGEST, { input: { title, publishedOn: '2024-03-01', text, partnershipId: gid('Partnership', suite.fixtures.partnershipId), publisher: 'VNA' } }, editor());
  expect(body.errors).toBeUndefined();
  expect(body.data!.ingestDocument.userErrors).toEqual([]);
  return body.data!.ingestDocument;
}

const decide = async (mutation: string, input: Record<string, unknown>, authorization = editor()) => {
  const body = await send(suite.server, mutation, { input }, authorization);
  expect(body.errors).toBeUndefined();
  return Object.values(body.data!)[0] as Record<string, any>;
};

describe('the review flow', () => {
  let ingested: Record<string, any>;
  let tracked: number;
  const byQuote = (start: string) => ingested.candidates.find((candidate: { quote: string }) => candidate.quote.startsWith(start));

  beforeAll(async () => {
    tracked = (await prisma().commitment.findUniqueOrThrow({ where: { slug: 'tracked-offshore-wind' } })).id;
    ingested = await ingest(REVIEW_TEXT, 'Annual dialogue, Hanoi');
  });

  it('stores the text byte for byte and proposes each undertaking with a quote that slices it exactly', async () => {
    expect(ingested.sourceDocument.text).toBe(REVIEW_TEXT);
    expect(ingested.sourceDocument.publisher).toBe('VNA');
    expect(ingested.candidates.map((candidate: { quote: string }) => candidate.quote)).toEqual([
      'Singapore will train 500 Vietnamese engineers in cybersecurity by 2027.',
      'The two sides agreed to launch a green finance facility worth US$50 million.',
      'The two sides will establish a joint working group on offshore wind energy.',
    ]);
    const [{ text }] = await prisma().$queryRaw<{ text: string }[]>`SELECT text FROM source_document WHERE id = ${ingested.sourceDocument.databaseId}`;
    for (const candidate of ingested.candidates) {
      expect(codePointSlice(text, candidate.startOffset, candidate.endOffset)).toBe(candidate.quote);
      const [{ quote }] = await prisma().$queryRaw<{ quote: string }[]>`SELECT substr(text, ${candidate.startOffset + 1}, ${candidate.endOffset - candidate.startOffset}) AS quote FROM source_document WHERE id = ${ingested.sourceDocument.databaseId}`;
      expect(quote).toBe(candidate.quote);
      expect(candidate).toMatchObject({ state: 'PENDING', decidedAt: null, decidedBy: null, documentId: ingested.sourceDocument.id });
    }
    // The emoji before them counts one code point, two UTF-16 units.
    expect(ingested.candidates[0].startOffset).toBe(REVIEW_TEXT.indexOf('Singapore will') - 1);
  });

  it('gives each candidate what the extractor read: deadline, amount, and the tracked commitment it restates', () => {
    expect(byQuote('Singapore will').deadline).toEqual({ date: '2027-01-01', precision: 'YEAR', text: 'by 2027' });
    expect(byQuote('The two sides agreed').amounts).toEqual([{ value: 50_000_000, currency: 'USD', text: 'US$50 million' }]);
    expect(byQuote('The two sides agreed').actors).toEqual([
      { name: 'VN', role: 'PARTY', actor: null },
      { name: 'SG', role: 'PARTY', actor: null },
    ]);
    const restating = byQuote('The two sides will');
    expect(restating).toMatchObject({ proposal: 'NEW_PROVENANCE', restates: { commitmentId: gid('Commitment', tracked), commitment: { id: gid('Commitment', tracked) } } });
    expect(restating.restates.similarity).toBeGreaterThanOrEqual(0.5);
    expect(byQuote('Singapore will').proposal).toBe('NEW_COMMITMENT');
  });

  it('refuses to accept without a pillar when the extractor suggested none, naming the field, and changes nothing', async () => {
    const candidate = byQuote('The two sides agreed');
    expect(candidate.suggestedPillar).toBeNull();
    const payload = await decide(ACCEPT, { id: candidate.id });
    expect(payload.candidate).toBeNull();
    expect(payload.userErrors).toEqual([expect.objectContaining({ field: ['input', 'edits', 'pillarId'], code: 'BAD_USER_INPUT' })]);
    expect((await prisma().commitmentCandidate.findUniqueOrThrow({ where: { id: candidate.databaseId } })).state).toBe('PENDING');
  });

  it('refuses edits with a slug or tags that are not kebab-case, naming the field, as createCommitment does', async () => {
    const candidate = byQuote('The two sides agreed');
    const pillarId = gid('Pillar', suite.fixtures.pillarId);
    const badSlug = await decide(ACCEPT, { id: candidate.id, edits: { pillarId, slug: 'Not A Slug' } });
    expect(badSlug.userErrors).toEqual([expect.objectContaining({ field: ['input', 'edits', 'slug'], code: 'BAD_USER_INPUT' })]);
    const badTags = await decide(ACCEPT, { id: candidate.id, edits: { pillarId, tags: ['Green Finance'] } });
    expect(badTags.userErrors).toEqual([expect.objectContaining({ field: ['input', 'edits', 'tags'], code: 'BAD_USER_INPUT' })]);
    expect((await prisma().commitmentCandidate.findUniqueOrThrow({ where: { id: candidate.databaseId } })).state).toBe('PENDING');
  });

  it('accepts one: the commitment exists with its first history entry and the quote as its origin', async () => {
    const candidate = byQuote('The two sides agreed');
    const payload = await decide(ACCEPT, { id: candidate.id, edits: { pillarId: gid('Pillar', suite.fixtures.pillarId), title: 'Launch a green finance facility' } });
    expect(payload.userErrors).toEqual([]);
    expect(payload.candidate).toMatchObject({ state: 'ACCEPTED', decidedBy: { kind: 'API_KEY', name: 'Hanoi desk' }, commitment: { title: 'Launch a green finance facility' } });
    expect(payload.provenance).toMatchObject({ role: 'ORIGIN', quote: candidate.quote });
    const row = await prisma().commitment.findUniqueOrThrow({
      where: { id: decodeGlobalId(payload.commitment.id)!.id },
      include: { statusChanges: true, provenance: true, amounts: true },
    });
    expect(row).toMatchObject({ title: 'Launch a green finance facility', pillarId: suite.fixtures.pillarId, partnershipId: suite.fixtures.partnershipId, status: 'ANNOUNCED' });
    expect(row.announcedOn.toISOString().slice(0, 10)).toBe('2024-03-01');
    expect(row.statusChanges).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'ANNOUNCED', authorKind: 'API_KEY', authorId: String(suite.keys.editor.id) })]);
    expect(row.provenance).toEqual([
      expect.objectContaining({ sourceDocumentId: ingested.sourceDocument.databaseId, quote: candidate.quote, startOffset: candidate.startOffset, endOffset: candidate.endOffset, role: 'ORIGIN' }),
    ]);
    expect(row.amounts.map((amount) => [amount.value.toString(), amount.currency])).toEqual([['50000000', 'USD']]);
    const stored = await prisma().commitmentCandidate.findUniqueOrThrow({ where: { id: candidate.databaseId } });
    expect(stored).toMatchObject({ state: 'ACCEPTED', commitmentId: row.id, provenanceId: row.provenance[0]!.id, decidedById: String(suite.keys.editor.id), decidedByName: 'Hanoi desk' });
    expect(stored.decidedAt).toBeInstanceOf(Date);
  });

  it('rejects one only with a reason, and stores the reason', async () => {
    const candidate = byQuote('Singapore will');
    const blank = await decide(REJECT, { id: candidate.id, reason: '   ' });
    expect(blank.userErrors).toEqual([expect.objectContaining({ field: ['input', 'reason'], code: 'BAD_USER_INPUT' })]);
    const payload = await decide(REJECT, { id: candidate.id, reason: 'A training offer already tracked under another partnership' });
    expect(payload.userErrors).toEqual([]);
    expect(payload.candidate).toMatchObject({ state: 'REJECTED', rejectionReason: 'A training offer already tracked under another partnership', commitment: null, decidedBy: { name: 'Hanoi desk' } });
    expect(await prisma().commitmentCandidate.findUniqueOrThrow({ where: { id: candidate.databaseId } })).toMatchObject({
      state: 'REJECTED',
      rejectionReason: 'A training offer already tracked under another partnership',
      commitmentId: null,
    });
  });

  it('merges one into the commitment it restates: a new provenance of the tracked commitment', async () => {
    const candidate = byQuote('The two sides will');
    const payload = await decide(MERGE, { id: candidate.id });
    expect(payload.userErrors).toEqual([]);
    expect(payload.candidate).toMatchObject({ state: 'MERGED', commitment: { id: gid('Commitment', tracked) } });
    expect(payload.provenance).toMatchObject({ role: 'LATER_MENTION', quote: candidate.quote });
    const provenance = await prisma().provenance.findMany({ where: { commitmentId: tracked } });
    expect(provenance).toEqual([expect.objectContaining({ sourceDocumentId: ingested.sourceDocument.databaseId, quote: candidate.quote, startOffset: candidate.startOffset, role: 'LATER_MENTION' })]);
  });

  it.each([
    ['accepting a merged candidate', (): [string, Record<string, unknown>] => [ACCEPT, { id: ingested.candidates[2].id, edits: { pillarId: gid('Pillar', suite.fixtures.pillarId) } }]],
    ['rejecting an accepted one', (): [string, Record<string, unknown>] => [REJECT, { id: ingested.candidates[1].id, reason: 'Changed my mind' }]],
    ['merging a rejected one', (): [string, Record<string, unknown>] => [MERGE, { id: ingested.candidates[0].id, commitmentId: gid('Commitment', tracked) }]],
  ])('refuses %s with CONFLICT, and nothing changes', async (_name, request) => {
    const before = await Promise.all([prisma().commitmentCandidate.findMany({ orderBy: { id: 'asc' } }), prisma().commitment.count(), prisma().provenance.count()]);
    const [mutation, input] = request();
    const payload = await decide(mutation, input);
    expect(payload.candidate).toBeNull();
    expect(payload.userErrors).toEqual([expect.objectContaining({ field: ['input', 'id'], code: 'CONFLICT', message: expect.stringMatching(/already .*Hanoi desk/) })]);
    expect(await Promise.all([prisma().commitmentCandidate.findMany({ orderBy: { id: 'asc' } }), prisma().commitment.count(), prisma().provenance.count()])).toEqual(before);
  });

  it('leaves the document\'s queue empty, each candidate listed under its decision', async () => {
    const count = async (state: string) => {
      const body = await send(suite.server, QUEUE, { documentId: ingested.sourceDocument.id, state });
      expect(body.errors).toBeUndefined();
      return body.data!.commitmentCandidates.totalCount;
    };
    expect(await Promise.all(['PENDING', 'ACCEPTED', 'REJECTED', 'MERGED'].map(count))).toEqual([0, 1, 1, 1]);
  });

  it('refuses an unknown candidate with NOT_FOUND', async () => {
    const payload = await decide(REJECT, { id: gid('CommitmentCandidate', 999_999), reason: 'Nothing' });
    expect(payload.userErrors).toEqual([expect.objectContaining({ field: ['input', 'id'], code: 'NOT_FOUND' })]);
  });
});

describe('concurrent decisions on one candidate', () => {
  it('let exactly one win: the other is refused with CONFLICT and leaves no trace', async () => {
    const { candidates } = await ingest('The two sides will open a joint research centre for semiconductors in Da Nang.', 'Concurrent decisions');
    expect(candidates).toHaveLength(1);
    const [candidate] = candidates;
    const commitmentsBefore = await prisma().commitment.count();
    const [accepted, rejected] = await Promise.all([
      decide(ACCEPT, { id: candidate.id, edits: { pillarId: gid('Pillar', suite.fixtures.pillarId) } }),
      decide(REJECT, { id: candidate.id, reason: 'Duplicate' }, suite.keys.other.authorization),
    ]);
    const outcomes = [accepted, rejected].map((payload) => (payload.userErrors.length === 0 ? 'won' : payload.userErrors[0].code));
    expect(outcomes.sort()).toEqual(['CONFLICT', 'won']);
    const stored = await prisma().commitmentCandidate.findUniqueOrThrow({ where: { id: candidate.databaseId } });
    const acceptWon = accepted.userErrors.length === 0;
    expect(stored.state).toBe(acceptWon ? 'ACCEPTED' : 'REJECTED');
    expect(stored.decidedByName).toBe(acceptWon ? 'Hanoi desk' : 'Singapore desk');
    expect(await prisma().commitment.count()).toBe(commitmentsBefore + (acceptWon ? 1 : 0));
  });
});

describe('the review queue', () => {
  it('pages with cursors through a document\'s pending candidates in the order of its text', async () => {
    const text = [
      'Viet Nam will build a port in Hai Phong.',
      'Singapore will fund a scholarship programme for Vietnamese students.',
      'The two sides agreed to hold a maritime security dialogue every year.',
      'The two sides will sign an agreement on carbon credits.',
      'Singapore will open a trade office in Can Tho.',
      'Viet Nam will host a fintech forum in 2026.',
      'The two sides pledged to expand direct flights between the two countries.',
    ].join(' ');
    const { sourceDocument, candidates } = await ingest(text, 'Seven undertakings');
    expect(candidates).toHaveLength(7);
    const seen: string[] = [];
    const pages: [number, boolean][] = [];
    let after: string | null = null;
    do {
      const body = await send(suite.server, QUEUE, { documentId: sourceDocument.id, first: 3, after });
      expect(body.errors).toBeUndefined();
      const page: Record<string, any> = body.data!.commitmentCandidates;
      expect(page.totalCount).toBe(7);
      seen.push(...page.nodes.map((node: { id: string }) => node.id));
      pages.push([page.nodes.length, page.pageInfo.hasNextPage]);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(pages).toEqual([[3, true], [3, true], [1, false]]);
    expect(seen).toEqual(candidates.map((candidate: { id: string }) => candidate.id));
  });

  it('refuses a cursor that is not one of its own', async () => {
    const body = await send(suite.server, QUEUE, { first: 2, after: 'bm90LWEtY3Vyc29y' });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
