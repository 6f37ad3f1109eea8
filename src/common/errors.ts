// Domain errors carry a code from a small, stable vocabulary; the GraphQL edge (graphql/format-error.ts)
// turns them into `extensions.code`, and mutations turn expected ones into `userErrors`.
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  /** A subscription resumed from an event older than the outbox keeps: the client must reload, then subscribe afresh. */
  EVENTS_EXPIRED: 'EVENTS_EXPIRED',
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Path of the input field at fault, e.g. ['input', 'effectiveOn']. */
    readonly field?: string[],
    /** Extra facts a client can act on (the current version after a conflict, when to retry). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInputError extends DomainError {
  constructor(message: string, field?: string[], details?: Record<string, unknown>) {
    super(ErrorCode.BAD_USER_INPUT, message, field, details);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, field?: string[]) {
    super(ErrorCode.NOT_FOUND, `${what} was not found`, field);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, field?: string[], details?: Record<string, unknown>) {
    super(ErrorCode.CONFLICT, message, field, details);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Authentication is required: send Authorization: Bearer <API key or JWT>') {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Your role does not allow this operation') {
    super(ErrorCode.FORBIDDEN, message);
  }
}
