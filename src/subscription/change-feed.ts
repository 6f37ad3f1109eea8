// This instance's stream of commitment changes: the listener (commitment-change.listener.ts) publishes each
// change the outbox announces, in commit order, and every open subscription reads its own buffered copy.
// A buffer per subscriber, not a shared one, because each reads at its own pace (a filter query per event,
// a slow socket); a bounded one, because a subscriber that stops reading must not hold the process's
// memory: past the bound it is ended with an error that says how to resume.
import { DomainError, ErrorCode } from '../common/errors';
import type { CommitmentChangeKind, CommitmentChangeNotice } from '../commitment/commitment-change';
import type { StoredChangeEvent } from '../db/change-event.sql';
import type { CommitmentRow } from '../db/tables/commitment';

/** A change with the commitment as its write left it, read from the outbox once per instance when first asked. */
export interface ChangeEvent extends CommitmentChangeNotice {
  commitment(): Promise<CommitmentRow | undefined>;
}

/** An event read back from the outbox, its snapshot already in hand. Its kind is one the write path wrote. */
export function storedChangeEvent({ commitment, ...fields }: StoredChangeEvent): ChangeEvent {
  return { ...fields, kind: fields.kind as CommitmentChangeKind, commitment: () => Promise.resolve(commitment) };
}

export class SubscriberFellBehindError extends DomainError {
  constructor(lastEventId: bigint | null, maxBuffered: number) {
    super(
      ErrorCode.CONFLICT,
      `The subscription fell more than ${maxBuffered} events behind and was ended; subscribe again with afterEventId ` +
        `${lastEventId === null ? '(the last eventId you received)' : `"${lastEventId}"`} to receive the rest.`,
      undefined,
      { lastEventId: lastEventId?.toString() ?? null },
    );
  }
}

/** The live changes from the moment it was opened, until closed (return()) or ended by falling behind. */
export class LiveChanges implements AsyncIterableIterator<ChangeEvent> {
  private readonly queue: ChangeEvent[] = [];
  private waiting: ((result: IteratorResult<ChangeEvent>) => void) | undefined;
  private failure: Error | undefined;
  private done = false;
  private lastTaken: bigint | null = null;

  constructor(
    private readonly detach: (changes: LiveChanges) => void,
    private readonly maxBuffered: number,
  ) {}

  push(event: ChangeEvent): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      this.lastTaken = event.eventId;
      resolve({ value: event, done: false });
    } else if (this.queue.length >= this.maxBuffered) {
      this.failure = new SubscriberFellBehindError(this.queue.at(-1)?.eventId ?? this.lastTaken, this.maxBuffered);
      this.finish();
    } else {
      this.queue.push(event);
    }
  }

  next(): Promise<IteratorResult<ChangeEvent>> {
    const event = this.queue.shift();
    if (event) {
      this.lastTaken = event.eventId;
      return Promise.resolve({ value: event, done: false });
    }
    if (this.failure) {
      const failure = this.failure;
      this.failure = undefined;
      return Promise.reject(failure);
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<ChangeEvent>> {
    this.queue.length = 0;
    this.failure = undefined;
    this.finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.detach(this);
    // A reader waits only on an empty queue, and the queue fails only when full: a waiting reader is
    // never owed the failure, only the end.
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve?.({ value: undefined, done: true });
  }
}

export class ChangeFeed {
  private readonly open = new Set<LiveChanges>();

  constructor(private readonly maxBuffered = 10_000) {}

  publish(event: ChangeEvent): void {
    for (const changes of this.open) changes.push(event);
  }

  /** The changes published from now on. Close it with return() (a for-await loop does so when left). */
  listen(): LiveChanges {
    const changes = new LiveChanges((closed) => this.open.delete(closed), this.maxBuffered);
    this.open.add(changes);
    return changes;
  }

  /** How many subscriptions read the feed now. */
  get listeners(): number {
    return this.open.size;
  }
}
