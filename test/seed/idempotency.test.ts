// Re-seeding is safe: it writes nothing when nothing changed, only what changed otherwise, and never
// touches what editors recorded through the API.
import type { SeedDataset } from '../../src/seed/seed.dataset';
import { loadSeedDataset } from '../../src/seed/seed.loader';
import { SEED_ENTITIES, type SeedReport } from '../../src/seed/seed.counts';
import { useTestDatabase } from '../support/fixture';
import { SEEDS_DIR, snapshot, useSeedsCopy } from '../support/seeds';

const VN_SG = 'partnerships/vietnam-singapore.yaml';
const HADR_TITLE = 'title: "Cooperation in humanitarian aid and disaster relief"';

let dataset: SeedDataset;

beforeAll(async () => {
  dataset = await loadSeedDataset(SEEDS_DIR);
});

// Each test seeds again on a database of its own, seeded with the dataset loaded once above.
const suite = useTestDatabase({ scope: 'test', prepare: (own) => own.seed(dataset) });
const seeds = useSeedsCopy();

const reseed = (dir = SEEDS_DIR) => suite.seed(dir);
const seededCommitments = () => dataset.partnerships.reduce((total, partnership) => total + partnership.commitments.length, 0);

/** The report with its unchanged counts dropped: what was written. */
const writes = (report: SeedReport) =>
  Object.fromEntries(
    SEED_ENTITIES.flatMap((entity) =>
      report[entity].created + report[entity].updated > 0
        ? [[entity, { created: report[entity].created, updated: report[entity].updated }]]
        : [],
    ),
  );

const commitmentRows = async () =>
  (
    await suite.database.pool.query<{ slug: string; title: string; status: string; status_since: Date; version: number; updated_at: Date }>(
      'SELECT slug, title, status, status_since, version, updated_at, last_assessed_at FROM commitment ORDER BY slug',
    )
  ).rows;

describe('seeding again', () => {
  it('changes nothing when the dataset has not changed', async () => {
    const before = await snapshot(suite.database.pool);
    const commitmentsBefore = await commitmentRows();

    const report = await reseed();

    expect(writes(report)).toEqual({});
    expect(report.commitment.unchanged).toBe(seededCommitments());
    expect(await commitmentRows()).toEqual(commitmentsBefore);
    expect(await snapshot(suite.database.pool)).toEqual(before);
  });

  it('updates exactly the commitment whose title was edited', async () => {
    await seeds.edit(VN_SG, HADR_TITLE, 'title: "Cooperation in humanitarian assistance and disaster relief (HADR)"');
    const before = await commitmentRows();

    const report = await reseed(seeds.dir);

    expect(writes(report)).toEqual({ commitment: { created: 0, updated: 1 } });
    const after = await commitmentRows();
    const changed = after.filter((row, index) => JSON.stringify(row) !== JSON.stringify(before[index]));
    expect(changed.map((row) => row.slug)).toEqual(['vn-sg-hadr']);
    const previous = before.find((row) => row.slug === 'vn-sg-hadr')!;
    expect(changed[0]).toMatchObject({
      title: 'Cooperation in humanitarian assistance and disaster relief (HADR)',
      version: previous.version + 1,
      status: previous.status,
    });
    expect(changed[0]!.updated_at.getTime()).toBeGreaterThan(previous.updated_at.getTime());
  });

  it('leaves status, history and provenance recorded through the API alone', async () => {
    const { pool } = suite.database;
    const {
      rows: [commitment],
    } = await pool.query<{ id: number }>(`SELECT id FROM commitment WHERE slug = 'vn-sg-hadr'`);
    // What the API does when an editor records progress: append history, move the commitment on.
    await pool.query(
      `INSERT INTO status_change (commitment_id, from_status, to_status, effective_on, rationale, author_kind, author_id)
       VALUES ($1, 'ANNOUNCED', 'IN_PROGRESS', '2025-06-01', 'Joint exercise held', 'API_KEY', 'editor-key')`,
      [commitment!.id],
    );
    await pool.query(
      `UPDATE commitment SET status = 'IN_PROGRESS', status_since = '2025-06-01', version = version + 1,
              last_assessed_at = now() WHERE id = $1`,
      [commitment!.id],
    );
    await pool.query(
      `INSERT INTO provenance (commitment_id, source_document_id, quote, start_offset, end_offset, role)
       SELECT $1, id, substr(text, 1, 20), 0, 20, 'LATER_MENTION' FROM source_document
        WHERE slug = 'vn-sg-security-talks-2025'`,
      [commitment!.id],
    );
    const history = async () =>
      (await pool.query('SELECT * FROM status_change WHERE commitment_id = $1 ORDER BY id', [commitment!.id])).rows;
    const provenance = async () =>
      (await pool.query('SELECT * FROM provenance WHERE commitment_id = $1 ORDER BY id', [commitment!.id])).rows;
    const historyBefore = await history();
    const provenanceBefore = await provenance();
    const [before] = (await commitmentRows()).filter((row) => row.slug === 'vn-sg-hadr');

    // The dataset now disagrees on the status (ignored: the history is the API's) and on the title (applied).
    await seeds.edit(VN_SG, `${HADR_TITLE}\n    pillar: vn-sg-peace-security\n    pillarBasis: STATED\n    status: ANNOUNCED`,
      'title: "HADR cooperation"\n    pillar: vn-sg-peace-security\n    pillarBasis: STATED\n    status: COMPLETED');
    const report = await reseed(seeds.dir);

    expect(writes(report)).toEqual({ commitment: { created: 0, updated: 1 } });
    const [after] = (await commitmentRows()).filter((row) => row.slug === 'vn-sg-hadr');
    expect(after).toEqual({ ...before, title: 'HADR cooperation', version: before!.version + 1, updated_at: after!.updated_at });
    expect(await history()).toEqual(historyBefore);
    expect(await provenance()).toEqual(provenanceBefore);

    const again = await reseed(seeds.dir);
    expect(writes(again)).toEqual({});
  });
});

describe('two seeds at once', () => {
  it('take turns: one writes everything, the other finds it in place', async () => {
    const empty = await suite.createDatabase('migrated');
    const reports = await Promise.all([suite.seed(dataset, empty), suite.seed(dataset, empty)]);

    const created = reports.map((report) => report.commitment.created).sort();
    expect(created).toEqual([0, seededCommitments()]);
    expect(reports.map((report) => writes(report)).filter((written) => Object.keys(written).length === 0)).toHaveLength(1);
  });
});
