// After a seed, the database holds the dataset faithfully: quotes sit at their offsets (as PostgreSQL and
// JavaScript both count them), every commitment has its origin and its history, and nothing is missing.
import type { SeedDataset } from '../../src/seed/seed.dataset';
import { loadSeedDataset } from '../../src/seed/seed.loader';
import { countDataset } from '../../src/seed/seed.report';
import { SeedService } from '../../src/seed/seed.service';
import { useTestDatabase } from '../support/fixture';
import { SEEDS_DIR } from '../support/seeds';

const suite = useTestDatabase();
let dataset: SeedDataset;

beforeAll(async () => {
  dataset = await loadSeedDataset(SEEDS_DIR);
  const service = new SeedService(suite.database.prisma);
  expect(await service.isEmpty()).toBe(true);
  await suite.seed(dataset);
  expect(await service.isEmpty()).toBe(false);
});

const rows = async <T>(sql: string) => (await suite.database.pool.query(sql)).rows as T[];

describe('seeded provenance', () => {
  it('quotes the document text at its offsets, counted by PostgreSQL', async () => {
    const mismatches = await rows(
      `SELECT p.id, p.quote, substr(d.text, p.start_offset + 1, p.end_offset - p.start_offset) AS found
         FROM provenance p JOIN source_document d ON d.id = p.source_document_id
        WHERE substr(d.text, p.start_offset + 1, p.end_offset - p.start_offset) <> p.quote`,
    );
    expect(mismatches).toEqual([]);
  });

  it('quotes the document text at its offsets, counted in code points by JavaScript', async () => {
    const mentions = await rows<{ text: string; quote: string; start_offset: number; end_offset: number }>(
      `SELECT d.text, p.quote, p.start_offset, p.end_offset
         FROM provenance p JOIN source_document d ON d.id = p.source_document_id`,
    );
    expect(mentions).toHaveLength(countDataset(dataset).totals.provenance);
    for (const mention of mentions) {
      expect(Array.from(mention.text).slice(mention.start_offset, mention.end_offset).join('')).toBe(mention.quote);
    }
  });

  it('gives every pillar at least one commitment', async () => {
    expect(
      await rows('SELECT slug FROM pillar p WHERE NOT EXISTS (SELECT 1 FROM commitment c WHERE c.pillar_id = p.id)'),
    ).toEqual([]);
  });

  it('gives every commitment exactly one ORIGIN, announced on its date, and a status history', async () => {
    expect(
      await rows(
        `SELECT c.slug FROM commitment c
          WHERE (SELECT count(*) FROM provenance p WHERE p.commitment_id = c.id AND p.role = 'ORIGIN') <> 1`,
      ),
    ).toEqual([]);
    expect(
      await rows(
        `SELECT c.slug FROM commitment c
           JOIN provenance p ON p.commitment_id = c.id AND p.role = 'ORIGIN'
           JOIN source_document d ON d.id = p.source_document_id
          WHERE c.announced_on <> d.published_on`,
      ),
    ).toEqual([]);
    expect(
      await rows('SELECT slug FROM commitment c WHERE NOT EXISTS (SELECT 1 FROM status_change s WHERE s.commitment_id = c.id)'),
    ).toEqual([]);
  });

  it('starts each history on the origin date and keeps status and statusSince on its latest change', async () => {
    expect(
      await rows(
        `SELECT c.slug FROM commitment c
           JOIN LATERAL (SELECT * FROM status_change s WHERE s.commitment_id = c.id
                          ORDER BY effective_on DESC, id DESC LIMIT 1) latest ON true
          WHERE latest.to_status <> c.status OR latest.effective_on <> c.status_since`,
      ),
    ).toEqual([]);
    expect(
      await rows(
        `SELECT c.slug FROM commitment c
           JOIN status_change s ON s.commitment_id = c.id AND s.from_status IS NULL
          WHERE s.effective_on <> c.announced_on OR s.author_kind <> 'SYSTEM' OR s.author_id <> 'seed'`,
      ),
    ).toEqual([]);
    // Assessed (lastAssessedAt set) are exactly the commitments whose history goes on after its first entry:
    // those a later document reports on.
    expect(await rows('SELECT slug FROM commitment WHERE last_assessed_at IS NOT NULL ORDER BY slug')).toEqual(
      await rows(
        `SELECT c.slug FROM commitment c WHERE EXISTS (SELECT FROM status_change s WHERE s.commitment_id = c.id AND s.from_status IS NOT NULL) ORDER BY c.slug`,
      ),
    );
    expect(await rows('SELECT slug FROM commitment WHERE last_assessed_at IS NOT NULL')).toHaveLength(5);
  });

  it('holds exactly what the dataset counts', async () => {
    const counts = countDataset(dataset);
    const [totals] = await rows<Record<string, string>>(
      `SELECT (SELECT count(*) FROM country) AS countries, (SELECT count(*) FROM actor) AS actors,
              (SELECT count(*) FROM source_document) AS documents, (SELECT count(*) FROM partnership) AS partnerships,
              (SELECT count(*) FROM pillar) AS pillars, (SELECT count(*) FROM commitment) AS commitments,
              (SELECT count(*) FROM provenance) AS provenance`,
    );
    expect(Object.fromEntries(Object.entries(totals!).map(([name, count]) => [name, Number(count)]))).toEqual(counts.totals);

    const statuses = await rows<{ status: string; count: string }>(
      'SELECT status, count(*) FROM commitment GROUP BY status',
    );
    expect(Object.fromEntries(statuses.map(({ status, count }) => [status, Number(count)]))).toEqual(counts.statuses);

    // Per document: what it announced (with deadlines and amounts among it), quoted, and is the history source of.
    const documents = await rows<Record<'origin' | 'mentions' | 'withDeadline' | 'withAmounts' | 'historyEntries', number> & { slug: string }>(
      `SELECT d.slug,
              (SELECT count(*)::int FROM provenance p WHERE p.source_document_id = d.id AND p.role = 'ORIGIN') AS origin,
              (SELECT count(*)::int FROM provenance p WHERE p.source_document_id = d.id) AS mentions,
              (SELECT count(*)::int FROM provenance p JOIN commitment c ON c.id = p.commitment_id
                WHERE p.source_document_id = d.id AND p.role = 'ORIGIN' AND c.deadline IS NOT NULL) AS "withDeadline",
              (SELECT count(*)::int FROM provenance p
                WHERE p.source_document_id = d.id AND p.role = 'ORIGIN'
                  AND EXISTS (SELECT 1 FROM commitment_amount a WHERE a.commitment_id = p.commitment_id)) AS "withAmounts",
              (SELECT count(*)::int FROM status_change s WHERE s.evidence_document_id = d.id) AS "historyEntries"
         FROM source_document d`,
    );
    expect(documents).toEqual(expect.arrayContaining(counts.documents));
    expect(documents).toHaveLength(counts.documents.length);

    const history = dataset.partnerships.flatMap((p) => p.commitments).reduce((sum, c) => sum + c.history.length, 0);
    expect(Number((await rows<{ count: string }>('SELECT count(*) FROM status_change'))[0]!.count)).toBe(history);

    const entries = await rows<{ status: string; first: number; reported: number }>(
      `SELECT to_status AS status, count(*) FILTER (WHERE from_status IS NULL)::int AS first,
              count(*) FILTER (WHERE from_status IS NOT NULL)::int AS reported
         FROM status_change GROUP BY to_status`,
    );
    expect(entries).toEqual(expect.arrayContaining(counts.history));
    expect(entries).toHaveLength(counts.history.length);
  });
});
