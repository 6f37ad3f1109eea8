// NOTIFY inside a write's own transaction: PostgreSQL delivers it to the listeners when, and only if, the
// transaction commits.
import { Prisma } from '../generated/prisma/client';

export async function notify(tx: Prisma.TransactionClient, channel: string, payload: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${channel}, ${payload})`;
}

/**
 * The NOTIFY as an SQL expression whose payload is a JSON object of SQL values, for a write that announces
 * itself in the statement that writes (a round trip fewer). The text is JSON.stringify's for an object with
 * the same members in the same order, so that listeners cannot tell it from a `notify` of that object.
 */
export function notifyJsonExpression(channel: string, members: Record<string, Prisma.Sql>): Prisma.Sql {
  const parts = Object.entries(members).map(([name, value], index) => Prisma.sql`${Prisma.raw(`'${index ? ',' : '{'}"${name}":'`)} || to_json(${value})::text`);
  return Prisma.sql`pg_notify(${channel}, ${Prisma.join(parts, ' || ')} || '}')`;
}
