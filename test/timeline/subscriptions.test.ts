// Subscriptions over graphql-ws on /graphql: a write on one server instance reaches subscribers on another
// through PostgreSQL LISTEN/NOTIFY, filters are the lists' filters, credentials follow the rules of queries,
// and stopping a server closes its subscriptions.
import pino from 'pino';
import { toGlobalId } from '../../src/relay/global-id';
import { ChangeEventRetention } from '../../src/subscription/change-event.retention';
import { useTestServer } from '../support/fixture';
import { openSubscriptions, subscriptionsPerTest } from '../support/subscription-client';
import { startTcpProxy } from '../support/tcp-proxy';
import type { TestServer } from '../support/test-server';
import { Editor } from './timeline-helpers';

jest.setTimeout(120_000);

const silentLogger = pino({ level: 'silent' });

const suite = useTestServer({ fixtures: 'write', apiKeys: { editor: 'EDITOR', viewer: 'VIEWER', burst: 'EDITOR' } });
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  a = suite.server;
  b = await suite.startServer();
});

const subscribe = subscriptionsPerTest(suite, () => [a, b]);

const STATUS_CHANGED = `subscription ($partnershipId: ID, $pillarId: ID) {
  statusChanged(partnershipId: $partnershipId, pillarId: $pillarId) {
    commitment { databaseId status version partnership { slug } }
    statusChange { fromStatus toStatus effectiveOn author { kind } }
  }
}`;

const COMMITMENT_CHANGED = `subscription ($filter: CommitmentFilter) {
  commitmentChanged(filter: $filter) { kind commitment { databaseId status archivedAt } statusChange { toStatus } }
}`;

const RESUMABLE = `subscription ($filter: CommitmentFilter, $after: String) {
  commitmentChanged(filter: $filter, afterEventId: $after) { eventId kind commitment { id databaseId } }
}`;

describe('subscriptions across server instances', () => {
  it('deliver a status change made on instance A to a subscriber on instance B within a second', async () => {
    const editor = new Editor(a, suite.keys.editor.authorization);
    const commitmentId = await editor.commitment(suite.fixtures.pillarId, '2024-01-10');
    const mine = subscribe(b, STATUS_CHANGED, { partnershipId: toGlobalId('Partnership', suite.fixtures.partnershipId) });
    const elsewhere = subscribe(b, STATUS_CHANGED, { pillarId: toGlobalId('Pillar', suite.fixtures.otherPillarId) });
    await openSubscriptions(b, 2);

    // Timed from the mutation's answer, which comes once its transaction (and so the NOTIFY) has committed.
    await editor.status(commitmentId, 'IN_PROGRESS', '2024-03-01');
    const committed = Date.now();
    const event = await mine.event(1, 1_000);
    expect(Date.now() - committed).toBeLessThan(1_000);
    expect(event.statusChanged).toEqual({
      commitment: { databaseId: commitmentId, status: 'IN_PROGRESS', version: 2, partnership: { slug: 'vietnam-singapore' } },
      statusChange: { fromStatus: 'ANNOUNCED', toStatus: 'IN_PROGRESS', effectiveOn: '2024-03-01', author: { kind: 'API_KEY' } },
    });

    // A second change: the event carries the commitment as it is now, not as a previous event cached it.
    await editor.status(commitmentId, 'COMPLETED', '2024-04-01');
    expect((await mine.event(2, 1_000)).statusChanged.commitment).toMatchObject({ status: 'COMPLETED', version: 3 });
    expect(elsewhere.events).toEqual([]);
    expect(mine.errors).toEqual([]);
  });

  it('deliver commitmentChanged for the commitments the filter selects, as they are after the write', async () => {
    const editor = new Editor(a, suite.keys.editor.authorization);
    const commitmentId = await editor.commitment(suite.fixtures.pillarId, '2024-01-10');
    const completed = subscribe(b, COMMITMENT_CHANGED, { filter: { status: ['COMPLETED'] } });
    const all = subscribe(b, COMMITMENT_CHANGED, { filter: { pillarId: toGlobalId('Pillar', suite.fixtures.pillarId) } });
    await openSubscriptions(b, 2);

    await editor.note(commitmentId, '2024-02-01', 'Assessed.');
    await editor.status(commitmentId, 'COMPLETED', '2024-03-01');
    await editor.archive(commitmentId);
    await all.event(3);
    expect(all.events.map((event) => [event.commitmentChanged.kind, event.commitmentChanged.statusChange?.toStatus ?? null])).toEqual([
      ['PROGRESS_NOTE_ADDED', null],
      ['STATUS_CHANGED', 'COMPLETED'],
      ['ARCHIVED', null],
    ]);
    // Each event carries the commitment as its own write left it, not as it is by the time it is delivered.
    expect(all.events.map((event) => event.commitmentChanged.commitment.status)).toEqual(['ANNOUNCED', 'COMPLETED', 'COMPLETED']);
    expect(all.events[2]!.commitmentChanged.commitment.archivedAt).not.toBeNull();
    // Only once COMPLETED (and archiving a COMPLETED one still concerns its subscribers).
    await completed.event(2);
    expect(completed.events.map((event) => event.commitmentChanged.kind)).toEqual(['STATUS_CHANGED', 'ARCHIVED']);
  });

  it('are refused over HTTP, with 400 and where to subscribe instead', async () => {
    const response = await b.graphql(STATUS_CHANGED);
    expect(response.status).toBe(400);
    expect(response.body.errors![0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' }, message: expect.stringMatching(/WebSocket/) });
  });

  it('refuse a bad filter when the subscription starts', async () => {
    const bad = subscribe(b, COMMITMENT_CHANGED, { filter: { staleForDays: -1 } });
    await expect(bad.event(1, 3_000)).rejects.toThrow(/staleForDays must be between 0 and 36500/);
    expect(JSON.stringify(bad.errors)).toContain('BAD_USER_INPUT');
  });
});

describe('subscription credentials', () => {
  let closed: TestServer;

  beforeAll(async () => {
    closed = await suite.startServer({ PUBLIC_READ: 'false' });
  });
  afterAll(() => closed?.stop());

  it('refuse an anonymous subscriber when PUBLIC_READ is false, with 4401 and the reason', async () => {
    const anonymous = subscribe(closed, STATUS_CHANGED);
    expect(await anonymous.closeCode).toBe(4401);
    expect(anonymous.events).toEqual([]);
  });

  it('refuse an invalid credential even when reads are public', async () => {
    const forged = subscribe(b, STATUS_CHANGED, {}, 'Bearer ct_not-a-real-key');
    expect(await forged.closeCode).toBe(4401);
  });

  it('accept a VIEWER credential in connectionParams.authorization', async () => {
    const viewer = subscribe(closed, STATUS_CHANGED, {}, suite.keys.viewer.authorization);
    await openSubscriptions(closed, 1);
    const editor = new Editor(a, suite.keys.editor.authorization);
    const commitmentId = await editor.commitment(suite.fixtures.pillarId, '2024-01-10');
    await editor.status(commitmentId, 'IN_PROGRESS', '2024-03-01');
    expect((await viewer.event(1)).statusChanged.commitment.databaseId).toBe(commitmentId);
  });
});

describe('the change listener', () => {
  it('reconnects after losing its database connection, delivering from the outbox what was committed while it was away, then the live changes', async () => {
    const proxy = await startTcpProxy(suite.db.url);
    const server = await suite.startServer({ DB_CONNECTION_TIMEOUT_MS: '1000' }, { url: proxy.url });
    try {
      const subscription = subscribe(server, STATUS_CHANGED);
      await openSubscriptions(server, 1);
      const editor = new Editor(a, suite.keys.editor.authorization);
      const commitmentId = await editor.commitment(suite.fixtures.pillarId, '2024-01-10');
      await proxy.cut();
      // Written through instance A, straight to the database, while this server's listener cannot hear.
      const whileAway = ['IN_PROGRESS', 'PARTIALLY_COMPLETED', 'COMPLETED'] as const;
      for (const [index, status] of whileAway.entries()) await editor.status(commitmentId, status, `2024-0${index + 2}-01`);
      await proxy.restore();
      await subscription.event(3, 10_000);
      await editor.status(commitmentId, 'IN_PROGRESS', '2024-06-01');
      await subscription.event(4, 5_000);
      const received = subscription.events.map((event) => event.statusChanged.statusChange.toStatus);
      expect(received).toEqual([...whileAway, 'IN_PROGRESS']);
      expect(subscription.errors).toEqual([]);
    } finally {
      await server.stop();
      await proxy.close();
    }
  });
});

describe('resuming with afterEventId', () => {
  it('a subscriber that drops during a burst of 1,000 changes and resumes on the other instance misses none and repeats none', async () => {
    // Their own instances and key: rate limits are shared through the database, per key, so 1,000 mutations
    // under the editor's key would spend its budget on every instance.
    const env = { RATE_LIMIT_MUTATIONS: '100000' };
    const [first, second] = await Promise.all([suite.startServer(env), suite.startServer(env)]);
    try {
      const editor = new Editor(first, suite.keys.burst.authorization);
      const commitmentId = await editor.commitment(suite.fixtures.otherPillarId, '2024-01-10');
      const filter = { pillarId: toGlobalId('Pillar', suite.fixtures.otherPillarId) };
      const before = subscribe(first, RESUMABLE, { filter });
      await openSubscriptions(first, 1);

      const editors = [editor, new Editor(second, suite.keys.burst.authorization)];
      const burst = 1_000;
      let next = 0;
      const writers = Array.from({ length: 8 }, async (_, writer) => {
        while (next < burst) {
          const n = next++;
          await editors[(n + writer) % 2]!.note(commitmentId, '2024-02-01', `Burst note ${n}.`);
        }
      });
      const written = Promise.all(writers);

      // Drop mid-burst, wait while more is written, resume on the other instance from the last id received.
      await before.event(100, 60_000);
      await before.client.dispose();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const lastSeen = before.events.at(-1)!.commitmentChanged.eventId as string;
      const after = subscribe(second, RESUMABLE, { filter, after: lastSeen });
      await written;
      await after.event(burst - before.events.length, 60_000);

      const received = [...before.events, ...after.events].map((event) => event.commitmentChanged);
      console.log(`resume during a burst: ${before.events.length} events before the drop, ${after.events.length} after it, ${received.length} in all of ${burst}`);
      expect(received.filter((event) => event.kind !== 'PROGRESS_NOTE_ADDED' || event.commitment.databaseId !== commitmentId)).toEqual([]);
      const ids = received.map((event) => BigInt(event.eventId));
      expect(ids.every((id, index) => index === 0 || id > ids[index - 1]!)).toBe(true);
      expect(received).toHaveLength(burst);
      expect([...before.errors, ...after.errors]).toEqual([]);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  it('sends, after the given eventId, only what the filter selects, then the live changes', async () => {
    const editor = new Editor(a, suite.keys.editor.authorization);
    const watched = await editor.commitment(suite.fixtures.pillarId, '2024-01-10');
    const other = await editor.commitment(suite.fixtures.otherPillarId, '2024-01-10');
    const probe = subscribe(a, RESUMABLE, {});
    await openSubscriptions(a, 1);
    await editor.note(other, '2024-02-01', 'Start.');
    const start = (await probe.event(1)).commitmentChanged.eventId as string;
    await probe.client.dispose();

    await editor.note(watched, '2024-02-01', 'Missed 1.');
    await editor.note(other, '2024-02-01', 'Not selected.');
    await editor.status(watched, 'IN_PROGRESS', '2024-03-01');
    const resumed = subscribe(b, RESUMABLE, { filter: { pillarId: toGlobalId('Pillar', suite.fixtures.pillarId) }, after: start });
    await resumed.event(2);
    await editor.archive(watched);
    await resumed.event(3);
    expect(resumed.events.map((event) => event.commitmentChanged.kind)).toEqual(['PROGRESS_NOTE_ADDED', 'STATUS_CHANGED', 'ARCHIVED']);
    // Replayed or live, the commitment is a whole node of the API: its global id names its type.
    expect(resumed.events.map((event) => event.commitmentChanged.commitment.id)).toEqual(Array(3).fill(toGlobalId('Commitment', watched)));
  });

  it('refuse an eventId that is not one, one beyond the last sent, and one older than the outbox keeps', async () => {
    const notNumber = subscribe(b, RESUMABLE, { after: 'abc' });
    await expect(notNumber.event(1, 3_000)).rejects.toThrow(/afterEventId must be the eventId of a change/);
    expect(JSON.stringify(notNumber.errors)).toContain('BAD_USER_INPUT');

    const future = subscribe(b, RESUMABLE, { after: '999999999999' });
    await expect(future.event(1, 3_000)).rejects.toThrow(/afterEventId 999999999999 is not an event this server sent/);
    expect(JSON.stringify(future.errors)).toContain('BAD_USER_INPUT');

    // Prune everything recorded until a minute from now: the retention window as if it had passed.
    const retention = new ChangeEventRetention(suite.database.prisma, 1, silentLogger);
    expect(await retention.prune(new Date(Date.now() + 3_660_000))).toBeGreaterThan(0);
    const expired = subscribe(b, RESUMABLE, { after: '1' });
    await expect(expired.event(1, 3_000)).rejects.toThrow(/older than the changes this server keeps/);
    expect(JSON.stringify(expired.errors)).toContain('EVENTS_EXPIRED');
  });
});

describe('shutdown', () => {
  it('closes open subscriptions when the server stops', async () => {
    const server = await suite.startServer();
    const subscription = subscribe(server, STATUS_CHANGED);
    await openSubscriptions(server, 1);
    const stopping = server.stop();
    expect(await subscription.closeCode).toBe(1001);
    await stopping;
  });
});

describe('party assessments and targets', () => {
  it('announce themselves to commitmentChanged: PARTY_ASSESSED, TARGET_ADDED, TARGET_UPDATED, TARGET_READING_RECORDED', async () => {
    const editor = new Editor(a, suite.keys.editor.authorization);
    const commitmentId = await editor.commitment(suite.fixtures.pillarId, '2024-01-10');
    const changes = subscribe(b, `subscription ($filter: CommitmentFilter) { commitmentChanged(filter: $filter) { kind commitment { databaseId version } } }`, {
      filter: { pillarId: toGlobalId('Pillar', suite.fixtures.pillarId) },
    });
    await openSubscriptions(b, 1);
    const write = async (mutation: string, input: Record<string, unknown>) => {
      const { body } = await a.graphql(mutation, { input }, { authorization: suite.keys.editor.authorization });
      const payload = Object.values(body.data!)[0] as any;
      expect(payload.userErrors).toEqual([]);
      return payload;
    };
    const commitment = toGlobalId('Commitment', commitmentId);
    await write('mutation ($input: AssessPartyInput!) { assessParty(input: $input) { userErrors { message } } }', {
      commitmentId: commitment, countryCode: 'SG', status: 'IN_PROGRESS', rationale: 'Started.',
    });
    const { target } = await write('mutation ($input: AddTargetInput!) { addTarget(input: $input) { target { id } userErrors { message } } }', {
      commitmentId: commitment, description: 'Capacity', unit: 'MW', baseline: '0', targetValue: '10',
    });
    await write('mutation ($input: UpdateTargetInput!) { updateTarget(input: $input) { userErrors { message } } }', { targetId: target.id, targetValue: '20' });
    await write('mutation ($input: RecordTargetReadingInput!) { recordTargetReading(input: $input) { userErrors { message } } }', {
      targetId: target.id, value: '5', observedOn: '2024-06-30', sourceUrl: 'https://example.org/r',
    });
    await changes.event(4, 2_000);
    expect(changes.events.map((event) => event.commitmentChanged)).toEqual([
      { kind: 'PARTY_ASSESSED', commitment: { databaseId: commitmentId, version: 2 } },
      { kind: 'TARGET_ADDED', commitment: { databaseId: commitmentId, version: 2 } },
      { kind: 'TARGET_UPDATED', commitment: { databaseId: commitmentId, version: 2 } },
      { kind: 'TARGET_READING_RECORDED', commitment: { databaseId: commitmentId, version: 2 } },
    ]);
  });
});
