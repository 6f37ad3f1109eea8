// Every server instance listens on the change channel (src/db/notification-listener.ts holds the
// connection) and republishes each notification on its in-process PubSub, where the subscriptions of this
// instance read it.
import { CHANNEL, COMMITMENT_CHANGED, type CommitmentPubSub, parseCommitmentChange } from '../commitment/commitment-change';
import { NotificationListener } from '../db/notification-listener';
import type { Logger } from '../logger';

export interface ListenerOptions {
  /** First delay before reconnecting; doubled after each failure up to maxRetryDelayMs. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

export class CommitmentChangeListener {
  private readonly listener: NotificationListener;

  constructor(databaseUrl: string, pubSub: CommitmentPubSub, logger: Logger, options: ListenerOptions = {}) {
    const republish = (payload: string | undefined) => {
      const change = parseCommitmentChange(payload);
      if (change) pubSub.publish(COMMITMENT_CHANGED, change);
      else logger.warn({ payload }, 'ignored a malformed commitment change notification');
    };
    this.listener = new NotificationListener(databaseUrl, CHANNEL, republish, logger, {
      name: 'commitment change listener',
      applicationName: 'commitment-tracker-listener',
      ...options,
    });
  }

  /** Listens before returning, so that a write made once the server is up is heard; throws if that fails. */
  start(): Promise<void> {
    return this.listener.start();
  }

  close(): Promise<void> {
    return this.listener.close();
  }
}
