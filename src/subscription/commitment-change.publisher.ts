// The write path's side of subscriptions: a NOTIFY sent inside the write's own transaction. PostgreSQL
// delivers it to the listeners when, and only if, the transaction commits, so a subscriber never hears of
// a write that was rolled back, and hears of a committed one on every server instance.
import type { Prisma } from '../database/prisma';
import { CHANNEL, type CommitmentChange } from './commitment-change';

export class CommitmentChangePublisher {
  async publish(tx: Prisma.TransactionClient, change: CommitmentChange): Promise<void> {
    await tx.$executeRaw`SELECT pg_notify(${CHANNEL}, ${JSON.stringify(change)})`;
  }
}
