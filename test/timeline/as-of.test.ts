// Statuses as of a day, from the history's effective dates: a change effective on a period's last day counts in
// that period, one effective the next day does not; asKnownOn hides what was recorded later; and a page of
// commitments asking for statusAsOf costs one statement, whatever its size.
import { toGlobalId } from '../../src/relay/global-id';
import { useTestServer } from '../support/fixture';
import { Editor, STATUS_TIMELINE } from './timeline-helpers';

jest.setTimeout(120_000);

const suite = useTestServer({ fixtures: 'write', countStatements: true, apiKeys: { editor: 'EDITOR' } });
let editor: Editor;
let x: number;
let y: number;

beforeAll(async () => {
  editor = new Editor(suite.server, suite.keys.editor.authorization);
  // X: IN_PROGRESS on the last day of March, COMPLETED on the first day of May.
  x = await editor.commitment(suite.fixtures.pillarId, '2024-01-10');
  await editor.status(x, 'IN_PROGRESS', '2024-03-31');
  await editor.status(x, 'COMPLETED', '2024-05-01');
  // Y: IN_PROGRESS on Monday 1 April, the day after the last day of March and of an ISO week.
  y = await editor.commitment(suite.fixtures.pillarId, '2024-03-01');
  await editor.status(y, 'IN_PROGRESS', '2024-04-01');
});

async function timeline(variables: Record<string, unknown>) {
  const response = await suite.server.graphql(STATUS_TIMELINE, variables);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.statusTimeline;
}

/** The points as `asOf: [announced, inProgress, completed]`. */
const summary = (result: { points: { asOf: string; counts: { announced: number; inProgress: number; completed: number } }[] }) =>
  Object.fromEntries(result.points.map(({ asOf, counts }) => [asOf, [counts.announced, counts.inProgress, counts.completed]]));

describe('as-of at period boundaries', () => {
  it('counts a change effective on a month\'s last day in that month, and one effective the next day in the next', async () => {
    const expected = {
      '2024-01-31': [1, 0, 0],
      '2024-02-29': [1, 0, 0],
      '2024-03-31': [1, 1, 0], // X moved on the 31st; Y, announced on the 1st, moves on 1 April
      '2024-04-30': [0, 2, 0], // X completes on 1 May
      '2024-05-31': [0, 1, 1],
    };
    const variables = { from: '2024-01-01', to: '2024-05-31', interval: 'MONTH' };
    expect(summary(await timeline(variables))).toEqual(expected);
    expect(summary(await timeline({ ...variables, filter: { and: [] } }))).toEqual(expected);
  });

  it('does the same for ISO weeks (Monday to Sunday) and quarters', async () => {
    expect(summary(await timeline({ from: '2024-03-25', to: '2024-04-07', interval: 'WEEK' }))).toEqual({
      '2024-03-31': [1, 1, 0], // Sunday: X's change of that day counts
      '2024-04-07': [0, 2, 0], // Y's change on Monday counts only here
    });
    expect(summary(await timeline({ from: '2024-01-01', to: '2024-06-30', interval: 'QUARTER' }))).toEqual({
      '2024-03-31': [1, 1, 0],
      '2024-06-30': [0, 1, 1],
    });
  });

  it('gives statusAsOf from the effective dates, null before the announcement', async () => {
    const dates = ['2024-01-09', '2024-01-10', '2024-03-30', '2024-03-31', '2024-04-30', '2024-05-01'];
    const query = `query ($id: ID!) { commitment(id: $id) { ${dates.map((date, i) => `d${i}: statusAsOf(date: "${date}")`).join(' ')} } }`;
    const { body } = await suite.server.graphql(query, { id: toGlobalId('Commitment', x) });
    expect(Object.values(body.data!.commitment)).toEqual([null, 'ANNOUNCED', 'ANNOUNCED', 'IN_PROGRESS', 'IN_PROGRESS', 'COMPLETED']);
  });
});

describe('asKnownOn', () => {
  it('counts only the history recorded by then, in statusAsOf and in the timeline', async () => {
    const changes = await suite.fixtures.database.prisma.statusChange.findMany({ where: { commitmentId: x }, orderBy: { id: 'asc' } });
    expect(changes.map((change) => change.toStatus)).toEqual(['ANNOUNCED', 'IN_PROGRESS', 'COMPLETED']);
    // Recorded after IN_PROGRESS and before COMPLETED.
    const asKnownOn = new Date(changes[1]!.recordedAt.getTime()).toISOString();
    expect(changes[2]!.recordedAt.getTime()).toBeGreaterThan(changes[1]!.recordedAt.getTime());

    const { body } = await suite.server.graphql(
      `query ($id: ID!, $asKnownOn: DateTime) { commitment(id: $id) { then: statusAsOf(date: "2024-06-30", asKnownOn: $asKnownOn) now: statusAsOf(date: "2024-06-30") } }`,
      { id: toGlobalId('Commitment', x), asKnownOn },
    );
    expect(body.data!.commitment).toEqual({ then: 'IN_PROGRESS', now: 'COMPLETED' });

    const known = await timeline({ from: '2024-04-01', to: '2024-05-31', interval: 'MONTH', asKnownOn, filter: { pillarId: toGlobalId('Pillar', suite.fixtures.pillarId) } });
    // Y was created after asKnownOn: unknown then, so not counted at all.
    expect(summary(known)).toEqual({ '2024-04-30': [0, 1, 0], '2024-05-31': [0, 1, 0] });
  });
});

describe('asKnownOn when a change was stamped before the one it follows', () => {
  it('counts the latest change known by then, not the from_status of a change whose predecessor is unknown', async () => {
    // recorded_at is the transaction's start: a writer that waited for another's row lock is stamped before
    // it although its change follows it. Here c2 (IN_PROGRESS -> COMPLETED) is stamped before c1.
    const z = await editor.commitment(suite.fixtures.otherPillarId, '2024-01-10');
    await editor.update(z, { tags: ['race'] });
    await suite.fixtures.database.pool.query(
      `INSERT INTO status_change (commitment_id, from_status, to_status, effective_on, recorded_at, rationale, author_kind, author_id) VALUES
         ($1, 'ANNOUNCED', 'IN_PROGRESS', '2024-02-01', '2030-01-01T00:00:02Z', 'c1', 'SYSTEM', 'test'),
         ($1, 'IN_PROGRESS', 'COMPLETED', '2024-03-01', '2030-01-01T00:00:01Z', 'c2', 'SYSTEM', 'test')`,
      [z],
    );
    const asKnownOn = '2030-01-01T00:00:01.500Z';
    const { body } = await suite.server.graphql(`query ($id: ID!, $asKnownOn: DateTime) { commitment(id: $id) { statusAsOf(date: "2024-03-31", asKnownOn: $asKnownOn) } }`, {
      id: toGlobalId('Commitment', z),
      asKnownOn,
    });
    expect(body.data!.commitment.statusAsOf).toBe('COMPLETED');
    const known = await timeline({ from: '2024-01-01', to: '2024-03-31', interval: 'MONTH', asKnownOn, filter: { tags: ['race'] } });
    expect(known.points.map((point: any) => point.counts)).toEqual([
      expect.objectContaining({ announced: 1, inProgress: 0, completed: 0, total: 1 }),
      expect.objectContaining({ announced: 1, inProgress: 0, completed: 0, total: 1 }),
      expect.objectContaining({ announced: 0, inProgress: 0, completed: 1, total: 1 }),
    ]);
  });
});

describe('asOf on the commitments query and on commitmentStats', () => {
  it('selects and counts by the statuses on that day, leaving out commitments announced later', async () => {
    const pillarId = toGlobalId('Pillar', suite.fixtures.pillarId);
    const list = async (asOf: string, filter: Record<string, unknown>) => {
      const { body } = await suite.server.graphql(
        `query ($asOf: LocalDate, $filter: CommitmentFilter) { commitments(asOf: $asOf, filter: $filter) { totalCount nodes { databaseId status statusAsOf(date: "2024-03-31") } } }`,
        { asOf, filter: { pillarId, ...filter } },
      );
      expect(body.errors).toBeUndefined();
      return body.data!.commitments;
    };
    // X was IN_PROGRESS on 31 March (it is COMPLETED now); the node shows it as it stood that day.
    expect(await list('2024-03-31', { status: ['IN_PROGRESS'] })).toEqual({ totalCount: 1, nodes: [{ databaseId: x, status: 'IN_PROGRESS', statusAsOf: 'IN_PROGRESS' }] });
    expect((await list('2024-04-30', { status: ['IN_PROGRESS'] })).totalCount).toBe(2);
    expect((await list('2024-02-15', {})).nodes.map((node: { databaseId: number }) => node.databaseId)).toEqual([x]);

    const stats = async (asOf: string, groupBy = 'NONE') => {
      const { body } = await suite.server.graphql(
        `query ($asOf: LocalDate, $filter: CommitmentFilter, $groupBy: CommitmentGroupBy) {
          commitmentStats(asOf: $asOf, filter: $filter, groupBy: $groupBy) { overall { announced inProgress completed total } groups { key counts { total } } } }`,
        { asOf, groupBy, filter: { pillarId } },
      );
      expect(body.errors).toBeUndefined();
      return body.data!.commitmentStats;
    };
    expect((await stats('2024-03-31')).overall).toEqual({ announced: 1, inProgress: 1, completed: 0, total: 2 });
    expect((await stats('2024-04-30', 'STATUS')).groups).toEqual([{ key: 'IN_PROGRESS', counts: { total: 2 } }]);
    expect((await stats('2024-05-01')).overall).toEqual({ announced: 0, inProgress: 1, completed: 1, total: 2 });
    expect((await stats('2024-01-09')).overall.total).toBe(0);
  });
});

describe('statusAsOf on a list', () => {
  it('costs one statement per page, whatever the number of commitments', async () => {
    for (let i = 0; i < 8; i++) await editor.commitment(suite.fixtures.otherPillarId, '2024-02-01');
    const query = `query ($first: Int!) { commitments(first: $first) { nodes { slug statusAsOf(date: "2024-03-31") } } }`;
    const statementsFor = async (first: number) => {
      suite.counter.reset();
      const { body } = await suite.server.graphql(query, { first });
      expect(body.errors).toBeUndefined();
      expect(body.data!.commitments.nodes).toHaveLength(first);
      return suite.counter.statements().filter((statement) => statement.includes('status_change')).length;
    };
    expect(await statementsFor(2)).toBe(1);
    expect(await statementsFor(10)).toBe(1);
  });
});
