import type { PrismaClient } from '../generated/prisma/client';

/** The cheapest statement the database must answer: a readiness probe. */
export async function ping(prisma: PrismaClient): Promise<void> {
  await prisma.$queryRaw`SELECT 1`;
}
