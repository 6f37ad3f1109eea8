// Which changes a subscription is sent, and from where. A commitmentChanged subscription's filter is the
// same CommitmentFilter as the lists', compiled by the same compiler and evaluated by PostgreSQL against
// the commitment as the change's write left it (the outbox's snapshot), so "the commitments this filter
// selects" means the same live as in a query, however many writes have followed since. A subscription that
// names the last event it saw (afterEventId) is first sent what it missed, from the outbox, then the live
// feed, without a gap or a repeat between the two.
import { type CommitmentChange, CommitmentChangeKind } from '../commitment/commitment-change';
import { DomainError, ErrorCode, InvalidInputError } from '../common/errors';
import { changeEventMatches, readChangeEventBounds, readChangeEventsAfter } from '../db/change-event.sql';
import { compileCommitmentFilter, type CommitmentFilterQuery } from '../db/commitment-filter';
import type { PrismaClient } from '../db/prisma';
import { type ChangeEvent, ChangeFeed, type LiveChanges, SubscriberFellBehindError, storedChangeEvent } from './change-feed';

/** The partnership and pillar a statusChanged subscription is limited to (database ids). */
export interface StatusChangeScope {
  partnershipId?: number;
  pillarId?: number;
}

/** What a subscription stream yields: a change, or the error that ends it (sent as the last result). */
export type SubscriptionItem = ChangeEvent | { error: DomainError };

export class EventsExpiredError extends DomainError {
  constructor(afterEventId: bigint, prunedThrough: bigint) {
    super(
      ErrorCode.EVENTS_EXPIRED,
      `afterEventId ${afterEventId} is older than the changes this server keeps (they start after ${prunedThrough}): ` +
        'reload what you show, then subscribe again without afterEventId.',
      ['afterEventId'],
      { prunedThrough: prunedThrough.toString() },
    );
  }
}

const REPLAY_BATCH = 500;

export class SubscriptionService {
  constructor(
    private readonly prisma: PrismaClient,
    /** This instance's live changes, fed by its CommitmentChangeListener. */
    readonly feed: ChangeFeed = new ChangeFeed(),
  ) {}

  /**
   * Whether the changed commitment, as the change left it, is one the filter selects. An archived
   * commitment is left out of every filter without includeArchived, but the news that one was archived is
   * what a subscriber watching it needs: for ARCHIVED, archived commitments are included.
   */
  async matches(change: ChangeEvent, filter: CommitmentFilterQuery | undefined): Promise<boolean> {
    if (!filter) return true;
    const effective = change.kind === CommitmentChangeKind.ARCHIVED ? { ...filter, includeArchived: true } : filter;
    return changeEventMatches(this.prisma, change.eventId, compileCommitmentFilter(effective));
  }

  /** Whether a change is a status change within the scope. Decided on the notification's ids alone: no query. */
  isStatusChangeIn(change: CommitmentChange, { partnershipId, pillarId }: StatusChangeScope): boolean {
    return (
      change.kind === CommitmentChangeKind.STATUS_CHANGED &&
      (partnershipId === undefined || change.partnershipId === partnershipId) &&
      (pillarId === undefined || change.pillarId === pillarId)
    );
  }

  /**
   * Where a subscription starts: `afterEventId` checked against what the outbox holds. Refused when it is
   * not an event id, is beyond the last id handed out (a forged or foreign one), or is older than the
   * retention window (EVENTS_EXPIRED: what came between is gone, only a reload restores it).
   */
  async resumePoint(afterEventId: string | null | undefined): Promise<bigint | undefined> {
    if (afterEventId == null) return undefined;
    if (!/^(0|[1-9][0-9]{0,18})$/.test(afterEventId)) {
      throw new InvalidInputError('afterEventId must be the eventId of a change this API sent (a decimal number)', ['afterEventId']);
    }
    const after = BigInt(afterEventId);
    const { prunedThrough, lastIssued } = await readChangeEventBounds(this.prisma);
    if (after > lastIssued) throw new InvalidInputError(`afterEventId ${after} is not an event this server sent: the last one is ${lastIssued}`, ['afterEventId']);
    if (after < prunedThrough) throw new EventsExpiredError(after, prunedThrough);
    return after;
  }

  /**
   * The changes `accepts` keeps: after `after` when given (replayed from the outbox in commit order), then
   * live. The live feed is opened first, so a change committed during the replay is in the one or the
   * other; one in both is sent once (ids are in commit order, so "at or below the last sent" is a repeat).
   * Closing the stream (return(), when the client completes or goes) closes the live feed first: an async
   * generator waiting for the next change would otherwise hold back its own return() until one came.
   */
  changes(after: bigint | undefined, accepts: (event: ChangeEvent) => Promise<boolean>): AsyncIterableIterator<SubscriptionItem> {
    const live = this.feed.listen();
    const stream = this.stream(live, after, accepts);
    return {
      next: () => stream.next(),
      return: async () => {
        await live.return();
        return stream.return(undefined);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  private async *stream(live: LiveChanges, after: bigint | undefined, accepts: (event: ChangeEvent) => Promise<boolean>): AsyncGenerator<SubscriptionItem, undefined> {
    try {
      let last = after;
      if (last !== undefined) {
        for (;;) {
          const stored = await readChangeEventsAfter(this.prisma, last, REPLAY_BATCH);
          for (const event of stored.map(storedChangeEvent)) {
            last = event.eventId;
            if (await accepts(event)) yield event;
          }
          if (stored.length < REPLAY_BATCH) break;
        }
      }
      try {
        for await (const event of live) {
          if (last !== undefined && event.eventId <= last) continue;
          last = event.eventId;
          if (await accepts(event)) yield event;
        }
      } catch (error) {
        if (!(error instanceof SubscriberFellBehindError)) throw error;
        yield { error };
      }
    } finally {
      await live.return();
    }
    return undefined;
  }
}
