// Every server instance listens on the change channel (src/db/notification-listener.ts holds the
// connection) and publishes each change the outbox announces on its ChangeFeed, where the subscriptions of
// this instance read it, in commit order. After a lost connection it reads what it missed from the outbox
// before passing on anything new, so a subscriber of this instance misses nothing while the database was
// out of reach.
import { CHANNEL, type CommitmentChangeNotice, parseCommitmentChangeNotice } from '../commitment/commitment-change';
import { readChangeEventCommitment, readChangeEventsAfter, readLastChangeEventId } from '../db/change-event.sql';
import { NotificationListener } from '../db/notification-listener';
import type { PrismaClient } from '../db/prisma';
import type { CommitmentRow } from '../db/tables/commitment';
import type { Logger } from '../logger';
import { type ChangeEvent, type ChangeFeed, storedChangeEvent } from './change-feed';

export interface ListenerOptions {
  /** First delay before reconnecting; doubled after each failure up to maxRetryDelayMs. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

const CATCH_UP_BATCH = 500;

export class CommitmentChangeListener {
  private readonly listener: NotificationListener;
  /** The last event passed on: a notification at or below it was already published (by a catch-up). */
  private lastEventId = 0n;

  constructor(
    databaseUrl: string,
    private readonly prisma: PrismaClient,
    private readonly feed: ChangeFeed,
    logger: Logger,
    options: ListenerOptions = {},
  ) {
    const republish = (payload: string | undefined) => {
      const notice = parseCommitmentChangeNotice(payload);
      if (!notice) logger.warn({ payload }, 'ignored a malformed commitment change notification');
      else this.pass(notice, () => readChangeEventCommitment(this.prisma, notice.eventId));
    };
    this.listener = new NotificationListener(databaseUrl, CHANNEL, republish, logger, {
      name: 'commitment change listener',
      applicationName: 'commitment-tracker-listener',
      ...options,
      onReconnected: () => this.catchUp(logger),
    });
  }

  /**
   * Listens before returning, so that a write made once the server is up is heard; throws if that fails.
   * Starts from the last committed event, so that a lost connection's catch-up knows where to begin.
   */
  async start(): Promise<void> {
    this.lastEventId = await readLastChangeEventId(this.prisma);
    await this.listener.start();
  }

  close(): Promise<void> {
    return this.listener.close();
  }

  private pass(notice: CommitmentChangeNotice, load: () => Promise<CommitmentRow | undefined>): void {
    if (notice.eventId <= this.lastEventId) return;
    this.lastEventId = notice.eventId;
    let snapshot: Promise<CommitmentRow | undefined> | undefined;
    // Read once for all the subscriptions of this instance, and only if one asks.
    const event: ChangeEvent = { ...notice, commitment: () => (snapshot ??= load()) };
    this.feed.publish(event);
  }

  private async catchUp(logger: Logger): Promise<void> {
    let caughtUp = 0;
    for (;;) {
      const events = await readChangeEventsAfter(this.prisma, this.lastEventId, CATCH_UP_BATCH);
      for (const event of events.map(storedChangeEvent)) this.pass(event, event.commitment);
      caughtUp += events.length;
      if (events.length < CATCH_UP_BATCH) break;
    }
    logger.info({ events: caughtUp }, 'commitment change listener caught up from the outbox');
  }
}
