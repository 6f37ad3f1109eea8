// The write path's side of subscriptions: a NOTIFY sent inside the write's own transaction. PostgreSQL
// delivers it to the listeners when, and only if, the transaction commits, so a subscriber never hears of
// a write that was rolled back, and hears of a committed one on every server instance.
import { Prisma } from '../generated/prisma/client';
import { CHANNEL, type CommitmentChange } from '../commitment/commitment-change';

export class CommitmentChangePublisher {
  async publish(tx: Prisma.TransactionClient, change: CommitmentChange): Promise<void> {
    await tx.$executeRaw`SELECT pg_notify(${CHANNEL}, ${JSON.stringify(change)})`;
  }

  /**
   * The same NOTIFY as an SQL expression, for a write that announces itself in the statement that writes
   * (a round trip fewer): `statusChangeId` is an integer expression of that statement, e.g. the id of the
   * history row it inserts. The payload is the very text `publish` sends for the same change.
   */
  notification(change: Omit<CommitmentChange, 'statusChangeId'>, statusChangeId: Prisma.Sql): Prisma.Sql {
    const { kind, commitmentId, partnershipId, pillarId } = change;
    const head = `${JSON.stringify({ kind, commitmentId, partnershipId, pillarId }).slice(0, -1)},"statusChangeId":`;
    return Prisma.sql`pg_notify(${CHANNEL}, ${head}::text || (${statusChangeId})::text || '}')`;
  }
}
