import type { Prisma } from '../generated/prisma/client';

/**
 * Locks a partnership's row for the rest of the transaction, so that writes under it (its pillars'
 * positions, its latest milestone) queue. False when there is no such partnership.
 */
export async function lockPartnership(tx: Prisma.TransactionClient, id: number): Promise<boolean> {
  const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM partnership WHERE id = ${id} FOR UPDATE`;
  return locked.length > 0;
}
