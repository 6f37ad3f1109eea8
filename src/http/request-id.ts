import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Reuses a well-formed X-Request-Id from a proxy, or makes one; it goes back in the response header and into
 * res.locals: `requestId`, and `logger`, the process logger with the id bound, so every line it writes
 * carries the id. (Passed along explicitly rather than through AsyncLocalStorage, whose promise hooks cost
 * every request a few per cent of its CPU.)
 */
export function requestId(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.header('x-request-id');
    const id = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = id;
    res.locals.logger = logger.child({ requestId: id });
    res.setHeader('X-Request-Id', id);
    next();
  };
}
