// The export of commitments through the real server, on the seeded dataset: every row, read back with a CSV
// parser; the same commitments as the GraphQL query for the same filter and order; quotes holding commas,
// quotes and line breaks intact; the JSON forms; refusals of bad input, of missing credentials and over the
// rate limit; and a statement count that does not grow with the rows.
import { parse } from 'csv-parse/sync';
import { CommitmentExportService } from '../../src/commitment/commitment-export.service';
import { CommitmentOrderField, OrderDirection } from '../../src/commitment/commitment.queries';
import { documentSha256 } from '../../src/source-document/document-hash';
import { toGlobalId } from '../../src/relay/global-id';
import { useTestServer } from '../support/fixture';

/** A quote no CSV writer can pass through unquoted: commas, double quotes, LF and CRLF line breaks. */
const TRICKY_QUOTE = 'They said, "we will, by 2030"; then\nadded:\r\n"done, mostly", and left.';
let trickyId: string;
const TRICKY_TITLE = 'Minutes, "annotated"';

const suite = useTestServer({
  database: 'seeded',
  countStatements: true,
  apiKeys: { viewer: 'VIEWER' },
  prepare: async ({ database }) => {
    const commitment = (await database.prisma.commitment.findFirst({ orderBy: { id: 'asc' } }))!;
    trickyId = toGlobalId('Commitment', commitment.id);
    const text = `Preamble. ${TRICKY_QUOTE} Postscript.`;
    const document = await database.prisma.sourceDocument.create({
      data: {
        slug: 'export-tricky-minutes', title: TRICKY_TITLE, publisher: 'Test', kind: 'OTHER', publishedOn: new Date('2025-01-02'),
        publishedPrecision: 'DAY', publishedBasis: 'STATED', url: 'https://example.org/minutes?a=1,b=2', language: 'en', text, sha256: documentSha256(text),
      },
    });
    const start = [...'Preamble. '].length;
    await database.prisma.provenance.create({
      data: { commitmentId: commitment.id, sourceDocumentId: document.id, quote: TRICKY_QUOTE, startOffset: start, endOffset: start + [...TRICKY_QUOTE].length, role: 'LATER_MENTION' },
    });
  },
});

const exportUrl = (format: string, params: Record<string, unknown> = {}) => {
  const query = new URLSearchParams(Object.entries(params).map(([name, value]): [string, string] => [name, typeof value === 'string' ? value : JSON.stringify(value)]));
  return `${suite.server.baseUrl}/export/commitments.${format}${[...query].length ? `?${query}` : ''}`;
};

async function download(format: string, params: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await fetch(exportUrl(format, params), { headers });
  return { response, text: await response.text() };
}

type CsvRow = Record<string, string>;
const parseCsv = (text: string): CsvRow[] => parse(text, { columns: true, relax_column_count: false });

/** Every commitment the query selects, through GraphQL, a page at a time. */
async function queryIds(filter?: unknown, orderBy?: unknown): Promise<{ ids: string[]; totalCount: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let totalCount = 0;
  for (;;) {
    const { body }: { body: { data?: any; errors?: unknown } } = await suite.server.graphql(
      'query ($filter: CommitmentFilter, $orderBy: CommitmentOrder, $after: String) { commitments(filter: $filter, orderBy: $orderBy, first: 100, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }',
      { filter, orderBy, after },
    );
    expect(body.errors).toBeUndefined();
    const page: { totalCount: number; nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = body.data!.commitments;
    totalCount = page.totalCount;
    ids.push(...page.nodes.map((node: { id: string }) => node.id));
    if (!page.pageInfo.hasNextPage) return { ids, totalCount };
    after = page.pageInfo.endCursor;
  }
}

describe('GET /export/commitments.csv', () => {
  it('exports every commitment of the seeded set as an attachment, as many rows as the query\'s totalCount', async () => {
    const { response, text } = await download('csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=commitments-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parseCsv(text);
    const { ids, totalCount } = await queryIds();
    expect(totalCount).toBeGreaterThanOrEqual(100);
    expect(rows).toHaveLength(totalCount);
    expect(rows.map((row) => row.id).sort()).toEqual([...ids].sort());
    expect(Object.keys(rows[0]!)).toEqual([
      'id', 'slug', 'title', 'description', 'status', 'status_since', 'announced_on', 'deadline', 'deadline_precision', 'partnership_id', 'partnership',
      'pillar_id', 'pillar', 'tags', 'actors', 'amounts', 'quotes', 'last_assessed_at', 'last_status_change_on', 'last_status_change_to',
      'last_status_change_rationale', 'archived_at',
    ]);
    // Every seeded commitment has a quote and a history entry; some have actors and amounts.
    expect(rows.every((row) => row.quotes !== '' && row.last_status_change_on !== '' && row.last_status_change_rationale !== '')).toBe(true);
    expect(rows.some((row) => row.actors.includes('(LEAD)'))).toBe(true);
  });

  it('writes each commitment as the GraphQL API gives it', async () => {
    const rows = parseCsv((await download('csv')).text);
    const withDeadline = rows.find((row) => row.deadline !== '') ?? rows[0]!;
    const { body } = await suite.server.graphql(
      `query ($id: ID!) { commitment(id: $id) { id slug title status statusSince deadline { date precision } partnership { id name } pillar { id name }
        actors { role actor { name } } amounts { value currency } provenance { quote document { title url } }
        statusHistory(first: 1) { nodes { effectiveOn toStatus rationale } } } }`,
      { id: withDeadline.id },
    );
    const commitment = body.data!.commitment;
    const latest = commitment.statusHistory.nodes[0];
    expect(withDeadline).toMatchObject({
      slug: commitment.slug,
      title: commitment.title,
      status: commitment.status,
      status_since: commitment.statusSince,
      deadline: commitment.deadline?.date ?? '',
      deadline_precision: commitment.deadline?.precision ?? '',
      partnership_id: commitment.partnership.id,
      partnership: commitment.partnership.name,
      pillar_id: commitment.pillar.id,
      pillar: commitment.pillar.name,
      actors: commitment.actors.map((actor: any) => `${actor.actor.name} (${actor.role})`).join('; '),
      amounts: commitment.amounts.map((amount: any) => `${amount.value} ${amount.currency}`).join('; '),
      quotes: commitment.provenance.map((p: any) => `${p.quote}\n— ${p.document.title}${p.document.url ? ` <${p.document.url}>` : ''}`).join('\n\n'),
      last_status_change_on: latest.effectiveOn,
      last_status_change_to: latest.toStatus,
      last_status_change_rationale: latest.rationale,
    });
  });

  it('keeps a quote with commas, double quotes and line breaks intact, verbatim, beside its document', async () => {
    const row = parseCsv((await download('csv')).text).find((candidate) => candidate.id === trickyId)!;
    expect(row.quotes.split('\n\n').at(-1)).toBe(`${TRICKY_QUOTE}\n— ${TRICKY_TITLE} <https://example.org/minutes?a=1,b=2>`);
  });

  it('exports what the query selects, in its order, for a filter and an order given as the query takes them', async () => {
    const { body } = await suite.server.graphql('{ partnerships { id pillars { id } } }');
    const [first, second] = body.data!.partnerships;
    const filter = { or: [{ partnershipId: first.id, hasDeadline: false }, { pillarIds: [second.pillars[0].id] }], not: { status: ['COMPLETED'] } };
    for (const orderBy of [{ field: 'TITLE', direction: 'DESC' }, { field: 'DEADLINE' }, undefined]) {
      const expected = await queryIds(filter, orderBy);
      expect(expected.ids.length).toBeGreaterThan(0);
      const exported = parseCsv((await download('csv', { filter, ...(orderBy && { orderBy }) })).text).map((row) => row.id);
      if (orderBy) expect(exported).toEqual(expected.ids);
      else expect([...exported].sort()).toEqual([...expected.ids].sort());
    }
  });

  it('writes only the header when nothing is selected', async () => {
    const { response, text } = await download('csv', { filter: { partnershipIds: [] } });
    expect(response.status).toBe(200);
    expect(text).toMatch(/^id,slug,title,.*,archived_at\r\n$/);
  });

  it('costs one statement per batch of 500, however many rows', async () => {
    await download('csv', { filter: { partnershipIds: [] } });
    suite.counter.reset();
    const rows = parseCsv((await download('csv', { filter: { includeArchived: true } })).text);
    expect(rows.length).toBeGreaterThan(100);
    expect(suite.counter.count()).toBe(1);
    suite.counter.reset();
    expect(parseCsv((await download('csv', { filter: { hasDeadline: true } })).text).length).toBeLessThan(rows.length);
    expect(suite.counter.count()).toBe(1);
  });
});

describe('keyset batches', () => {
  it('read every commitment once across batch boundaries, in the order asked, nulls included', async () => {
    const service = new CommitmentExportService(suite.database.prisma);
    const collect = async (orderBy: Parameters<CommitmentExportService['batches']>[0]['orderBy'], size: number) => {
      const sizes: number[] = [];
      const ids: string[] = [];
      for await (const batch of service.batches({ orderBy }, size)) {
        sizes.push(batch.length);
        ids.push(...batch.map((row) => toGlobalId('Commitment', row.id)));
      }
      return { sizes, ids };
    };
    const all = await queryIds();
    const byId = await collect(undefined, 10);
    expect(byId.ids).toHaveLength(all.totalCount);
    expect(new Set(byId.ids).size).toBe(all.totalCount);
    expect(byId.sizes.slice(0, -1).every((size) => size === 10)).toBe(true);
    expect(byId.sizes).toHaveLength(Math.ceil(all.totalCount / 10));
    const deadline = await collect({ field: CommitmentOrderField.DEADLINE, direction: OrderDirection.DESC }, 7);
    expect(deadline.ids).toEqual((await queryIds(undefined, { field: 'DEADLINE', direction: 'DESC' })).ids);
  });
});

describe('GET /export/commitments.json and .ndjson', () => {
  it('streams a JSON array of every commitment with its quotes, actors, amounts and last assessment', async () => {
    const { response, text } = await download('json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=commitments-\d{4}-\d{2}-\d{2}\.json$/);
    const records = JSON.parse(text) as any[];
    expect(records).toHaveLength((await queryIds()).totalCount);
    const tricky = records.find((record) => record.id === trickyId);
    expect(tricky.quotes.at(-1)).toEqual({
      quote: TRICKY_QUOTE,
      role: 'LATER_MENTION',
      document: { id: expect.any(String), title: TRICKY_TITLE, url: 'https://example.org/minutes?a=1,b=2', publishedOn: '2025-01-02' },
    });
    // One with actors and amounts, so that both lists are compared with something in them.
    const record = records.find((candidate) => candidate.actors.length > 1 && candidate.amounts.length > 0) ?? records.find((candidate) => candidate.actors.length > 1);
    expect(record.actors.length).toBeGreaterThan(1);
    const { body } = await suite.server.graphql(
      `query ($id: ID!) { commitment(id: $id) { actors { role actor { id name kind country { code } } } amounts { value currency originalText }
        statusHistory(first: 1) { nodes { fromStatus toStatus effectiveOn recordedAt rationale } } lastAssessedAt } }`,
      { id: record.id },
    );
    const commitment = body.data!.commitment;
    expect(record.actors).toEqual(commitment.actors.map((a: any) => ({ id: a.actor.id, name: a.actor.name, kind: a.actor.kind, country: a.actor.country?.code ?? null, role: a.role })));
    expect(record.amounts).toEqual(commitment.amounts);
    expect(record.lastStatusChange).toEqual(commitment.statusHistory.nodes[0]);
    expect(record.lastAssessedAt).toBe(commitment.lastAssessedAt);
  });

  it('writes [] for an empty selection, and one JSON object per line at .ndjson', async () => {
    expect(JSON.parse((await download('json', { filter: { partnershipIds: [] } })).text)).toEqual([]);
    const { response, text } = await download('ndjson', { filter: { hasDeadline: true } });
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line).id).sort()).toEqual((await queryIds({ hasDeadline: true })).ids.sort());
  });
});

describe('bad input', () => {
  async function refusal(params: Record<string, unknown> | string) {
    const url = typeof params === 'string' ? `${suite.server.baseUrl}/export/commitments.csv?${params}` : exportUrl('csv', params);
    const response = await fetch(url);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as any;
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    return { message: body.errors[0].message as string, field: body.errors[0].extensions.field as string[] };
  }

  it('names the parameter and the field at fault, and why', async () => {
    expect(await refusal({ filter: { status: ['DONE'] } })).toEqual({ message: expect.stringMatching(/"DONE" does not exist in "CommitmentStatus"/), field: ['filter', 'status', '0'] });
    expect(await refusal({ filter: { pillarId: 'nope' } })).toEqual({ message: 'filter.pillarId is not a valid Pillar ID', field: ['filter', 'pillarId'] });
    expect(await refusal({ filter: { deadlineFrom: '2030-02-30' } })).toMatchObject({ field: ['filter', 'deadlineFrom'] });
    expect(await refusal({ filter: { staleForDays: -1 } })).toEqual({ message: 'staleForDays must be between 0 and 36500', field: ['filter', 'staleForDays'] });
    expect(await refusal({ filter: { colour: 'red' } })).toEqual({ message: expect.stringMatching(/Field "colour" is not defined by type "CommitmentFilter"/), field: ['filter'] });
    expect(await refusal({ orderBy: { field: 'COLOUR' } })).toMatchObject({ field: ['orderBy', 'field'] });
    expect(await refusal({ asOf: 'yesterday' })).toMatchObject({ field: ['asOf'] });
    expect(await refusal('filter=%7Bstatus')).toEqual({ message: expect.stringMatching(/^filter is not valid JSON/), field: ['filter'] });
    expect(await refusal('filter=%7B%7D&filter=%7B%7D')).toEqual({ message: 'filter must be given once', field: ['filter'] });
    expect(await refusal('first=10')).toEqual({ message: 'Unknown parameter first: an export takes filter, orderBy, asOf', field: ['first'] });
  });
});

describe('access', () => {
  it('takes a viewer key, and refuses a key that is not valid even where anonymous reads are allowed', async () => {
    expect((await download('csv', {}, { authorization: suite.keys.viewer.authorization })).response.status).toBe(200);
    const { response, text } = await download('csv', {}, { authorization: 'Bearer ct_not-a-real-key' });
    expect(response.status).toBe(401);
    expect(JSON.parse(text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses anonymous callers when PUBLIC_READ=false, as the API does', async () => {
    const server = await suite.startServer({ PUBLIC_READ: 'false' });
    const anonymous = await fetch(`${server.baseUrl}/export/commitments.json`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await anonymous.json()) as any).errors[0]).toEqual({ message: expect.stringMatching(/Anonymous reads are disabled/), extensions: { code: 'UNAUTHENTICATED' } });
    const viewer = await fetch(`${server.baseUrl}/export/commitments.json`, { headers: { authorization: suite.keys.viewer.authorization } });
    expect(viewer.status).toBe(200);
    expect(JSON.parse(await viewer.text()).length).toBeGreaterThan(100);
  });

  it('charges an export as the costliest query: over the caller\'s budget it is refused with 429 and Retry-After', async () => {
    // The budgets are shared by every instance on the database: a caller of its own (an address behind a
    // trusted proxy) starts with nothing spent by the exports above.
    const server = await suite.startServer({ RATE_LIMIT_QUERY_COST: '1500', GRAPHQL_MAX_COST: '1000', TRUST_PROXY: 'loopback' });
    const headers = { 'x-forwarded-for': '198.51.100.20' };
    expect((await fetch(`${server.baseUrl}/export/commitments.csv?filter=%7Bstatus`, { headers })).status).toBe(400);
    expect((await fetch(`${server.baseUrl}/export/commitments.csv`, { headers })).status).toBe(200);
    const refused = await fetch(`${server.baseUrl}/export/commitments.csv`, { headers });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as any).errors[0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: Number(refused.headers.get('retry-after')) });
  });
});
