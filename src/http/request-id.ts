import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

export interface RequestScope {
  requestId: string;
  /** The process logger with the request id bound: every line it writes carries the id. */
  logger: Logger;
}

// Code that runs for a request but is handed no context (Apollo's error formatting and context-failure
// hooks, the HTTP error handler) finds the request's id and logger here.
const scope = new AsyncLocalStorage<RequestScope>();

/** The scope of the request being handled, if any. */
export function currentRequest(): RequestScope | undefined {
  return scope.getStore();
}

/**
 * Reuses a well-formed X-Request-Id from a proxy, or makes one; it goes back in the response header, into
 * res.locals (requestId, logger) and into the request's async scope.
 */
export function requestId(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.header('x-request-id');
    const id = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const requestScope: RequestScope = { requestId: id, logger: logger.child({ requestId: id }) };
    res.locals.requestId = id;
    res.locals.logger = requestScope.logger;
    res.setHeader('X-Request-Id', id);
    scope.run(requestScope, next);
  };
}
