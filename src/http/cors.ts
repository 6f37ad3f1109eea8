// CORS for the browser dashboards of a deployment (CORS_ORIGINS), through the `cors` middleware. An origin
// not listed gets no CORS header at all, so its browser refuses the response; Apollo's CSRF prevention runs
// behind this either way (a simple request from any page still needs JSON or a preflight header).
import cors from 'cors';
import type { RequestHandler } from 'express';
import type { CorsConfig } from '../config/config';

/** What a browser page may send: JSON bodies, a credential, Apollo's CSRF headers, a request id to trace. */
const ALLOWED_HEADERS = ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id', 'x-read-after-lsn'];
/** What a page may read of a response besides the safelisted headers: the id to quote, when to retry, the file name of an export. */
const EXPOSED_HEADERS = ['x-request-id', 'retry-after', 'content-disposition', 'x-commit-lsn'];
/** Preflights are cached by the browser this long (seconds): fewer round trips; a change of CORS_ORIGINS reaches browsers within it. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** Undefined when no origin is configured: nothing to add to any response. */
export function corsMiddleware(config: CorsConfig): RequestHandler | undefined {
  if (config.origins !== '*' && config.origins.length === 0) return undefined;
  const allowed = config.origins === '*' ? undefined : new Set(config.origins);
  const options: cors.CorsOptions = {
    // With a list (checked below), the origin that asked is reflected, with `Vary: Origin`; `*` is sent as it is.
    origin: allowed ? true : '*',
    methods: ['GET', 'POST'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    credentials: config.allowCredentials,
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
  };
  const handle = cors(options);
  return (req, res, next) => {
    // An origin not listed gets nothing from the cors package, its preflight included, which falls through to
    // the route and is answered as it would be without CORS.
    if (allowed && !(req.headers.origin !== undefined && allowed.has(req.headers.origin))) {
      // A cache must not serve this origin-less answer to an allowed origin, or the reverse.
      res.vary('Origin');
      next();
      return;
    }
    handle(req, res, next);
  };
}
