import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Reuses a well-formed X-Request-Id from a proxy, or makes one; it goes back in the response header. */
export const requestId: RequestHandler = (req, res, next) => {
  const incoming = req.header('x-request-id');
  const id = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.locals.requestId = id;
  res.setHeader('X-Request-Id', id);
  next();
};
