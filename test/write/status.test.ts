import { useTestServer } from '../support/fixture';
import { ANNOUNCED_ON, commitmentGid, daysFromToday, UPDATE_STATUS } from '../support/write-fixtures';
import { toGlobalId } from '../../src/relay/global-id';

const suite = useTestServer({ fixtures: 'write', apiKeys: { editor: { role: 'EDITOR', name: 'Hanoi desk' } } });

const evidence = { url: 'https://example.org/news/1', title: 'Talks stall', publishedOn: '2024-05-01' };

async function update(input: Record<string, unknown>) {
  const { status, body } = await suite.server.graphql(UPDATE_STATUS, { input }, { authorization: suite.keys.editor.authorization });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  return body.data!.updateCommitmentStatus;
}

describe('updateCommitmentStatus', () => {
  it('sets the status and appends its history entry, authored by the caller, bumping the version', async () => {
    const id = await suite.fixtures.commitment('status-happy');
    const before = Date.now();
    const payload = await update({ commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'Negotiations opened.' });
    expect(payload.userErrors).toEqual([]);
    expect(payload.commitment).toMatchObject({ id: commitmentGid(id), status: 'IN_PROGRESS', version: 2, statusSince: '2024-02-01' });
    expect(new Date(payload.commitment.lastAssessedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(payload.statusChange).toMatchObject({
      fromStatus: 'ANNOUNCED',
      toStatus: 'IN_PROGRESS',
      effectiveOn: '2024-02-01',
      rationale: 'Negotiations opened.',
      evidence: null,
      author: { kind: 'API_KEY', id: toGlobalId('ApiKey', suite.keys.editor.id), name: 'Hanoi desk' },
    });
    expect(await suite.fixtures.state(id)).toMatchObject({ status: 'IN_PROGRESS', version: 2, statusSince: '2024-02-01', history: 2 });
  });

  it('takes no author from the input: there is no such field', async () => {
    const id = await suite.fixtures.commitment('status-author');
    const { body } = await suite.server.graphql(
      UPDATE_STATUS,
      { input: { commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'x', authorName: 'Someone else' } },
      { authorization: suite.keys.editor.authorization },
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await suite.fixtures.state(id)).history).toBe(1);
  });

  it('records evidence given as a stored source document', async () => {
    const id = await suite.fixtures.commitment('status-document');
    const payload = await update({
      commitmentId: commitmentGid(id),
      status: 'COMPLETED',
      effectiveOn: '2024-03-01',
      rationale: 'Signed.',
      evidence: { sourceDocumentId: toGlobalId('SourceDocument', suite.fixtures.documentId), title: 'Agreement signed', publishedOn: '2024-03-01' },
    });
    expect(payload.userErrors).toEqual([]);
    expect(payload.statusChange.evidence).toEqual({
      url: null,
      title: 'Agreement signed',
      publishedOn: '2024-03-01',
      sourceDocumentId: toGlobalId('SourceDocument', suite.fixtures.documentId),
    });
  });

  describe('refuses, writing nothing, with a userError naming the field', () => {
    let id: number;
    beforeAll(async () => {
      id = await suite.fixtures.commitment('status-rules');
    });

    const cases: [string, Record<string, unknown>, string[], RegExp, string?][] = [
      ['an effective date in the future', { effectiveOn: daysFromToday(3) }, ['input', 'effectiveOn'], /in the future/],
      ['an effective date before the announcement', { effectiveOn: '2023-10-14' }, ['input', 'effectiveOn'], /before the commitment was announced \(2023-10-15\)/],
      ['a blank rationale', { rationale: '  \n ' }, ['input', 'rationale'], /rationale must not be blank/],
      ['an overlong rationale', { rationale: 'x'.repeat(5001) }, ['input', 'rationale'], /rationale must be shorter than or equal to 5000 characters/],
      ['STALLED without evidence', { status: 'STALLED' }, ['input', 'evidence'], /STALLED requires evidence/],
      ['ABANDONED without evidence', { status: 'ABANDONED' }, ['input', 'evidence'], /ABANDONED requires evidence/],
      ['the status it already has', { status: 'ANNOUNCED' }, ['input', 'status'], /already ANNOUNCED/],
      ['evidence with neither url nor document', { evidence: { title: 'x', publishedOn: '2024-01-01' } }, ['input', 'evidence'], /needs a url or a sourceDocumentId/],
      ['evidence dated in the future', { evidence: { ...evidence, publishedOn: daysFromToday(3) } }, ['input', 'evidence', 'publishedOn'], /in the future/],
      ['an overlong evidence title', { evidence: { ...evidence, title: 'x'.repeat(501) } }, ['input', 'evidence', 'title'], /evidence\.title must be shorter than or equal to 500/],
      ['an unknown commitment', { commitmentId: toGlobalId('Commitment', 999999) }, ['input', 'commitmentId'], /was not found/, 'NOT_FOUND'],
      ['an ID of another type', { commitmentId: toGlobalId('Pillar', 1) }, ['input', 'commitmentId'], /not a valid Commitment ID/],
      [
        'an unknown evidence document',
        { evidence: { sourceDocumentId: toGlobalId('SourceDocument', 999999), title: 'x', publishedOn: '2024-01-01' } },
        ['input', 'evidence', 'sourceDocumentId'],
        /was not found/,
        'NOT_FOUND',
      ],
    ];

    it.each(cases)('%s', async (_name, change, field, message, code = 'BAD_USER_INPUT') => {
      const payload = await update({ commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-02-01', rationale: 'Because.', ...change });
      expect(payload.commitment).toBeNull();
      expect(payload.statusChange).toBeNull();
      expect(payload.userErrors).toHaveLength(1);
      expect(payload.userErrors[0]).toMatchObject({ field, code });
      expect(payload.userErrors[0].message).toMatch(message);
      expect(await suite.fixtures.state(id)).toMatchObject({ status: 'ANNOUNCED', version: 1, lastAssessedAt: null, history: 1 });
    });
  });

  it('accepts STALLED and ABANDONED with evidence', async () => {
    const id = await suite.fixtures.commitment('status-stalled');
    const stalled = await update({ commitmentId: commitmentGid(id), status: 'STALLED', effectiveOn: '2024-05-01', rationale: 'No news for a year.', evidence });
    expect(stalled.userErrors).toEqual([]);
    const abandoned = await update({ commitmentId: commitmentGid(id), status: 'ABANDONED', effectiveOn: '2024-06-01', rationale: 'Dropped.', evidence });
    expect(abandoned.userErrors).toEqual([]);
    expect(abandoned.statusChange.evidence).toMatchObject({ url: 'https://example.org/news/1', title: 'Talks stall' });
  });

  it('requires evidence to move back from COMPLETED', async () => {
    const id = await suite.fixtures.commitment('status-reopen');
    await update({ commitmentId: commitmentGid(id), status: 'COMPLETED', effectiveOn: '2024-03-01', rationale: 'Signed.' });
    const refused = await update({ commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-04-01', rationale: 'Not ratified after all.' });
    expect(refused.userErrors).toEqual([expect.objectContaining({ field: ['input', 'evidence'], code: 'BAD_USER_INPUT', message: expect.stringMatching(/COMPLETED/) })]);
    const accepted = await update({ commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-04-01', rationale: 'Not ratified after all.', evidence });
    expect(accepted.userErrors).toEqual([]);
    expect(await suite.fixtures.state(id)).toMatchObject({ status: 'IN_PROGRESS', version: 3, history: 3 });
  });

  it('refuses a change dated before the current status took effect', async () => {
    const id = await suite.fixtures.commitment('status-order');
    await update({ commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: '2024-03-01', rationale: 'Started.' });
    const refused = await update({ commitmentId: commitmentGid(id), status: 'PARTIALLY_COMPLETED', effectiveOn: '2024-02-01', rationale: 'Earlier.' });
    expect(refused.userErrors).toEqual([expect.objectContaining({ field: ['input', 'effectiveOn'], message: expect.stringMatching(/before the current status took effect \(2024-03-01\)/) })]);
  });

  it('accepts today and the announcement day itself', async () => {
    const id = await suite.fixtures.commitment('status-bounds');
    expect((await update({ commitmentId: commitmentGid(id), status: 'IN_PROGRESS', effectiveOn: ANNOUNCED_ON, rationale: 'At once.' })).userErrors).toEqual([]);
    expect((await update({ commitmentId: commitmentGid(id), status: 'PARTIALLY_COMPLETED', effectiveOn: daysFromToday(0), rationale: 'Today.' })).userErrors).toEqual([]);
  });

  it('writes neither the status nor the history entry when the transaction fails after the status write', async () => {
    const id = await suite.fixtures.commitment('status-failure');
    const { prisma } = suite.fixtures.database;
    // The commitment row is updated before the history row is inserted: make the insert fail.
    await prisma.$executeRawUnsafe(`
      CREATE FUNCTION fail_marked_status_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.rationale = 'FAIL AFTER STATUS WRITE' THEN RAISE EXCEPTION 'injected failure'; END IF;
        RETURN NEW;
      END $$`);
    await prisma.$executeRawUnsafe(
      'CREATE TRIGGER fail_marked_status_change BEFORE INSERT ON status_change FOR EACH ROW EXECUTE FUNCTION fail_marked_status_change()',
    );
    try {
      const { body } = await suite.server.graphql(
        UPDATE_STATUS,
        { input: { commitmentId: commitmentGid(id), status: 'COMPLETED', effectiveOn: '2024-03-01', rationale: 'FAIL AFTER STATUS WRITE', idempotencyKey: 'failing' } },
        { authorization: suite.keys.editor.authorization },
      );
      expect(body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(body.errors?.[0]?.message).not.toMatch(/injected/);
      expect(await suite.fixtures.state(id)).toEqual({ status: 'ANNOUNCED', version: 1, statusSince: ANNOUNCED_ON, lastAssessedAt: null, history: 1 });
      expect(await prisma.idempotencyKey.count({ where: { key: 'failing' } })).toBe(0);
    } finally {
      await prisma.$executeRawUnsafe('DROP TRIGGER fail_marked_status_change ON status_change');
    }
  });
});
