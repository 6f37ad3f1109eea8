import type { Prisma } from '../generated/prisma/client';

// Two processes seeding at once (several servers starting together) take turns instead of racing on
// unique keys; the second then finds everything in place. The number is arbitrary but fixed.
const SEED_LOCK_KEY = 4_242_001;

/** Waits for any other seeding transaction to end; held until this transaction ends. */
export async function lockSeeding(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`;
}
