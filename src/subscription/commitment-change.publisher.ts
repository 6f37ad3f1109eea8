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
   * (a round trip fewer): each member of the change is an expression of that statement (the id of the
   * history row it inserts, the partnership of the row it updates). The payload is the very text `publish`
   * sends for the same change: JSON.stringify's, keys in the order of CommitmentChange.
   */
  notification(change: Record<keyof CommitmentChange, Prisma.Sql>): Prisma.Sql {
    const members = Object.entries(change).map(([name, value], index) => Prisma.sql`${Prisma.raw(`'${index ? ',' : '{'}"${name}":'`)} || to_json(${value})::text`);
    return Prisma.sql`pg_notify(${CHANNEL}, ${Prisma.join(members, ' || ')} || '}')`;
  }
}
