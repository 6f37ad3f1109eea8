import { createHash } from 'node:crypto';
import { toGlobalId } from '../../src/relay/global-id';
import { useTestServer } from '../support/fixture';
import { commitmentGid } from '../support/write-fixtures';

const suite = useTestServer({ fixtures: 'write', apiKeys: { admin: 'ADMIN', editor: 'EDITOR' } });

async function asAdmin(query: string, input: Record<string, unknown>) {
  const { body } = await suite.server.graphql(query, { input }, { authorization: suite.keys.admin.authorization });
  expect(body.errors).toBeUndefined();
  return Object.values(body.data!)[0];
}

const CREATE_PARTNERSHIP = `mutation ($input: CreatePartnershipInput!) {
  createPartnership(input: $input) { partnership { id slug level } userErrors { field message code } }
}`;
const CREATE_PILLAR = `mutation ($input: CreatePillarInput!) {
  createPillar(input: $input) { pillar { slug position } userErrors { field message code } }
}`;
const RECORD_MILESTONE = `mutation ($input: RecordPartnershipMilestoneInput!) {
  recordPartnershipMilestone(input: $input) { partnership { level } milestone { kind level occurredOn quote } userErrors { field message code } }
}`;
const CREATE_DOCUMENT = `mutation ($input: CreateSourceDocumentInput!) {
  createSourceDocument(input: $input) {
    sourceDocument { id slug sha256 text }
    provenance { commitmentId quote startOffset endOffset role }
    userErrors { field message code }
  }
}`;
const CREATE_ACTOR = `mutation ($input: CreateActorInput!) {
  createActor(input: $input) { actor { slug name kind countryCode } userErrors { field message code } }
}`;

describe('admin mutations', () => {
  it('are refused to editors with FORBIDDEN', async () => {
    const { body } = await suite.server.graphql(CREATE_ACTOR, { input: { slug: 'x', name: 'X', kind: 'OTHER' } }, { authorization: suite.keys.editor.authorization });
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/needs the ADMIN role/) })]);
    expect(body.data).toBeNull();
  });

  it('create a partnership, pillars in order, and milestones that move its level', async () => {
    const created = await asAdmin(CREATE_PARTNERSHIP, { slug: 'us-singapore', name: 'US–Singapore Strategic Partnership', level: 'STRATEGIC_PARTNERSHIP', partyCodes: ['US', 'SG'] });
    expect(created.userErrors).toEqual([]);
    const partnershipId = created.partnership.id;
    expect((await asAdmin(CREATE_PARTNERSHIP, { slug: 'us-singapore', name: 'Again', level: 'OTHER', partyCodes: ['US', 'SG'] })).userErrors[0]).toMatchObject({ code: 'CONFLICT', field: ['input', 'slug'] });
    expect((await asAdmin(CREATE_PARTNERSHIP, { slug: 'nowhere', name: 'N', level: 'OTHER', partyCodes: ['US', 'ZZ'] })).userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'partyCodes', '1'] });

    expect((await asAdmin(CREATE_PILLAR, { partnershipId, slug: 'us-sg-defence', name: 'Defence' })).pillar).toEqual({ slug: 'us-sg-defence', position: 1 });
    expect((await asAdmin(CREATE_PILLAR, { partnershipId, slug: 'us-sg-trade', name: 'Trade' })).pillar).toEqual({ slug: 'us-sg-trade', position: 2 });
    expect((await asAdmin(CREATE_PILLAR, { partnershipId, slug: 'us-sg-other', name: 'Other', position: 2 })).userErrors[0]).toMatchObject({ code: 'CONFLICT', field: ['input', 'position'] });

    const upgraded = await asAdmin(RECORD_MILESTONE, { partnershipId, kind: 'UPGRADED', level: 'COMPREHENSIVE_STRATEGIC_PARTNERSHIP', title: 'Upgraded', occurredOn: '2024-06-01', occurredPrecision: 'DAY' });
    expect(upgraded).toMatchObject({ userErrors: [], partnership: { level: 'COMPREHENSIVE_STRATEGIC_PARTNERSHIP' } });
    const older = await asAdmin(RECORD_MILESTONE, { partnershipId, kind: 'ESTABLISHED', level: 'STRATEGIC_PARTNERSHIP', title: 'Established', occurredOn: '2019-01-01', occurredPrecision: 'YEAR' });
    expect(older.partnership.level).toBe('COMPREHENSIVE_STRATEGIC_PARTNERSHIP');
    const noLevel = await asAdmin(RECORD_MILESTONE, { partnershipId, kind: 'UPGRADED', title: 'x', occurredOn: '2024-07-01', occurredPrecision: 'DAY' });
    expect(noLevel.userErrors[0]).toMatchObject({ field: ['input', 'level'] });
    const badQuote = await asAdmin(RECORD_MILESTONE, {
      partnershipId, kind: 'FRAMEWORK', title: 'x', occurredOn: '2024-03-01', occurredPrecision: 'DAY',
      sourceDocumentId: toGlobalId('SourceDocument', suite.fixtures.documentId), quote: 'not in the text',
    });
    expect(badQuote.userErrors[0]).toMatchObject({ field: ['input', 'quote'], message: expect.stringMatching(/not found verbatim/) });
  });

  it('stores a source document with its SHA-256 and code-point offsets of its quotes', async () => {
    const id = await suite.fixtures.commitment('quoted');
    // An emoji is two UTF-16 code units but one code point: the offsets must count it once.
    const text = 'Leaders 🤝 agreed to sign a Digital Economy Agreement by 2025. Both sides welcomed it.';
    const payload = await asAdmin(CREATE_DOCUMENT, {
      slug: 'leaders-statement', title: 'Joint statement', publisher: 'MFA', kind: 'JOINT_STATEMENT',
      publishedOn: '2023-10-15', publishedPrecision: 'DAY', publishedBasis: 'STATED', language: 'en', text,
      provenance: [{ commitmentId: commitmentGid(id), quote: 'sign a Digital Economy Agreement', role: 'ORIGIN' }],
    });
    expect(payload.userErrors).toEqual([]);
    expect(payload.sourceDocument).toMatchObject({ slug: 'leaders-statement', text, sha256: createHash('sha256').update(text, 'utf8').digest('hex') });
    const quote = 'sign a Digital Economy Agreement';
    const start = Array.from(text.slice(0, text.indexOf(quote))).length;
    expect(start).toBe(text.indexOf(quote) - 1);
    expect(payload.provenance).toEqual([{ commitmentId: commitmentGid(id), quote, startOffset: start, endOffset: start + quote.length, role: 'ORIGIN' }]);
    // PostgreSQL counts the same way: substr is 1-based, in characters.
    const [row] = await suite.fixtures.database.prisma.$queryRaw<{ quote: string }[]>`
      SELECT substr(d.text, p.start_offset + 1, p.end_offset - p.start_offset) AS quote
      FROM provenance p JOIN source_document d ON d.id = p.source_document_id WHERE d.slug = 'leaders-statement'`;
    expect(row!.quote).toBe(quote);

    const missing = await asAdmin(CREATE_DOCUMENT, {
      slug: 'other-statement', title: 'T', publisher: 'P', kind: 'OTHER', publishedOn: '2023-10-15', publishedPrecision: 'DAY',
      publishedBasis: 'STATED', language: 'en', text: 'Some text. Some text.',
      provenance: [{ commitmentId: commitmentGid(id), quote: 'Some text.', role: 'EVIDENCE' }],
    });
    expect(missing.userErrors[0]).toMatchObject({ field: ['input', 'provenance', '0', 'quote'], message: expect.stringMatching(/occurs 2 times/) });
    expect(await suite.fixtures.database.prisma.sourceDocument.count({ where: { slug: 'other-statement' } })).toBe(0);
  });

  it('creates actors of known countries', async () => {
    expect((await asAdmin(CREATE_ACTOR, { slug: 'vn-mic', name: 'Ministry of Information and Communications', kind: 'MINISTRY', countryCode: 'VN' })).actor).toEqual({
      slug: 'vn-mic', name: 'Ministry of Information and Communications', kind: 'MINISTRY', countryCode: 'VN',
    });
    expect((await asAdmin(CREATE_ACTOR, { slug: 'xx-body', name: 'Body', kind: 'OTHER', countryCode: 'XX' })).userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'countryCode'] });
    expect((await asAdmin(CREATE_ACTOR, { slug: 'vn-mic', name: 'Again', kind: 'OTHER' })).userErrors[0]).toMatchObject({ code: 'CONFLICT', field: ['input', 'slug'] });
  });
});
