// The status timeline's per-partnership delta table, status_delta_monthly_partnership: which requests read it
// (and which read the per-pillar status_delta_monthly), that both give the general path's answer, and that the
// triggers keep it equal to the history through every kind of write — status changes, deadline changes, pillar
// moves, archiving — and through a change of a commitment's partnership, which only ad-hoc SQL can make.
import { toGlobalId } from '../../src/relay/global-id';
import { useTestServer } from '../support/fixture';
import { Editor, STATUS_TIMELINE } from './timeline-helpers';

jest.setTimeout(120_000);

const PARTNERSHIP_TABLE = /\bstatus_delta_monthly_partnership\b/;
const PILLAR_TABLE = /\bstatus_delta_monthly\b(?!_)/;

/** The same selection, written so that no fast path can take it: an empty `and` matches everything. */
const generalFilter = (filter: Record<string, unknown> = {}) => ({ ...filter, and: [] });

describe('which delta table a timeline reads, on the seed data', () => {
  const suite = useTestServer({ database: 'seeded', countStatements: true });
  let partnerships: { id: string; slug: string; pillars: { id: string }[] }[];

  beforeAll(async () => {
    partnerships = (await suite.server.graphql(`{ partnerships { id slug pillars { id } } }`)).body.data!.partnerships;
  });

  async function timeline(variables: Record<string, unknown>) {
    const response = await suite.server.graphql(STATUS_TIMELINE, variables);
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.statusTimeline;
  }

  it('reads the partnership table for partnership filters and NONE or PARTNERSHIP, the pillar table otherwise, with the general path\'s answer', async () => {
    expect(partnerships.length).toBeGreaterThan(1);
    const vnsg = partnerships.find((partnership) => partnership.slug === 'vietnam-singapore')!;
    const other = partnerships.find((partnership) => partnership !== vnsg)!;
    const pillarOfVnsg = vnsg.pillars[0]!.id;
    const cases: { filter?: Record<string, unknown>; groupBy: string; table: 'partnership' | 'pillar' }[] = [
      { groupBy: 'NONE', table: 'partnership' },
      { groupBy: 'PARTNERSHIP', table: 'partnership' },
      { filter: { partnershipId: vnsg.id }, groupBy: 'NONE', table: 'partnership' },
      { filter: { partnershipIds: [vnsg.id, other.id] }, groupBy: 'PARTNERSHIP', table: 'partnership' },
      { filter: { partnershipIds: [] }, groupBy: 'NONE', table: 'partnership' },
      { filter: { partnershipId: vnsg.id, includeArchived: false }, groupBy: 'PARTNERSHIP', table: 'partnership' },
      { groupBy: 'PILLAR', table: 'pillar' },
      { filter: { partnershipId: vnsg.id }, groupBy: 'PILLAR', table: 'pillar' },
      { filter: { pillarId: pillarOfVnsg }, groupBy: 'NONE', table: 'pillar' },
      { filter: { pillarIds: [pillarOfVnsg], partnershipId: vnsg.id }, groupBy: 'PARTNERSHIP', table: 'pillar' },
    ];
    for (const { filter, groupBy, table } of cases) {
      for (const interval of ['MONTH', 'QUARTER', 'YEAR']) {
        const variables = { from: '2020-01-01', to: '2026-12-31', interval, groupBy };
        suite.counter.reset();
        const fast = await timeline({ ...variables, filter });
        const statements = suite.counter.statements();
        const label = JSON.stringify({ filter, groupBy, interval });
        expect([label, statements.some((sql) => PARTNERSHIP_TABLE.test(sql))]).toEqual([label, table === 'partnership']);
        expect([label, statements.some((sql) => PILLAR_TABLE.test(sql))]).toEqual([label, table === 'pillar']);
        // The pillar rows are joined to their pillar only when a partnership is asked for.
        const needsPillar = table === 'pillar' && (groupBy === 'PARTNERSHIP' || filter?.partnershipId != null || filter?.partnershipIds != null);
        expect([label, statements.some((sql) => /JOIN pillar p ON p\.id = t\.pillar_id/.test(sql))]).toEqual([label, needsPillar]);
        suite.counter.reset();
        const general = await timeline({ ...variables, filter: generalFilter(filter) });
        expect(suite.counter.statements().some((sql) => PARTNERSHIP_TABLE.test(sql) || PILLAR_TABLE.test(sql))).toBe(false);
        expect([label, general]).toEqual([label, fast]);
      }
    }
  });
});

describe('status_delta_monthly_partnership, after writes', () => {
  const suite = useTestServer({ fixtures: 'write', apiKeys: { editor: 'EDITOR' } });
  let editor: Editor;

  beforeAll(async () => {
    editor = new Editor(suite.server, suite.keys.editor.authorization);
  });

  const sql = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
    suite.fixtures.database.pool.query<T>(text, values).then((result) => result.rows);

  async function timeline(variables: Record<string, unknown>) {
    const response = await suite.server.graphql(STATUS_TIMELINE, variables);
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.statusTimeline;
  }

  /** Every row of the table, zeros included, in key order. */
  const snapshot = () => sql(`SELECT * FROM status_delta_monthly_partnership ORDER BY partnership_id, month`);

  /** The table holds exactly what the history gives, and partnership timelines read from it equal the general path. */
  async function check() {
    const differences = await sql(`
      WITH expected AS (
        SELECT c.partnership_id, d.month,
          coalesce(sum(d.delta) FILTER (WHERE d.status = 'ANNOUNCED'), 0)::int AS announced,
          coalesce(sum(d.delta) FILTER (WHERE d.status = 'IN_PROGRESS'), 0)::int AS in_progress,
          coalesce(sum(d.delta) FILTER (WHERE d.status = 'PARTIALLY_COMPLETED'), 0)::int AS partially_completed,
          coalesce(sum(d.delta) FILTER (WHERE d.status = 'COMPLETED'), 0)::int AS completed,
          coalesce(sum(d.delta) FILTER (WHERE d.status = 'STALLED'), 0)::int AS stalled,
          coalesce(sum(d.delta) FILTER (WHERE d.status = 'ABANDONED'), 0)::int AS abandoned,
          coalesce(sum(d.delta) FILTER (WHERE d.status = 'SUPERSEDED'), 0)::int AS superseded,
          sum(d.overdue_delta)::int AS overdue_announced
        FROM status_change sc JOIN commitment c ON c.id = sc.commitment_id
        CROSS JOIN LATERAL status_change_deltas(sc.from_status, sc.to_status, sc.effective_on, c.deadline) d
        WHERE c.archived_at IS NULL
        GROUP BY 1, 2
      ), nonzero AS (
        SELECT * FROM expected
        WHERE (announced, in_progress, partially_completed, completed, stalled, abandoned, superseded, overdue_announced) <> (0, 0, 0, 0, 0, 0, 0, 0)
      ), actual AS (
        SELECT partnership_id, month, announced, in_progress, partially_completed, completed, stalled, abandoned, superseded, overdue_announced
        FROM status_delta_monthly_partnership
        WHERE (announced, in_progress, partially_completed, completed, stalled, abandoned, superseded, overdue_announced) <> (0, 0, 0, 0, 0, 0, 0, 0)
      )
      SELECT 'extra' AS kind, * FROM (SELECT * FROM actual EXCEPT SELECT * FROM nonzero) extra
      UNION ALL
      SELECT 'missing', * FROM (SELECT * FROM nonzero EXCEPT SELECT * FROM actual) missing`);
    expect(differences).toEqual([]);

    const [{ rows }] = await sql<{ rows: number }>(`SELECT count(*)::int AS rows FROM status_delta_monthly_partnership`);
    expect(rows).toBeGreaterThan(0);
    const filters = [undefined, { partnershipId: toGlobalId('Partnership', suite.fixtures.partnershipId) }, { partnershipIds: [toGlobalId('Partnership', suite.fixtures.partnershipId + 1)] }];
    for (const filter of filters) {
      for (const groupBy of ['NONE', 'PARTNERSHIP']) {
        for (const interval of ['MONTH', 'QUARTER', 'YEAR']) {
          const variables = { filter, from: '2023-10-01', to: '2025-12-31', interval, groupBy };
          const fast = await timeline(variables);
          expect(await timeline({ ...variables, filter: generalFilter(filter) })).toEqual(fast);
        }
      }
    }
  }

  it('equals the history through status changes, deadline changes, pillar moves, archiving and partnership changes', async () => {
    const [{ other }] = await sql<{ other: number }>(`SELECT partnership_id AS other FROM pillar WHERE id = $1`, [suite.fixtures.otherPillarId]);
    expect(other).toBe(suite.fixtures.partnershipId + 1);

    const a = await editor.commitment(suite.fixtures.pillarId, '2024-01-15', '2024-06-30');
    const b = await editor.commitment(suite.fixtures.pillarId, '2024-02-01', '2024-12-31');
    const c = await editor.commitment(suite.fixtures.otherPillarId, '2024-03-10', '2024-04-30');
    const d = await editor.commitment(suite.fixtures.otherPillarId, '2024-05-05');
    await editor.status(a, 'IN_PROGRESS', '2024-05-31');
    await editor.status(a, 'STALLED', '2024-09-01');
    await editor.status(a, 'COMPLETED', '2025-01-31');
    await editor.status(b, 'COMPLETED', '2024-02-29');
    await editor.status(b, 'IN_PROGRESS', '2024-04-01');
    await editor.status(c, 'ABANDONED', '2024-07-31');
    await editor.status(d, 'PARTIALLY_COMPLETED', '2024-06-15');
    await check();

    // Deadlines: the overdue stretch of an ANNOUNCED commitment moves, or goes.
    await editor.update(c, { deadline: { date: '2024-02-29', precision: 'DAY' } });
    await editor.update(b, { deadline: null });
    await check();

    // A pillar move within the partnership changes nothing here, and writes nothing.
    const pillar = await suite.fixtures.database.prisma.pillar.create({ data: { slug: 'vn-sg-security', position: 2, name: 'Security', partnershipId: suite.fixtures.partnershipId } });
    const before = await snapshot();
    await editor.update(a, { pillarId: toGlobalId('Pillar', pillar.id) });
    expect(await snapshot()).toEqual(before);
    await check();

    // The API keeps a commitment in its partnership.
    await expect(editor.update(b, { pillarId: toGlobalId('Pillar', suite.fixtures.otherPillarId) })).rejects.toThrow(/another partnership/);
    expect(await snapshot()).toEqual(before);

    await editor.archive(b);
    await check();

    // Ad-hoc SQL: a commitment moved to the other partnership with a pillar of it, and one whose partnership
    // alone is changed (its contribution must follow commitment.partnership_id, which the filters read).
    await sql(`UPDATE commitment SET partnership_id = $2, pillar_id = $3 WHERE id = $1`, [c, suite.fixtures.partnershipId, pillar.id]);
    await check();
    await sql(`UPDATE commitment SET partnership_id = $2 WHERE id = $1`, [d, suite.fixtures.partnershipId]);
    await check();
    // Unarchived by hand, and a status change after all of it.
    await sql(`UPDATE commitment SET archived_at = NULL WHERE id = $1`, [b]);
    await editor.status(b, 'COMPLETED', '2025-03-01');
    await check();
  });
});
