// Measurable targets through the real server: addTarget, updateTarget and recordTargetReading (append-only
// readings), Commitment.targets with readings newest first and progress, readings in the timeline, a met
// target counted in follow-through; bad input is refused naming the field, with nothing written.
import { toGlobalId } from '../../src/relay/global-id';
import { useTestServer } from '../support/fixture';
import { commitmentGid, daysFromToday } from '../support/write-fixtures';

const suite = useTestServer({ fixtures: 'write', apiKeys: { editor: 'EDITOR', viewer: 'VIEWER' } });

const TARGET_FIELDS = `id databaseId description unit baseline targetValue dueOn progress met
  latestReading { value observedOn } readings { value observedOn sourceUrl note author { kind } }`;

const ADD = `mutation ($input: AddTargetInput!) { addTarget(input: $input) {
  commitment { id version } target { ${TARGET_FIELDS} } userErrors { field message code } } }`;
const UPDATE = `mutation ($input: UpdateTargetInput!) { updateTarget(input: $input) {
  target { ${TARGET_FIELDS} } userErrors { field message code } } }`;
const READ = `mutation ($input: RecordTargetReadingInput!) { recordTargetReading(input: $input) {
  reading { id databaseId value observedOn sourceUrl note } target { progress met } userErrors { field message code } } }`;

async function send(mutation: string, input: Record<string, unknown>, authorization = suite.keys.editor.authorization) {
  const { status, body } = await suite.server.graphql(mutation, { input }, { authorization });
  expect(status).toBe(200);
  return body;
}

const payloadOf = (body: { data?: any }) => Object.values(body.data!)[0] as any;

async function addTarget(commitmentId: number, overrides: Record<string, unknown> = {}) {
  const payload = payloadOf(
    await send(ADD, { commitmentId: commitmentGid(commitmentId), description: 'Solar capacity added', unit: 'MW', baseline: '100', targetValue: '500', dueOn: '2030-12-31', ...overrides }),
  );
  expect(payload.userErrors).toEqual([]);
  return payload.target;
}

async function reading(targetId: string, value: string, observedOn: string, extra: Record<string, unknown> = {}) {
  const payload = payloadOf(await send(READ, { targetId, value, observedOn, sourceUrl: 'https://example.org/energy', ...extra }));
  expect(payload.userErrors).toEqual([]);
  return payload;
}

const readingsCount = () => suite.database.prisma.targetReading.count();

describe('targets', () => {
  it('adds a target, records readings (newest first) and reports progress from baseline to target', async () => {
    const id = await suite.fixtures.commitment('target-happy');
    const target = await addTarget(id, { idempotencyKey: 'target-happy-add' });
    expect(target).toMatchObject({ description: 'Solar capacity added', unit: 'MW', baseline: '100', targetValue: '500', dueOn: '2030-12-31', progress: null, met: false, readings: [], latestReading: null });
    expect(target.id).toBe(toGlobalId('CommitmentTarget', target.databaseId));

    expect((await reading(target.id, '200', '2024-06-30')).target).toEqual({ progress: 0.25, met: false });
    // An older observation recorded later does not become the latest.
    expect((await reading(target.id, '150.5', '2024-01-31', { note: 'From the annual report.' })).target).toEqual({ progress: 0.25, met: false });
    expect((await reading(target.id, '520', '2025-03-31', { unit: 'mw' })).target).toEqual({ progress: 1.05, met: true });

    const { body } = await suite.server.graphql(`query ($id: ID!) { commitment(id: $id) { targets { ${TARGET_FIELDS} } } }`, { id: commitmentGid(id) });
    expect(body.errors).toBeUndefined();
    const [read] = body.data!.commitment.targets;
    expect(read.readings.map((r: any) => [r.value, r.observedOn])).toEqual([['520', '2025-03-31'], ['200', '2024-06-30'], ['150.5', '2024-01-31']]);
    expect(read.readings[2]).toMatchObject({ note: 'From the annual report.', sourceUrl: 'https://example.org/energy', author: { kind: 'API_KEY' } });
    expect(read).toMatchObject({ progress: 1.05, met: true, latestReading: { value: '520', observedOn: '2025-03-31' } });

    // node(id:) fetches the target; the compiled path answers as the resolvers do.
    const nodeQuery = `query ($id: ID!, $t: ID!) { node(id: $t) { ... on CommitmentTarget { description commitment { slug } } }
      commitment(id: $id) { targets { ${TARGET_FIELDS} readings { id databaseId recordedAt sourceDocumentId author { id name } } createdAt updatedAt } } }`;
    const fast = await suite.server.graphql(nodeQuery, { id: commitmentGid(id), t: target.id });
    expect(fast.body.data!.node).toEqual({ description: 'Solar capacity added', commitment: { slug: 'target-happy' } });
    const resolvers = await suite.startServer({ GRAPHQL_COMPILED_EXECUTION: 'false' });
    const slow = await resolvers.graphql(nodeQuery, { id: commitmentGid(id), t: target.id });
    expect(JSON.stringify(slow.body)).toBe(JSON.stringify(fast.body));
  });

  it('measures a reduction target (below its baseline) the same way', async () => {
    const id = await suite.fixtures.commitment('target-reduction');
    const target = await addTarget(id, { description: 'Coal share of generation', unit: '%', baseline: '40', targetValue: '30' });
    expect((await reading(target.id, '35', '2024-06-30')).target).toEqual({ progress: 0.5, met: false });
    expect((await reading(target.id, '29.5', '2024-12-31')).target).toEqual({ progress: 1.05, met: true });
  });

  it('updates a target; the unit cannot change once readings exist', async () => {
    const id = await suite.fixtures.commitment('target-update');
    const target = await addTarget(id);
    const updated = payloadOf(await send(UPDATE, { targetId: target.id, targetValue: '300', dueOn: null, unit: 'GW' }));
    expect(updated.userErrors).toEqual([]);
    expect(updated.target).toMatchObject({ targetValue: '300', dueOn: null, unit: 'GW' });
    await reading(target.id, '200', '2024-06-30');
    const refused = payloadOf(await send(UPDATE, { targetId: target.id, unit: 'MW' }));
    expect(refused.userErrors).toEqual([expect.objectContaining({ field: ['input', 'unit'], code: 'BAD_USER_INPUT' })]);
    const same = payloadOf(await send(UPDATE, { targetId: target.id, baseline: '300' }));
    expect(same.userErrors).toEqual([expect.objectContaining({ field: ['input', 'baseline'], code: 'BAD_USER_INPUT' })]);
    const row = await suite.database.prisma.commitmentTarget.findUniqueOrThrow({ where: { id: target.databaseId } });
    expect({ unit: row.unit, baseline: row.baseline.toString() }).toEqual({ unit: 'GW', baseline: '100' });
  });

  it('refuses a target without a unit, or with a non-numeric or empty range, naming the field; nothing is written', async () => {
    const id = await suite.fixtures.commitment('target-bad');
    const base = { commitmentId: commitmentGid(id), description: 'Capacity', unit: 'MW', baseline: '0', targetValue: '10' };
    for (const [override, field] of [
      [{ unit: '  ' }, 'unit'],
      [{ baseline: '1,000' }, 'baseline'],
      [{ targetValue: '10 MW' }, 'targetValue'],
      [{ targetValue: '0.000' }, 'targetValue'],
    ] as const) {
      const payload = payloadOf(await send(ADD, { ...base, ...override }));
      expect(payload).toMatchObject({ target: null, userErrors: [expect.objectContaining({ field: ['input', field], code: 'BAD_USER_INPUT' })] });
    }
    expect(await suite.database.prisma.commitmentTarget.count({ where: { commitmentId: id } })).toBe(0);
    const viewer = await send(ADD, base, suite.keys.viewer.authorization);
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a reading that is not a plain number, in another unit, in the future or without a source; nothing is written', async () => {
    const id = await suite.fixtures.commitment('target-bad-reading');
    const target = await addTarget(id);
    const before = await readingsCount();
    const base = { targetId: target.id, value: '120', observedOn: '2024-06-30', sourceUrl: 'https://example.org/x' };
    for (const [override, field] of [
      [{ value: '120 MW' }, 'value'],
      [{ value: 'about 120' }, 'value'],
      [{ unit: 'GW' }, 'unit'],
      [{ observedOn: daysFromToday(3) }, 'observedOn'],
      [{ sourceUrl: null }, 'sourceUrl'],
    ] as const) {
      const payload = payloadOf(await send(READ, { ...base, ...override }));
      expect(payload).toMatchObject({ reading: null, userErrors: [expect.objectContaining({ field: ['input', field], code: 'BAD_USER_INPUT' })] });
    }
    const unknown = payloadOf(await send(READ, { ...base, targetId: toGlobalId('CommitmentTarget', 999_999) }));
    expect(unknown.userErrors).toEqual([expect.objectContaining({ field: ['input', 'targetId'], code: 'NOT_FOUND' })]);
    expect(await readingsCount()).toBe(before);
  });

  it('keeps readings append-only: the database refuses to change one', async () => {
    const id = await suite.fixtures.commitment('target-append-only');
    const target = await addTarget(id);
    const { reading: row } = await reading(target.id, '120', '2024-06-30');
    await expect(suite.database.prisma.targetReading.update({ where: { id: row.databaseId }, data: { value: '1' } })).rejects.toThrow(/append-only/);
    await expect(suite.database.prisma.targetReading.delete({ where: { id: row.databaseId } })).rejects.toThrow(/append-only/);
    expect((await suite.database.prisma.targetReading.findUniqueOrThrow({ where: { id: row.databaseId } })).value.toString()).toBe('120');
  });

  it('shows readings in the commitment\'s timeline, newest first among its events', async () => {
    const id = await suite.fixtures.commitment('target-timeline');
    const target = await addTarget(id);
    await reading(target.id, '200', '2024-06-30');
    const { body } = await suite.server.graphql(
      `query ($id: ID!) { commitment(id: $id) { timeline(first: 5) { totalCount nodes { __typename kind occurredOn
        ... on TargetReadingEvent { reading { value } target { description progress } } } } } }`,
      { id: commitmentGid(id) },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.commitment.timeline).toEqual({
      totalCount: 2,
      nodes: [
        { __typename: 'TargetReadingEvent', kind: 'TARGET_READING', occurredOn: '2024-06-30', reading: { value: '200' }, target: { description: 'Solar capacity added', progress: 0.25 } },
        { __typename: 'CommitmentAnnouncedEvent', kind: 'ANNOUNCED', occurredOn: '2023-10-15' },
      ],
    });
  });
});

describe('follow-through', () => {
  const STATS = `{ commitmentStats(filter: { tags: ["target-ft"] }) { overall { announced completed total targetsMet followThroughRate } } }`;
  const PILLARS = `{ partnerships { slug pillars { slug statusCounts { total completed targetsMet followThroughRate } } } }`;

  it('counts a commitment with a target met as followed through; one without a met target by its status alone', async () => {
    const ids = [await suite.fixtures.commitment('target-ft-1'), await suite.fixtures.commitment('target-ft-2'), await suite.fixtures.commitment('target-ft-3')];
    await suite.database.prisma.commitment.updateMany({ where: { id: { in: ids } }, data: { tags: ['target-ft'] } });
    const pillarsBefore = (await suite.server.graphql(PILLARS)).body.data!.partnerships;
    expect((await suite.server.graphql(STATS)).body.data!.commitmentStats.overall).toEqual({ announced: 3, completed: 0, total: 3, targetsMet: 0, followThroughRate: 0 });

    const met = await addTarget(ids[0]!);
    await reading(met.id, '500', '2024-06-30');
    const unmet = await addTarget(ids[1]!);
    await reading(unmet.id, '499', '2024-06-30');

    expect((await suite.server.graphql(STATS)).body.data!.commitmentStats.overall).toEqual({ announced: 3, completed: 0, total: 3, targetsMet: 1, followThroughRate: 1 / 3 });
    // As of a day before the reading was observed, the target was not met yet.
    const asOf = await suite.server.graphql(`{ commitmentStats(filter: { tags: ["target-ft"] }, asOf: "2024-06-29") { overall { targetsMet followThroughRate } } }`);
    expect(asOf.body.data!.commitmentStats.overall).toEqual({ targetsMet: 0, followThroughRate: 0 });

    // The dashboard's counts (the stored counts, compiled and resolved alike) add the met target to the pillar's follow-through.
    const fast = await suite.server.graphql(PILLARS);
    const resolvers = await suite.startServer({ GRAPHQL_COMPILED_EXECUTION: 'false' });
    const slow = await resolvers.graphql(PILLARS);
    expect(JSON.stringify(slow.body)).toBe(JSON.stringify(fast.body));
    const pillarOf = (partnerships: any[]) => partnerships.find((p) => p.slug === 'vietnam-singapore').pillars[0].statusCounts;
    const [before, after] = [pillarOf(pillarsBefore), pillarOf(fast.body.data!.partnerships)];
    expect(after.total).toBe(before.total);
    expect(after.targetsMet).toBe(before.targetsMet + 1);
    expect(after.followThroughRate).toBeCloseTo((before.completed + after.targetsMet) / after.total, 12);
  });
});
