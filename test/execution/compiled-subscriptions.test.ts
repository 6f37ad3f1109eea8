// Subscription events are answered by the compiled path (src/execution/compiled-subscriptions.ts) with the
// payloads the resolvers give: the same subscriptions, on a server with compiled execution and on one
// without, are sent the same events, byte for byte, for every kind of write; and the compiled server
// reads each event with one statement, whatever the selection's nesting.
import { toGlobalId } from '../../src/relay/global-id';
import { useTestServer } from '../support/fixture';
import { openSubscriptions, type Subscription, subscriptionsPerTest } from '../support/subscription-client';
import type { TestServer } from '../support/test-server';
import { Editor } from '../timeline/timeline-helpers';

jest.setTimeout(60_000);

const suite = useTestServer({ fixtures: 'write', countStatements: true, apiKeys: { editor: 'EDITOR' } });
let resolvers: TestServer;
let editor: Editor;

beforeAll(async () => {
  resolvers = await suite.startServer({ GRAPHQL_COMPILED_EXECUTION: 'false' });
  // Writes go through the resolvers' server, which reaches PostgreSQL directly: the counter sees only what
  // the compiled server does to deliver the events.
  editor = new Editor(resolvers, suite.keys.editor.authorization);
});

const subscribe = subscriptionsPerTest(suite, () => [suite.server, resolvers]);

const COMMITMENT = `
  fragment Deep on Commitment {
    __typename id databaseId slug title description status statusSince version announcedOn archivedAt tags pillarBasis createdAt updatedAt
    assessed lastAssessedAt
    deadline { date precision }
    amounts { value currency originalText }
    partnership { slug name parties { code name } pillars { name position } }
    pillar { name commitments(first: 2) { totalCount edges { node { slug } } } }
    actors { role actor { name kind country { name } } }
    history: statusHistory(first: 3) { totalCount pageInfo { hasNextPage } edges { cursor node { fromStatus toStatus effectiveOn rationale author { kind id } evidence { url title } } } }
    evidence(first: 5) { totalCount edges { node { title url publishedOn author { kind } } } }
    partyAssessments { status countryCode }
    targets { description unit latestReading { value } }
    provenance { role quote document { slug } }
  }`;

const COMMITMENT_CHANGED = `${COMMITMENT}
  subscription Changes($withHistory: Boolean!) {
    commitmentChanged {
      __typename eventId kind
      commitment { ...Deep }
      entry: statusChange @include(if: $withHistory) { id databaseId fromStatus toStatus effectiveOn rationale correctsEntryId author { kind id name } evidence { url title publishedOn } }
    }
  }`;

const STATUS_CHANGED = `${COMMITMENT}
  subscription ($partnershipId: ID) {
    statusChanged(partnershipId: $partnershipId) {
      eventId
      commitment { ...Deep }
      statusChange { fromStatus toStatus holdsUntil recordedAt }
    }
  }`;

/** The same subscription on both servers. */
function onBoth(query: string, variables?: Record<string, unknown>) {
  return { compiled: subscribe(suite.server, query, variables), resolved: subscribe(resolvers, query, variables) };
}

/**
 * One write of each kind, each delivered to `subscriptions` before the next is made: an event's related
 * objects are read as they are when it is delivered, so both servers must read them between the same writes.
 */
/** A subscription, and how many events it has been sent after the n-th write (1: the creation). */
type Listening = [Subscription, (write: number) => number];

const everyWrite = (write: number) => write;
/** statusChanged hears only the status changes: the 2nd and the 6th writes. */
const statusWrites = (write: number) => (write >= 6 ? 2 : write >= 2 ? 1 : 0);

async function writeOneOfEach(subscriptions: Listening[]): Promise<void> {
  const commitmentId = await editor.commitment(suite.fixtures.pillarId, '2024-01-10', '2026-06-30');
  const writes = [
    () => editor.status(commitmentId, 'IN_PROGRESS', '2024-02-01'),
    () => editor.note(commitmentId, '2024-02-15', 'Talks began.'),
    () => editor.evidence(commitmentId, '2024-03-01', 'Joint report'),
    () => editor.update(commitmentId, { title: 'Renamed commitment' }),
    () => editor.status(commitmentId, 'COMPLETED', '2024-04-01'),
    () => editor.archive(commitmentId),
  ];
  const delivered = (write: number) => Promise.all(subscriptions.map(([subscription, events]) => (events(write) ? subscription.event(events(write)) : undefined)));
  await delivered(1);
  for (const [index, write] of writes.entries()) {
    await write();
    await delivered(index + 2);
  }
}

/** The same events, with the same keys in the same order (as JSON.stringify writes them). */
function expectSameEvents(compiled: Subscription, resolved: Subscription) {
  expect(compiled.errors).toEqual([]);
  expect(compiled.events).toEqual(resolved.events);
  expect(JSON.stringify(compiled.events)).toBe(JSON.stringify(resolved.events));
}

describe('compiled subscription payloads', () => {
  it('are the resolvers\' payloads for every kind of write, nested, with fragments, aliases and @include', async () => {
    const withHistory = onBoth(COMMITMENT_CHANGED, { withHistory: true });
    const without = onBoth(COMMITMENT_CHANGED, { withHistory: false });
    const statuses = onBoth(STATUS_CHANGED, { partnershipId: toGlobalId('Partnership', suite.fixtures.partnershipId) });
    await Promise.all([suite.server, resolvers].map((server) => openSubscriptions(server, 3, 'exactly')));

    await writeOneOfEach([
      ...[withHistory, without].flatMap(({ compiled, resolved }): Listening[] => [[compiled, everyWrite], [resolved, everyWrite]]),
      [statuses.compiled, statusWrites],
      [statuses.resolved, statusWrites],
    ]);
    expectSameEvents(withHistory.compiled, withHistory.resolved);
    expectSameEvents(without.compiled, without.resolved);
    expectSameEvents(statuses.compiled, statuses.resolved);

    const kinds = withHistory.compiled.events.map((event) => event.commitmentChanged.kind);
    expect(kinds).toEqual(['CREATED', 'STATUS_CHANGED', 'PROGRESS_NOTE_ADDED', 'EVIDENCE_ATTACHED', 'UPDATED', 'STATUS_CHANGED', 'ARCHIVED']);
    // The commitment as each write left it, not as it is by the time the event is read.
    expect(withHistory.compiled.events.map((event) => event.commitmentChanged.commitment.status)).toEqual([
      'ANNOUNCED', 'IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'IN_PROGRESS', 'COMPLETED', 'COMPLETED',
    ]);
    expect(withHistory.compiled.events[1]!.commitmentChanged.entry).toMatchObject({ fromStatus: 'ANNOUNCED', toStatus: 'IN_PROGRESS' });
    expect(without.compiled.events[1]!.commitmentChanged).not.toHaveProperty('entry');
  });

  it('read each event with one statement, however deep the selection', async () => {
    const only = subscribe(suite.server, COMMITMENT_CHANGED, { withHistory: true });
    await openSubscriptions(suite.server, 1, 'exactly');
    suite.counter.reset();
    await writeOneOfEach([[only, everyWrite]]);
    expect(only.events).toHaveLength(7);
    expect(suite.counter.count()).toBe(7);
  });
});
