import { Prisma } from '../generated/prisma/client';

/** A unique constraint refused a row: two writers raced for the same slug, or the value was taken all along. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
