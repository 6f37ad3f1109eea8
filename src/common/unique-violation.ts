// The one place Prisma's error codes are read. A service that can say what clashed (which slug is taken)
// wraps its write in conflictOnUnique; whatever reaches the GraphQL edge unhandled is translated there by
// domainErrorFromPrisma, with a message naming no table, column or constraint.
import { Prisma } from '../generated/prisma/client';
import { ConflictError, NotFoundError, type DomainError } from './errors';

const PrismaErrorCode = {
  UNIQUE_VIOLATION: 'P2002',
  /** A write or a required relation needed a row that does not exist. */
  RECORD_NOT_FOUND: 'P2025',
} as const;

/** A unique constraint refused a row: two writers raced for the same slug, or the value was taken all along. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === PrismaErrorCode.UNIQUE_VIOLATION;
}

/**
 * The write, with a unique violation it raises turned into a ConflictError naming the field at fault: the
 * answer to two writers racing for the same value, which no check made beforehand can rule out.
 */
export async function conflictOnUnique<T>(write: PromiseLike<T>, message: string, field: string[]): Promise<T> {
  try {
    return await write;
  } catch (error) {
    throw isUniqueViolation(error) ? new ConflictError(message, field) : error;
  }
}

/** The domain error a Prisma error stands for, when the client caused it; undefined for any other error. */
export function domainErrorFromPrisma(error: unknown): DomainError | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  switch (error.code) {
    case PrismaErrorCode.UNIQUE_VIOLATION:
      return new ConflictError('This would duplicate a value that must be unique');
    case PrismaErrorCode.RECORD_NOT_FOUND:
      return new NotFoundError('The record this operation needs');
    default:
      return undefined;
  }
}
