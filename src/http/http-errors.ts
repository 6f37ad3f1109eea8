// Failures that happen before or around Apollo (a body too large or not JSON, a request past its deadline)
// are answered in the same shape as GraphQL errors, so a client parses one kind of error body.
import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from '../logger';

/** Codes for refusals made at the HTTP layer; GraphQL-level codes live in common/errors.ts. */
export const HttpErrorCode = {
  BAD_REQUEST: 'BAD_REQUEST',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type HttpErrorCode = (typeof HttpErrorCode)[keyof typeof HttpErrorCode];

/** Told of every error sent from here (metrics count them by code). */
export type HttpErrorListener = (code: string) => void;

export function sendGraphQLError(
  res: Response,
  status: number,
  code: HttpErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extensions } }] });
}

/**
 * Ends a request that has not been answered within `timeoutMs` with 503 REQUEST_TIMEOUT. Node cannot stop
 * the work already started: a database statement still runs until it ends or hits statement_timeout, and a
 * write may still commit, which the message says so that the client retries with its idempotency key.
 */
export function requestDeadline(timeoutMs: number, onError: HttpErrorListener): RequestHandler {
  return (_req, res, next) => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      res.locals.deadlineExpired = true;
      res.setHeader('Connection', 'close');
      onError(HttpErrorCode.REQUEST_TIMEOUT);
      sendGraphQLError(
        res,
        503,
        HttpErrorCode.REQUEST_TIMEOUT,
        `The request did not complete within ${timeoutMs} ms. A write it carried may still be applied: ` +
          'retry with the same idempotencyKey.',
      );
    }, timeoutMs);
    res.once('close', () => clearTimeout(timer));
    next();
  };
}

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  expose?: boolean;
  limit?: number;
}

/** The last handler on the GraphQL route: body-parser refusals, late answers after the deadline, the rest masked. */
export function httpErrorHandler(logger: Logger, onError: HttpErrorListener): ErrorRequestHandler {
  return (error: BodyParserError, _req, res, next) => {
    const log: Logger = res.locals.logger ?? logger;
    if (res.headersSent) {
      // Apollo finishing a request that the deadline already answered: nothing left to tell the client.
      if (res.locals.deadlineExpired) {
        log.warn({ err: error }, 'request finished after its deadline; its answer was dropped');
        return;
      }
      next(error);
      return;
    }
    if (error.type === 'entity.too.large') {
      onError(HttpErrorCode.PAYLOAD_TOO_LARGE);
      sendGraphQLError(res, 413, HttpErrorCode.PAYLOAD_TOO_LARGE, `The request body is larger than the limit of ${error.limit} bytes`);
      return;
    }
    if (error.expose && error.status && error.status >= 400 && error.status < 500) {
      onError(HttpErrorCode.BAD_REQUEST);
      const message = error.type === 'entity.parse.failed' ? 'The request body is not valid JSON' : error.message;
      sendGraphQLError(res, error.status, HttpErrorCode.BAD_REQUEST, message);
      return;
    }
    const errorId = randomUUID();
    log.error({ err: error, errorId }, 'unexpected error');
    onError(HttpErrorCode.INTERNAL_SERVER_ERROR);
    sendGraphQLError(res, 500, HttpErrorCode.INTERNAL_SERVER_ERROR, `Internal server error. Quote error id ${errorId} when reporting it.`, { errorId });
  };
}
