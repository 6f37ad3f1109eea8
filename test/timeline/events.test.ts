// A commitment's timeline connection: its announcement, status changes, progress notes and evidence, newest
// first, paged with cursors both ways; and for a list of commitments, one statement per page, not one per
// commitment.
import { toGlobalId } from '../../src/relay/global-id';
import { useTestServer } from '../support/fixture';
import { Editor } from './timeline-helpers';

jest.setTimeout(120_000);

const suite = useTestServer({ fixtures: 'write', countStatements: true, apiKeys: { editor: 'EDITOR' } });
let editor: Editor;
let commitmentId: number;

const EVENT_FIELDS = `
  __typename kind occurredOn id
  ... on CommitmentAnnouncedEvent { origin { quote role } firstStatusChange { toStatus } }
  ... on StatusChangeEvent { statusChange { fromStatus toStatus effectiveOn } }
  ... on ProgressNoteEvent { progressNote { note effectiveOn } }
  ... on EvidenceEvent { evidence { title publishedOn } }`;

const TIMELINE = `query ($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  commitment(id: $id) { timeline(first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { ${EVENT_FIELDS} } }
  } }
}`;

beforeAll(async () => {
  editor = new Editor(suite.server, suite.keys.editor.authorization);
  commitmentId = await editor.commitment(suite.fixtures.pillarId, '2024-01-10');
  await suite.fixtures.database.prisma.provenance.create({
    data: { commitmentId, sourceDocumentId: suite.fixtures.documentId, quote: 'The agreement', startOffset: 0, endOffset: 13, role: 'ORIGIN' },
  });
  await editor.note(commitmentId, '2024-02-01', 'Talks are being prepared.');
  await editor.status(commitmentId, 'IN_PROGRESS', '2024-03-01');
  await editor.evidence(commitmentId, '2024-03-01', 'Talks launched');
  await editor.note(commitmentId, '2024-03-01', 'Launch confirmed.');
  await editor.status(commitmentId, 'COMPLETED', '2024-06-15');
});

async function page(variables: Record<string, unknown>) {
  const { body } = await suite.server.graphql(TIMELINE, { id: toGlobalId('Commitment', commitmentId), ...variables });
  expect(body.errors).toBeUndefined();
  return body.data!.commitment.timeline;
}

const describeEvent = (node: any) =>
  `${node.occurredOn} ${node.kind} ${node.statusChange?.toStatus ?? node.firstStatusChange?.toStatus ?? node.progressNote?.note ?? node.evidence?.title ?? ''}`.trim();

describe('the timeline of a commitment', () => {
  it('lists its events newest first, each with its content', async () => {
    const timeline = await page({ first: 10 });
    expect(timeline.totalCount).toBe(6);
    expect(timeline.edges.map(({ node }: any) => describeEvent(node))).toEqual([
      '2024-06-15 STATUS_CHANGE COMPLETED',
      '2024-03-01 EVIDENCE Talks launched',
      '2024-03-01 PROGRESS_NOTE Launch confirmed.',
      '2024-03-01 STATUS_CHANGE IN_PROGRESS',
      '2024-02-01 PROGRESS_NOTE Talks are being prepared.',
      '2024-01-10 ANNOUNCED ANNOUNCED',
    ]);
    const announced = timeline.edges.at(-1).node;
    expect(announced).toMatchObject({ __typename: 'CommitmentAnnouncedEvent', origin: { quote: 'The agreement', role: 'ORIGIN' } });
    expect(timeline.edges[0].node.statusChange).toEqual({ fromStatus: 'IN_PROGRESS', toStatus: 'COMPLETED', effectiveOn: '2024-06-15' });
    expect(new Set(timeline.edges.map(({ node }: any) => node.id)).size).toBe(6);
    expect(timeline.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('pages forward and backward with cursors', async () => {
    const all = (await page({ first: 10 })).edges.map(({ node }: any) => describeEvent(node));
    const first = await page({ first: 4 });
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await page({ first: 4, after: first.pageInfo.endCursor });
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect([...first.edges, ...second.edges].map(({ node }: any) => describeEvent(node))).toEqual(all);
    const back = await page({ last: 3, before: second.pageInfo.startCursor });
    expect(back.edges.map(({ node }: any) => describeEvent(node))).toEqual(all.slice(1, 4));
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const bad = await suite.server.graphql(TIMELINE, { id: toGlobalId('Commitment', commitmentId), after: 'bm90IGEgY3Vyc29y' });
    expect(bad.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['after'] });
  });

  it('costs one statement per page for a list of commitments, whatever its length', async () => {
    for (let i = 0; i < 9; i++) {
      const id = await editor.commitment(suite.fixtures.otherPillarId, '2024-05-01');
      await editor.status(id, 'IN_PROGRESS', '2024-05-02');
      await editor.note(id, '2024-05-03', `Note ${i}`);
      await editor.evidence(id, '2024-05-04', `Evidence ${i}`);
    }
    const query = `query ($first: Int!) { commitments(first: $first) { nodes { slug timeline(first: 3) { totalCount nodes { ${EVENT_FIELDS} } } } } }`;
    const statementsFor = async (first: number) => {
      suite.counter.reset();
      const { body } = await suite.server.graphql(query, { first });
      expect(body.errors).toBeUndefined();
      expect(body.data!.commitments.nodes).toHaveLength(first);
      for (const node of body.data!.commitments.nodes) expect(node.timeline.nodes.length).toBeGreaterThan(0);
      return suite.counter.count();
    };
    const few = await statementsFor(2);
    expect(await statementsFor(10)).toBe(few);
  });
});
