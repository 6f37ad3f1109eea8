// updateCommitmentStatus answers with rows its write statement returns, not with rows read back through
// the ORM: what it answers must be what a later read of the same objects answers, field for field (dates,
// timestamps, enums, tags, the deadline, evidence, the author), and a replay must answer the same again.
import { useTestServer } from '../support/fixture';
import { commitmentGid } from '../support/write-fixtures';
import { Client } from 'pg';
import { toGlobalId } from '../../src/relay/global-id';
import { CHANNEL } from '../../src/commitment/commitment-change';

const suite = useTestServer({ fixtures: 'write', apiKeys: { editor: { role: 'EDITOR', name: 'Payload desk' } } });

const COMMITMENT_FIELDS = `id databaseId slug title description status statusSince announcedOn lastAssessedAt assessed pillarBasis
  deadline { date precision } tags version archivedAt createdAt updatedAt`;
const STATUS_CHANGE_FIELDS = `id databaseId fromStatus toStatus effectiveOn recordedAt rationale
  evidence { url title publishedOn sourceDocumentId } author { kind id name }`;

const UPDATE = `mutation ($input: UpdateCommitmentStatusInput!) {
  updateCommitmentStatus(input: $input) {
    commitment { ${COMMITMENT_FIELDS} }
    statusChange { ${STATUS_CHANGE_FIELDS} }
    userErrors { field message code }
  }
}`;

const READ = `query ($commitment: ID!, $statusChange: ID!) {
  commitment(id: $commitment) { ${COMMITMENT_FIELDS} }
  node(id: $statusChange) { ... on StatusChange { ${STATUS_CHANGE_FIELDS} } }
}`;

async function updateAndRead(input: Record<string, unknown>) {
  const { body } = await suite.server.graphql(UPDATE, { input }, { authorization: suite.keys.editor.authorization });
  expect(body.errors).toBeUndefined();
  const payload = body.data!.updateCommitmentStatus;
  expect(payload.userErrors).toEqual([]);
  const read = await suite.server.graphql(READ, { commitment: payload.commitment.id, statusChange: payload.statusChange.id });
  expect(read.body.errors).toBeUndefined();
  return { payload, read: read.body.data! };
}

describe('updateCommitmentStatus payload', () => {
  it('equals what a read of the commitment and its new history entry returns', async () => {
    const id = await suite.fixtures.commitment('payload-plain');
    await suite.fixtures.database.prisma.commitment.update({
      where: { id },
      data: { deadline: new Date('2030-12-31T00:00:00Z'), deadlinePrecision: 'YEAR', tags: ['trade', 'digital-economy'], description: 'A promise.' },
    });
    const { payload, read } = await updateAndRead({ commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: '  Negotiations opened.  ' });
    expect(payload.commitment).toEqual(read.commitment);
    expect(payload.statusChange).toEqual(read.node);
    expect(payload.commitment).toMatchObject({
      databaseId: id,
      status: 'IN_PROGRESS',
      statusSince: '2024-02-01',
      announcedOn: '2023-10-15',
      assessed: true,
      deadline: { date: '2030-12-31', precision: 'YEAR' },
      tags: ['trade', 'digital-economy'],
      version: 2,
      archivedAt: null,
    });
    expect(payload.statusChange).toMatchObject({ fromStatus: 'ANNOUNCED', toStatus: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'Negotiations opened.', evidence: null });
    for (const at of [payload.commitment.lastAssessedAt, payload.commitment.updatedAt, payload.statusChange.recordedAt]) {
      expect(Math.abs(new Date(at).getTime() - Date.now())).toBeLessThan(60_000);
    }
  });

  it('equals the read with evidence, as a url and as a stored document', async () => {
    const id = await suite.fixtures.commitment('payload-evidence');
    const url = await updateAndRead({
      commitmentId: commitmentGid(id),
      status: 'STALLED',
      effectiveOn: '2024-02-01',
      rationale: 'No news.',
      evidence: { url: 'https://example.org/stalled', title: '  Talks stall ', publishedOn: '2024-01-31' },
    });
    expect(url.payload.statusChange).toEqual(url.read.node);
    expect(url.payload.statusChange.evidence).toEqual({ url: 'https://example.org/stalled', title: 'Talks stall', publishedOn: '2024-01-31', sourceDocumentId: null });
    const document = await updateAndRead({
      commitmentId: commitmentGid(id),
      status: 'COMPLETED',
      effectiveOn: '2024-03-01',
      rationale: 'Signed.',
      evidence: { sourceDocumentId: toGlobalId('SourceDocument', suite.fixtures.documentId), title: 'Agreement signed', publishedOn: '2024-03-01' },
    });
    expect(document.payload.commitment).toEqual(document.read.commitment);
    expect(document.payload.statusChange).toEqual(document.read.node);
    expect(document.payload.statusChange.evidence).toEqual({
      url: null,
      title: 'Agreement signed',
      publishedOn: '2024-03-01',
      sourceDocumentId: toGlobalId('SourceDocument', suite.fixtures.documentId),
    });
    expect(document.payload.commitment).toMatchObject({ status: 'COMPLETED', version: 3 });
  });

  it('is answered again, unchanged, to a replay with the same idempotency key', async () => {
    const id = await suite.fixtures.commitment('payload-replay');
    const input = { commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'Started.', idempotencyKey: 'payload-replay' };
    const { payload } = await updateAndRead(input);
    const { body } = await suite.server.graphql(UPDATE, { input }, { authorization: suite.keys.editor.authorization });
    expect(body.data!.updateCommitmentStatus).toEqual(payload);
    expect(await suite.fixtures.state(id)).toMatchObject({ version: 2, history: 2 });
  });

  it('writes nothing and names the field when the evidence document does not exist', async () => {
    const id = await suite.fixtures.commitment('payload-missing-document');
    const { body } = await suite.server.graphql(
      UPDATE,
      {
        input: {
          commitmentId: commitmentGid(id),
          status: 'COMPLETED',
          effectiveOn: '2024-03-01',
          rationale: 'Signed.',
          evidence: { sourceDocumentId: toGlobalId('SourceDocument', 999_999), title: 'Agreement signed', publishedOn: '2024-03-01' },
        },
      },
      { authorization: suite.keys.editor.authorization },
    );
    expect(body.data!.updateCommitmentStatus).toMatchObject({
      commitment: null,
      statusChange: null,
      userErrors: [{ field: ['input', 'evidence', 'sourceDocumentId'], code: 'NOT_FOUND' }],
    });
    expect(await suite.fixtures.state(id)).toMatchObject({ status: 'ANNOUNCED', version: 1, lastAssessedAt: null, history: 1 });
  });

  it('records the change in the outbox, with the commitment as written, and announces it on commit', async () => {
    const id = await suite.fixtures.commitment('payload-notify');
    const listener = new Client({ connectionString: suite.db.url });
    await listener.connect();
    try {
      const payloads: string[] = [];
      listener.on('notification', ({ channel, payload }) => {
        if (channel === CHANNEL && payload) payloads.push(payload);
      });
      await listener.query(`LISTEN ${CHANNEL}`);
      const { payload } = await updateAndRead({ commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'Started.' });
      const mine = () => payloads.map((text) => JSON.parse(text) as Record<string, unknown>).filter((notice) => notice.commitmentId === id);
      for (let wait = 0; wait < 50 && mine().length === 0; wait++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(mine()).toEqual([
        {
          eventId: expect.stringMatching(/^[1-9][0-9]*$/),
          kind: 'STATUS_CHANGED',
          commitmentId: id,
          partnershipId: suite.fixtures.partnershipId,
          pillarId: suite.fixtures.pillarId,
          statusChangeId: payload.statusChange.databaseId,
        },
      ]);
      const [event] = await suite.database.prisma.$queryRaw<{ status: string; version: number }[]>`
        SELECT commitment->>'status' AS status, (commitment->>'version')::int AS version
        FROM commitment_change_event WHERE id = ${BigInt(mine()[0]!.eventId as string)}`;
      expect(event).toEqual({ status: 'IN_PROGRESS', version: 2 });
    } finally {
      await listener.end();
    }
  });
});
