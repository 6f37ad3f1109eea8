// ingestDocument and `npm run ingest`: what is stored, what is refused (each bad input a userError naming its
// field, with nothing written), the same text refused twice, all or nothing, and who may ingest.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { toGlobalId } from '../../src/relay/global-id';
import { useTestServer } from '../support/fixture';
import { INGEST, send } from '../support/ingestion';

const suite = useTestServer({
  fixtures: 'write',
  apiKeys: { editor: 'EDITOR', viewer: 'VIEWER', admin: 'ADMIN' },
  // A request as large as the largest text ingested, so that the service's own limit is what refuses a larger one.
  env: { REQUEST_BODY_LIMIT_BYTES: String(4 * 1024 * 1024) },
});

const prisma = () => suite.fixtures.database.prisma;
const valid = (overrides: Record<string, unknown> = {}) => ({
  title: 'Joint statement on the digital economy',
  publishedOn: '2024-05-02',
  text: 'Singapore will help Viet Nam build three data centres by 2028.',
  ...overrides,
});

/** null: no credential. */
async function ingest(input: Record<string, unknown>, authorization: string | null = suite.keys.editor.authorization) {
  return send(suite.server, INGEST, { input }, authorization ?? undefined);
}

const rowCounts = () => Promise.all([prisma().sourceDocument.count(), prisma().commitmentCandidate.count()]);

describe('ingestDocument', () => {
  it('stores the document, its hash and its candidates, publisher and kind defaulted', async () => {
    const input = valid({ text: 'Singapore will help Viet Nam build three data centres by 2028.\r\n\tNo trailing newline', sourceUrl: 'https://www.mti.gov.sg/news/1' });
    const body = await ingest(input);
    expect(body.errors).toBeUndefined();
    const { sourceDocument, candidates, userErrors } = body.data!.ingestDocument;
    expect(userErrors).toEqual([]);
    expect(sourceDocument).toMatchObject({ title: input.title, publisher: 'mti.gov.sg', kind: 'OTHER', publishedOn: '2024-05-02', text: input.text });
    expect(sourceDocument.slug).toMatch(/^joint-statement-on-the-digital-economy-[0-9a-f]{8}$/);
    const row = await prisma().sourceDocument.findUniqueOrThrow({ where: { id: sourceDocument.databaseId } });
    expect(row.text).toBe(input.text);
    expect(row.sha256).toBe(createHash('sha256').update(input.text as string, 'utf8').digest('hex'));
    expect(candidates.map((candidate: { quote: string }) => candidate.quote)).toEqual(['Singapore will help Viet Nam build three data centres by 2028.']);
    expect(await prisma().commitmentCandidate.count({ where: { sourceDocumentId: row.id, state: 'PENDING' } })).toBe(1);
  });

  it('answers a text that makes no commitment with the document and no candidates', async () => {
    const body = await ingest(valid({ title: 'Weather report', text: 'It rained in Hanoi all week. The Red River rose by a metre.' }));
    expect(body.data!.ingestDocument).toMatchObject({ userErrors: [], candidates: [], sourceDocument: { title: 'Weather report' } });
  });

  it('refuses the same text twice, naming the document that holds it, and writes nothing', async () => {
    const text = 'Viet Nam will open a consulate in Perth next year.';
    const first = (await ingest(valid({ title: 'First', text }))).data!.ingestDocument;
    expect(first.userErrors).toEqual([]);
    const before = await rowCounts();
    const again = (await ingest(valid({ title: 'Second', text }))).data!.ingestDocument;
    expect(again.sourceDocument).toBeNull();
    expect(again.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'text'], code: 'CONFLICT', message: expect.stringContaining(`"${first.sourceDocument.slug}" (First)`) }),
    ]);
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    ['an empty text', { text: '' }, 'text', /empty/],
    ['a text of blanks', { text: ' \n\t ' }, 'text', /empty/],
    ['a text over 2 MB', { text: `${'Singapore will build a port. '.repeat(75_000)}` }, 'text', /at most 2097152/],
    ['a text with NUL characters', { text: 'Singapore will\u0000 build a port.' }, 'text', /NUL/],
    ['a text that is not valid UTF-8', { text: 'Singapore will build a port \uD800 in Hanoi.' }, 'text', /UTF-8/],
    ['a text with bytes decoded as replacement characters', { text: 'Singapore \uFFFD\uFFFD will build a port.' }, 'text', /UTF-8/],
    ['a text mostly not printable', { text: `Singapore will build a port.${'\u0001\u0002\u0003\u0010'.repeat(20)}` }, 'text', /not printable/],
    ['a missing title', { title: null }, 'title', /required/],
    ['a blank title', { title: '   ' }, 'title', /required/],
    ['a missing date', { publishedOn: undefined }, 'publishedOn', /required/],
    ['a date in the future', { publishedOn: '2999-01-01' }, 'publishedOn', /future/],
    ['an unknown partnership', { partnershipId: toGlobalId('Partnership', 999_999) }, 'partnershipId', /not found/],
    ['an ID of another type as partnership', { partnershipId: toGlobalId('Pillar', 1) }, 'partnershipId', /not a valid Partnership ID/],
    ['an overlong publisher', { publisher: 'p'.repeat(201) }, 'publisher', /publisher/],
  ])('refuses %s with a userError naming the field, writing nothing', async (_name, change, field, message) => {
    const before = await rowCounts();
    const body = await ingest(valid({ text: `${valid().text} ${_name}.`, ...change }));
    expect(body.errors).toBeUndefined();
    const payload = body.data!.ingestDocument;
    expect(payload.sourceDocument).toBeNull();
    expect(payload.userErrors).toEqual([expect.objectContaining({ field: ['input', field], message: expect.stringMatching(message) })]);
    expect(await rowCounts()).toEqual(before);
  });

  it('leaves nothing half-written when a step after the document\'s insert fails', async () => {
    // A real failure inside the transaction, after the document is inserted: the candidates' insert raises.
    const client = await suite.connect();
    await client.query(`CREATE FUNCTION refuse_candidates() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'candidates refused for the test'; END $$`);
    await client.query('CREATE TRIGGER refuse_candidates BEFORE INSERT ON commitment_candidate FOR EACH STATEMENT EXECUTE FUNCTION refuse_candidates()');
    try {
      const before = await rowCounts();
      const body = await ingest(valid({ title: 'Never stored', text: 'The two sides will build a bridge over the Mekong by 2030.' }));
      expect(body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(await rowCounts()).toEqual(before);
      expect(await prisma().sourceDocument.count({ where: { title: 'Never stored' } })).toBe(0);
    } finally {
      await client.query('DROP TRIGGER refuse_candidates ON commitment_candidate; DROP FUNCTION refuse_candidates()');
    }
    // And the same text goes in once the failure is gone: nothing of the failed attempt blocks it.
    const retry = await ingest(valid({ title: 'Stored now', text: 'The two sides will build a bridge over the Mekong by 2030.' }));
    expect(retry.data!.ingestDocument).toMatchObject({ userErrors: [], sourceDocument: { title: 'Stored now' } });
  });

  it('is for editors and admins: a viewer gets FORBIDDEN, an anonymous caller UNAUTHENTICATED, and nothing is written', async () => {
    const before = await rowCounts();
    const viewer = await ingest(valid({ title: 'By a viewer' }), suite.keys.viewer.authorization);
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await ingest(valid({ title: 'Anonymous' }), null);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await rowCounts()).toEqual(before);
    const admin = await ingest(valid({ title: 'By an admin', text: 'Viet Nam will train 200 nurses in Singapore.' }), suite.keys.admin.authorization);
    expect(admin.data!.ingestDocument.userErrors).toEqual([]);
  });

  it('lets a viewer and an anonymous caller read the queue (reads are public here), but not decide', async () => {
    const queue = await send(suite.server, '{ commitmentCandidates(first: 1) { totalCount nodes { id } } }', {}, suite.keys.viewer.authorization);
    expect(queue.errors).toBeUndefined();
    expect(queue.data!.commitmentCandidates.totalCount).toBeGreaterThan(0);
    const id = queue.data!.commitmentCandidates.nodes[0].id;
    const anonymousQueue = await send(suite.server, '{ commitmentCandidates(first: 1) { totalCount } }', {});
    expect(anonymousQueue.errors).toBeUndefined();
    for (const [mutation, input] of [
      ['mutation ($input: RejectCandidateInput!) { rejectCandidate(input: $input) { userErrors { code } } }', { id, reason: 'No' }],
      ['mutation ($input: AcceptCandidateInput!) { acceptCandidate(input: $input) { userErrors { code } } }', { id }],
      ['mutation ($input: MergeCandidateInput!) { mergeCandidate(input: $input) { userErrors { code } } }', { id }],
    ] as const) {
      expect((await send(suite.server, mutation, { input }, suite.keys.viewer.authorization)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await send(suite.server, mutation, { input })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    expect(await prisma().commitmentCandidate.count({ where: { state: { not: 'PENDING' } } })).toBe(0);
  });
});

describe('npm run ingest', () => {
  const run = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['-r', '@swc-node/register', path.resolve(__dirname, '../../scripts/ingest.ts'), ...args], {
      cwd: path.resolve(__dirname, '../..'),
      env: { ...process.env, DATABASE_URL: suite.db.url, LOG_LEVEL: 'warn', MIGRATE_ON_START: 'false' },
    });
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ingest-cli-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('ingests a text file through the same service, printing its progress', async () => {
    const file = path.join(dir, 'statement.txt');
    const text = '\uFEFFThe two sides will set up a joint fund for start-ups worth S$10 million.\nThe sky was blue.\n';
    await writeFile(file, text, 'utf8');
    const { stdout } = await run(file, '--title', 'CLI statement', '--published-on', '2024-06-01', '--partnership', 'vietnam-singapore', '--kind', 'press_release');
    expect(stdout).toMatch(/^read .*statement\.txt: \d+ bytes/m);
    expect(stdout).toMatch(/^stored source document \d+ "cli-statement-[0-9a-f]{8}"/m);
    expect(stdout).toMatch(/^1 candidates queued for review \(0 restating a tracked commitment\) in \d+\.\d\d s; committed\.$/m);
    const document = await prisma().sourceDocument.findFirstOrThrow({ where: { title: 'CLI statement' }, include: { candidates: true } });
    // Byte for byte: the byte order mark is kept.
    expect(document.text).toBe(text);
    expect(document.kind).toBe('PRESS_RELEASE');
    expect(document.candidates.map((candidate) => [candidate.quote, candidate.partnershipId])).toEqual([
      ['The two sides will set up a joint fund for start-ups worth S$10 million.', suite.fixtures.partnershipId],
    ]);
  });

  it.each([
    ['a binary file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00]), ['--title', 'T', '--published-on', '2024-06-01'], /text is not valid UTF-8/],
    ['a missing title', Buffer.from('Viet Nam will build a port.'), ['--published-on', '2024-06-01'], /title: title is required/],
    ['a missing date', Buffer.from('Viet Nam will build a road.'), ['--title', 'T'], /publishedOn: publishedOn is required/],
    ['a bad source URL', Buffer.from('Viet Nam will build a canal.'), ['--title', 'T', '--published-on', '2024-06-01', '--source-url', 'not a url'], /sourceUrl: sourceUrl must be an http\(s\) URL/],
    ['an unknown partnership', Buffer.from('Viet Nam will build a dam.'), ['--title', 'T', '--published-on', '2024-06-01', '--partnership', 'nowhere'], /partnership: no partnership "nowhere"/],
  ])('refuses %s with a clear message and exit code 1, storing nothing', async (name, bytes, args, message) => {
    const file = path.join(dir, `${name.replace(/\W+/g, '-')}.txt`);
    await writeFile(file, bytes);
    const before = await rowCounts();
    const failure = await run(file, ...args).then(() => undefined, (error: { code: number; stderr: string }) => error);
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(message);
    expect(failure?.stderr).toMatch(/nothing was stored/);
    expect(await rowCounts()).toEqual(before);
  });
});
