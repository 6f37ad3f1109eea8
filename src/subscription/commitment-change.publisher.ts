// The write path's side of subscriptions: a NOTIFY sent inside the write's own transaction, so a subscriber
// never hears of a write that was rolled back, and hears of a committed one on every server instance.
import { CHANNEL, type CommitmentChange } from '../commitment/commitment-change';
import { notify, notifyJsonExpression } from '../db/notify.sql';
import type { Prisma } from '../generated/prisma/client';

export class CommitmentChangePublisher {
  async publish(tx: Prisma.TransactionClient, change: CommitmentChange): Promise<void> {
    await notify(tx, CHANNEL, JSON.stringify(change));
  }

  /**
   * The same NOTIFY as an SQL expression: each member of the change is an expression of the statement that
   * writes (the id of the history row it inserts, the partnership of the row it updates), given in the key
   * order of CommitmentChange so that the payload is the very text `publish` sends.
   */
  notification(change: Record<keyof CommitmentChange, Prisma.Sql>): Prisma.Sql {
    return notifyJsonExpression(CHANNEL, change);
  }
}
