// The one mapping from errors to what clients see. Domain errors keep their message and code; errors the
// client caused (syntax, validation, bad variables) pass through; anything else is masked: the client gets
// an error id, the log gets the id with the original error and the operation name. Prisma errors a service
// left unhandled are translated here (common/unique-violation.ts), the rest masked like any other.
import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { DomainError, ErrorCode } from '../common/errors';
import { domainErrorFromPrisma } from '../common/unique-violation';
import type { Logger } from '../logger';
import type { GraphQLContext } from './context';

const CLIENT_ERROR_CODES = new Set<string>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  ...Object.values(ErrorCode),
]);

/** Ids given to unexpected errors by the logging plugin, read back when the error is formatted. */
const errorIds = new WeakMap<object, string>();

/**
 * The domain error behind an error: thrown by a resolver, carried inside a GraphQLError by a plugin that
 * needs an HTTP status (rate limits), or translated from a Prisma error.
 */
function domainErrorOf(original: unknown): DomainError | undefined {
  if (original instanceof DomainError) return original;
  if (original instanceof GraphQLError && original.originalError instanceof DomainError) return original.originalError;
  return domainErrorFromPrisma(original);
}

function isExpected(error: unknown): boolean {
  return domainErrorOf(error) !== undefined || error instanceof ArgumentValidationError;
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const unwrapped = unwrapResolverError(error);
  const { message: _message, extensions: _extensions, ...position } = formatted;
  const original = domainErrorOf(unwrapped) ?? unwrapped;
  if (original instanceof DomainError) {
    return {
      ...position,
      message: original.message,
      extensions: { code: original.code, ...(original.field && { field: original.field }), ...original.details },
    };
  }
  if (original instanceof ArgumentValidationError) {
    const problems = original.extensions.validationErrors.flatMap((validation) =>
      Object.values(validation.constraints ?? {}).map((message) => ({ field: validation.property, message })),
    );
    return {
      ...position,
      message: `Invalid input: ${problems.map((problem) => problem.message).join('; ')}`,
      extensions: { code: ErrorCode.BAD_USER_INPUT, validationErrors: problems },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) {
    return { ...position, message: formatted.message, extensions: { code } };
  }
  const errorId = idOf(original) ?? (original instanceof GraphQLError ? idOf(original.originalError) : undefined) ?? randomUUID();
  return {
    ...position,
    message: `Internal server error. Quote error id ${errorId} when reporting it.`,
    extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
  };
}

function idOf(error: unknown): string | undefined {
  return error && typeof error === 'object' ? errorIds.get(error) : undefined;
}

/**
 * Logs an error raised while a request's context was being made (the database down while an API key is
 * checked), before any request hook can; client errors (GraphQLErrors: a refused credential) are not logged.
 */
export function logContextCreationFailure(error: unknown, logger: Logger): void {
  if (error instanceof GraphQLError || !error || typeof error !== 'object') return;
  const errorId = randomUUID();
  errorIds.set(error, errorId);
  logger.error({ err: error, errorId }, 'unexpected error');
}

/** Logs every unexpected error once, with the id its response will carry and the operation's name. */
export const errorLoggingPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, contextValue, operationName }) {
        for (const error of errors) {
          const original = unwrapResolverError(error);
          const code = error.extensions?.code;
          if (isExpected(original) || (typeof code === 'string' && CLIENT_ERROR_CODES.has(code))) continue;
          const errorId = randomUUID();
          if (original && typeof original === 'object') errorIds.set(original, errorId);
          contextValue.logger.error({ err: original, errorId, operationName, path: error.path }, 'unexpected error');
        }
      },
    };
  },
};
