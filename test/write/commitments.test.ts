import { toGlobalId } from '../../src/relay/global-id';
import { useTestServer } from '../support/fixture';
import { commitmentGid, daysFromToday, UPDATE_STATUS } from '../support/write-fixtures';

const suite = useTestServer({ fixtures: 'write', apiKeys: { editor: { role: 'EDITOR', name: 'Editor' } } });

const COMMITMENT_FIELDS = 'id slug title description status version statusSince announcedOn lastAssessedAt archivedAt tags deadline { date precision }';

async function run(mutation: string, input: Record<string, unknown>) {
  const { body } = await suite.server.graphql(
    `mutation ($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { commitment { ${COMMITMENT_FIELDS} } userErrors { field message code currentVersion } } }`,
    { input },
    { authorization: suite.keys.editor.authorization },
  );
  expect(body.errors).toBeUndefined();
  return body.data![mutation];
}

describe('createCommitment', () => {
  const base = () => ({ pillarId: toGlobalId('Pillar', suite.fixtures.pillarId), title: 'Sign a digital economy agreement', announcedOn: '2023-10-15' });

  it('creates the commitment with its first history entry, effective when announced', async () => {
    const payload = await run('createCommitment', {
      ...base(),
      slug: 'vn-sg-dea',
      description: '  A DEA within two years.  ',
      actors: [{ actorId: toGlobalId('Actor', suite.fixtures.actorId), role: 'LEAD' }],
      deadline: { date: '2025-03-15', precision: 'YEAR' },
      tags: ['digital-economy', 'trade', 'trade'],
      idempotencyKey: 'create-dea',
    });
    expect(payload.userErrors).toEqual([]);
    expect(payload.commitment).toMatchObject({
      slug: 'vn-sg-dea',
      description: 'A DEA within two years.',
      status: 'ANNOUNCED',
      version: 1,
      statusSince: '2023-10-15',
      lastAssessedAt: null,
      tags: ['digital-economy', 'trade'],
      deadline: { date: '2025-12-31', precision: 'YEAR' },
    });
    const row = await suite.fixtures.database.prisma.commitment.findUniqueOrThrow({ where: { slug: 'vn-sg-dea' }, include: { statusChanges: true, actors: true } });
    expect(row.partnershipId).toBe(suite.fixtures.partnershipId);
    expect(row.actors).toEqual([expect.objectContaining({ actorId: suite.fixtures.actorId, role: 'LEAD' })]);
    expect(row.statusChanges).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'ANNOUNCED', authorKind: 'API_KEY', authorId: String(suite.keys.editor.id) })]);
  });

  it('normalises a MONTH deadline to the month\'s last day', async () => {
    const payload = await run('createCommitment', { ...base(), slug: 'month-deadline', deadline: { date: '2024-02-10', precision: 'MONTH' } });
    expect(payload.commitment.deadline).toEqual({ date: '2024-02-29', precision: 'MONTH' });
  });

  it.each([
    ['a taken slug', { slug: 'vn-sg-dea' }, ['input', 'slug'], 'CONFLICT'],
    ['a malformed slug', { slug: 'Not A Slug' }, ['input', 'slug'], 'BAD_USER_INPUT'],
    ['an unknown pillar', { slug: 'x1', pillarId: toGlobalId('Pillar', 999999) }, ['input', 'pillarId'], 'NOT_FOUND'],
    ['an unknown actor', { slug: 'x2', actors: [{ actorId: toGlobalId('Actor', 999999), role: 'LEAD' }] }, ['input', 'actors', '0', 'actorId'], 'NOT_FOUND'],
    ['a bad tag', { slug: 'x3', tags: ['Digital Economy'] }, ['input', 'tags'], 'BAD_USER_INPUT'],
    ['an announcement in the future', { slug: 'x4', announcedOn: daysFromToday(3) }, ['input', 'announcedOn'], 'BAD_USER_INPUT'],
    ['an overlong title', { slug: 'x5', title: 't'.repeat(301) }, ['input', 'title'], 'BAD_USER_INPUT'],
  ])('refuses %s', async (_name, change, field, code) => {
    const payload = await run('createCommitment', { ...base(), ...change });
    expect(payload.commitment).toBeNull();
    expect(payload.userErrors[0]).toMatchObject({ field, code });
  });
});

describe('updateCommitment', () => {
  it('changes the given fields, leaves the others, and bumps the version', async () => {
    const id = await suite.fixtures.commitment('update-fields');
    const payload = await run('updateCommitment', {
      commitmentId: commitmentGid(id),
      expectedVersion: 1,
      title: 'New title',
      tags: ['energy'],
      deadline: { date: '2030-01-01', precision: 'YEAR' },
      actors: [{ actorId: toGlobalId('Actor', suite.fixtures.actorId), role: 'SUPPORTING' }],
    });
    expect(payload.userErrors).toEqual([]);
    expect(payload.commitment).toMatchObject({ title: 'New title', tags: ['energy'], version: 2, status: 'ANNOUNCED', deadline: { date: '2030-12-31', precision: 'YEAR' } });
    const cleared = await run('updateCommitment', { commitmentId: commitmentGid(id), deadline: null, tags: null, actors: [] });
    expect(cleared.commitment).toMatchObject({ title: 'New title', tags: [], deadline: null, version: 3 });
    expect(await suite.fixtures.database.prisma.commitmentActor.count({ where: { commitmentId: id } })).toBe(0);
  });

  it('refuses a pillar of another partnership, an empty change, a removed title and a stale version', async () => {
    const id = await suite.fixtures.commitment('update-refusals');
    const otherPillar = await run('updateCommitment', { commitmentId: commitmentGid(id), pillarId: toGlobalId('Pillar', suite.fixtures.otherPillarId) });
    expect(otherPillar.userErrors[0]).toMatchObject({ field: ['input', 'pillarId'], code: 'BAD_USER_INPUT' });
    const empty = await run('updateCommitment', { commitmentId: commitmentGid(id) });
    expect(empty.userErrors[0]).toMatchObject({ field: null, code: 'BAD_USER_INPUT', message: expect.stringMatching(/Nothing to change/) });
    const noTitle = await run('updateCommitment', { commitmentId: commitmentGid(id), title: null });
    expect(noTitle.userErrors[0]).toMatchObject({ field: ['input', 'title'] });
    const stale = await run('updateCommitment', { commitmentId: commitmentGid(id), title: 'x', expectedVersion: 7 });
    expect(stale.userErrors[0]).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
    expect(await suite.fixtures.state(id)).toMatchObject({ version: 1 });
  });
});

describe('archiveCommitment', () => {
  it('sets archivedAt, keeps the row, and refuses later changes', async () => {
    const id = await suite.fixtures.commitment('archive-me');
    const payload = await run('archiveCommitment', { commitmentId: commitmentGid(id), expectedVersion: 1 });
    expect(payload.userErrors).toEqual([]);
    expect(payload.commitment.archivedAt).toEqual(expect.any(String));
    expect(payload.commitment.version).toBe(2);
    const again = await run('archiveCommitment', { commitmentId: commitmentGid(id) });
    expect(again.userErrors[0]).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/archived already/) });
    const { body } = await suite.server.graphql(
      UPDATE_STATUS,
      { input: { commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'x' } },
      { authorization: suite.keys.editor.authorization },
    );
    expect(body.data!.updateCommitmentStatus.userErrors[0]).toMatchObject({ message: expect.stringMatching(/archived/) });
    expect(await suite.fixtures.database.prisma.commitment.count({ where: { id } })).toBe(1);
  });
});

describe('addProgressNote and attachEvidence', () => {
  const NOTE = `mutation ($input: AddProgressNoteInput!) {
    addProgressNote(input: $input) {
      commitment { status version lastAssessedAt }
      progressNote { id effectiveOn note evidence { url title publishedOn } author { kind id name } }
      userErrors { field message code }
    }
  }`;
  const EVIDENCE = `mutation ($input: AttachEvidenceInput!) {
    attachEvidence(input: $input) {
      commitment { version }
      evidence { id url title publishedOn note sourceDocumentId author { kind name } }
      userErrors { field message code }
    }
  }`;

  it('records a note: sets lastAssessedAt, bumps the version, keeps the status', async () => {
    const id = await suite.fixtures.commitment('note-me');
    const { body } = await suite.server.graphql(
      NOTE,
      { input: { commitmentId: commitmentGid(id), effectiveOn: '2024-04-01', note: 'Talks continue.', evidence: { url: 'https://example.org/a', title: 'Talks', publishedOn: '2024-04-01' } } },
      { authorization: suite.keys.editor.authorization },
    );
    const payload = body.data!.addProgressNote;
    expect(payload.userErrors).toEqual([]);
    expect(payload.commitment).toMatchObject({ status: 'ANNOUNCED', version: 2, lastAssessedAt: expect.any(String) });
    expect(payload.progressNote).toMatchObject({
      effectiveOn: '2024-04-01',
      note: 'Talks continue.',
      evidence: { url: 'https://example.org/a', title: 'Talks', publishedOn: '2024-04-01' },
      // The key's opaque ID, never its database id.
      author: { kind: 'API_KEY', id: toGlobalId('ApiKey', suite.keys.editor.id), name: 'Editor' },
    });
    const refused = await suite.server.graphql(NOTE, { input: { commitmentId: commitmentGid(id), effectiveOn: daysFromToday(2), note: 'x' } }, { authorization: suite.keys.editor.authorization });
    expect(refused.body.data!.addProgressNote.userErrors[0]).toMatchObject({ field: ['input', 'effectiveOn'] });
    const blank = await suite.server.graphql(NOTE, { input: { commitmentId: commitmentGid(id), effectiveOn: '2024-04-01', note: ' ' } }, { authorization: suite.keys.editor.authorization });
    expect(blank.body.data!.addProgressNote.userErrors[0]).toMatchObject({ field: ['input', 'note'] });
  });

  it('attaches evidence without bumping the version', async () => {
    const id = await suite.fixtures.commitment('evidence-me');
    const { body } = await suite.server.graphql(
      EVIDENCE,
      {
        input: {
          commitmentId: commitmentGid(id),
          evidence: { sourceDocumentId: toGlobalId('SourceDocument', suite.fixtures.documentId), title: 'Signed', publishedOn: '2024-03-01' },
          note: 'Shows the signature.',
        },
      },
      { authorization: suite.keys.editor.authorization },
    );
    const payload = body.data!.attachEvidence;
    expect(payload.userErrors).toEqual([]);
    expect(payload.commitment.version).toBe(1);
    expect(payload.evidence).toMatchObject({ url: null, title: 'Signed', publishedOn: '2024-03-01', note: 'Shows the signature.', sourceDocumentId: toGlobalId('SourceDocument', suite.fixtures.documentId), author: { kind: 'API_KEY', name: 'Editor' } });
    expect(await suite.fixtures.database.prisma.evidence.count({ where: { commitmentId: id } })).toBe(1);
  });
});
