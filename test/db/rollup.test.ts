// The grouped-rollup builder's SQL, as snapshots: statistics, compliance scores and the timeline's points
// all read their overall and group rows through it, so a change to its shape shows up here as a diff.
import { Prisma } from '../../src/generated/prisma/client';
import { groupedRollup, labelledRollup, splitRollup } from '../../src/db/rollup';

/** One clause a line, so that a snapshot diff points at the clause that changed. */
const shown = (sql: Prisma.Sql) => ({
  text: sql.text.replace(/\s+/g, ' ').replace(/ (FROM|WHERE|GROUP BY|ORDER BY) /g, '\n$1 ').trim(),
  values: sql.values,
});

describe('groupedRollup', () => {
  it('groups by the keys and rolls everything up into one overall row', () => {
    const sql = groupedRollup({
      keys: [Prisma.sql`g.key`, Prisma.sql`g.label`],
      columns: Prisma.sql`count(*)::int AS total`,
      from: Prisma.sql`commitment c JOIN partnership g ON g.id = c.partnership_id`,
      where: Prisma.sql`c.status = ${'COMPLETED'}`,
      orderBy: Prisma.sql`overall DESC, g.key`,
    });
    expect(shown(sql)).toMatchSnapshot();
  });

  it('keeps `within` columns in the overall rows: one overall row per period', () => {
    const sql = groupedRollup({
      keys: [Prisma.sql`r.key`],
      within: [Prisma.sql`r.i`],
      columns: Prisma.sql`sum(r.n)::int AS n`,
      from: Prisma.sql`running r`,
    });
    expect(shown(sql)).toMatchSnapshot();
  });

  it('refuses a rollup without keys', () => {
    expect(() => groupedRollup({ keys: [], columns: Prisma.sql`count(*)`, from: Prisma.sql`commitment c` })).toThrow('at least one key');
  });
});

describe('labelledRollup', () => {
  it('joins the groups laterally as g(key, label, "nodeId"), overall row first', () => {
    const sql = labelledRollup({
      source: Prisma.sql`commitment c`,
      groups: Prisma.sql`SELECT p.slug::text, p.name::text, p.id FROM pillar p WHERE p.id = c.pillar_id`,
      columns: Prisma.sql`count(DISTINCT c.id)::int AS total`,
      where: Prisma.sql`c.partnership_id = ${7}::int`,
      orderBy: Prisma.sql`total DESC, g.key`,
    });
    expect(shown(sql)).toMatchSnapshot();
  });

  it('composes under a WITH, as compliance scores do', () => {
    const sql = Prisma.sql`WITH scored AS (SELECT c.id, c.partnership_id FROM commitment c WHERE c.id > ${0}) ${labelledRollup({
      source: Prisma.sql`scored s`,
      groups: Prisma.sql`SELECT p.slug::text, p.name::text, p.id FROM partnership p WHERE p.id = s.partnership_id`,
      columns: Prisma.sql`count(DISTINCT s.id)::int AS scored`,
      orderBy: Prisma.sql`g.key`,
    })}`;
    expect(shown(sql)).toMatchSnapshot();
  });
});

describe('splitRollup', () => {
  it('tells the overall row from the groups, leaving out the rows in no group', () => {
    const rows = [
      { overall: true, key: null, label: null, nodeId: null, total: 5 },
      { overall: false, key: 'a', label: 'A', nodeId: 1, total: 3 },
      { overall: false, key: null, label: null, nodeId: null, total: 2 },
    ];
    expect(splitRollup(rows)).toEqual({ overall: rows[0], groups: [rows[1]] });
  });
});
