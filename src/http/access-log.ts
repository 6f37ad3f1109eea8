import type { RequestHandler } from 'express';
import type { Logger } from '../logger';

// Probes and scrapes arrive every few seconds; logged only at debug so that they do not drown the rest.
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** One line per request when its response is sent or the client goes away, with the request's id. */
export const accessLog: RequestHandler = (req, res, next) => {
  const started = process.hrtime.bigint();
  const path = req.originalUrl.split('?')[0]!;
  res.once('close', () => {
    const logger = res.locals.logger as Logger;
    const line = {
      method: req.method,
      path,
      status: res.statusCode,
      durationMs: Number((process.hrtime.bigint() - started) / 1_000n) / 1000,
      ...(!res.writableFinished && { aborted: true }),
    };
    if (QUIET_PATHS.has(path)) logger.debug(line, 'request completed');
    else logger.info(line, 'request completed');
  });
  next();
};
