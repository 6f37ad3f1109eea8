// The one mapping from errors to what clients see. Domain errors keep their message and code; errors the
// client caused (syntax, validation, bad variables) pass through; anything else is masked: the client gets
// an error id, the log gets the id with the original error and the operation name.
import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { DomainError, ErrorCode } from '../common/errors';
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

function isExpected(error: unknown): boolean {
  return error instanceof DomainError || error instanceof ArgumentValidationError;
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const { message: _message, extensions: _extensions, ...position } = formatted;
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
  const errorId = (original && typeof original === 'object' && errorIds.get(original)) || randomUUID();
  return {
    ...position,
    message: `Internal server error. Quote error id ${errorId} when reporting it.`,
    extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
  };
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
