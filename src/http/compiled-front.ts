// The compiled fast path (compiled-fast-path.ts) in front of Express's router. A POST to /graphql runs the
// middleware the /graphql route would run for it (request id, access log, response metrics, CORS, deadline,
// JSON body), the same functions, called one after the other here instead of through the router, whose
// layer walk, path matching and per-layer closures were 5-6% of a repeated read's CPU (this costs 2-3%:
// bench/results/2026-12-08-S-commitment-profile.md). The Express app sees a request the fast path hands on
// with those middleware already run, and runs each only once (`once`); every other request goes to the app
// as before.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { ErrorRequestHandler, Express, NextFunction, Request, RequestHandler, Response } from 'express';

/** The handler, run at most once per request, wherever it is called from (the front, then the app's routes). */
export function once(handler: RequestHandler): RequestHandler {
  const ran = Symbol('ran');
  return (req, res, next) => {
    const locals = res.locals as Record<symbol, boolean>;
    if (locals[ran]) return next();
    locals[ran] = true;
    handler(req, res, next);
  };
}

export interface FrontOptions {
  app: Express;
  /** The /graphql route's middleware up to the fast path, each wrapped in once(), as the app also runs them. */
  stack: RequestHandler[];
  /** The fast path, wrapped in once(): the last of the stack, which hands on to the app by calling next(). */
  fastPath: RequestHandler;
  /** The route's error handler, for an error raised in the stack (a body too large, not JSON). */
  onError: ErrorRequestHandler;
}

export function compiledFront({ app, stack, fastPath, onError }: FrontOptions): RequestListener {
  const handlers = [...stack, fastPath];
  return (incoming: IncomingMessage, outgoing: ServerResponse) => {
    // Exactly the route's path: /graphql/ or with a query string is the router's to match.
    if (incoming.method !== 'POST' || incoming.url !== '/graphql') return app(incoming, outgoing);
    // What app.handle and the router do before a route, so that req.ip (with 'trust proxy'), req.originalUrl,
    // res.locals and the response helpers behave as on the route.
    const req = Object.setPrototypeOf(incoming, app.request) as Request;
    const res = Object.setPrototypeOf(outgoing, app.response) as Response;
    req.res = res;
    res.req = req;
    req.originalUrl = incoming.url;
    req.baseUrl = '';
    res.locals = Object.create(null) as Response['locals'];
    let position = 0;
    const next: NextFunction = (error?: unknown) => {
      if (error !== undefined && error !== 'route' && error !== 'router') {
        // As Express's final handler does with an error after the answer has begun: the socket is closed.
        onError(error, req, res, () => req.socket.destroy());
        return;
      }
      const handler = handlers[position++];
      if (!handler) return app(req, res);
      // As the router's layers do: a handler that throws passes its error on.
      try {
        handler(req, res, next);
      } catch (thrown) {
        next(thrown ?? new Error('a middleware threw a nullish value'));
      }
    };
    next();
  };
}
