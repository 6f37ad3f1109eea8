// The write path's side of subscriptions: the change recorded in the outbox inside the write's own
// transaction, so a subscriber never hears of a write that was rolled back, hears of a committed one on
// every server instance (the outbox's trigger NOTIFIES), and can replay it after a reconnect.
import type { CommitmentChange } from '../commitment/commitment-change';
import { type ChangeEventValues, insertChangeEvent, insertChangeEventSql } from '../db/change-event.sql';
import type { Prisma } from '../generated/prisma/client';

export class CommitmentChangePublisher {
  /** Records the change, with the commitment as the transaction `tx` has left it; the last thing a write does. */
  async publish(tx: Prisma.TransactionClient, change: CommitmentChange): Promise<void> {
    await insertChangeEvent(tx, change);
  }

  /**
   * The same record as an INSERT for a statement that writes and announces at once: each value is an
   * expression over `from` (the id of the history row it inserts, the row it updates).
   */
  announcement(values: ChangeEventValues, from: Prisma.Sql): Prisma.Sql {
    return insertChangeEventSql(values, from);
  }
}
