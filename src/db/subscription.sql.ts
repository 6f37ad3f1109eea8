import { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from './prisma';

/** Whether the commitment `commitmentId`, as committed, meets `where` (the filter compiler's condition on `c`). */
export async function commitmentMatches(prisma: PrismaClient, commitmentId: number, where: Prisma.Sql): Promise<boolean> {
  const [row] = await prisma.$queryRaw<{ matches: boolean }[]>(
    Prisma.sql`SELECT EXISTS (SELECT 1 FROM commitment c WHERE c.id = ${commitmentId}::int AND ${where}) AS matches`,
  );
  return row!.matches;
}
