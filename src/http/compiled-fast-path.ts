// The compiled read path without Apollo's per-request pipeline. A query whose text Apollo has already parsed
// and validated, and whose plan has already answered it (execution/compiled-execution.plugin.ts), is a
// repeat: what Apollo would do for it again is either fixed by the text (parsing, validation with the depth,
// alias, directive and token limits, the plan) or is done here exactly as the plugins do it (authentication,
// the cost limit, the rate limit, the read pool, the operation metrics). So a repeated request costs: one
// lookup by its text, variables coerced, the checks, one statement, the bytes written.
//
// Anything else goes on to Apollo, unchanged: a text not seen or not compiled, a body Apollo would look at
// more closely (extensions, batches), variables that do not coerce, an operation over the cost limit, a
// refused rate limit or credential, an argument the services would refuse, a failing statement. Apollo then
// gives the answer or the coded error it always gave; the viewer (or the authentication error) and a rate
// limit already charged are handed on, so neither is done twice.
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import { getVariableValues } from 'graphql';
import type { Authenticator } from '../auth/authenticator';
import type { Viewer } from '../auth/viewer';
import type { CompiledExecution } from '../execution/compiled-execution.plugin';
import { operationCost } from '../graphql/armor';
import type { GraphQLContext } from '../graphql/context';
import type { Logger } from '../logger';
import type { Metrics } from '../observability/metrics';
import { callerOf, RateLimitedError, type RateLimits } from '../rate-limit/rate-limit.plugin';

/** What the fast path leaves in res.locals for Apollo's context, when it hands a request on. */
export interface FastPathHandover {
  /** The request's authentication, begun here: Apollo's context awaits the same promise. */
  viewer?: Promise<Viewer>;
  /** The operation's rate limit was charged here. */
  rateLimitCharged?: boolean;
}

export interface FastPathOptions {
  compiled: CompiledExecution;
  authenticator: Authenticator;
  rateLimits: RateLimits;
  maxCost: number;
  metrics: Pick<Metrics, 'countOperation'>;
  /** The read pool for a caller and its request's headers (a replica's, or undefined for the primary's). */
  readPoolFor: (client: Pick<GraphQLContext, 'viewer' | 'clientAddress'>, headers: IncomingHttpHeaders) => GraphQLContext['readPool'];
}

interface PlainRequest {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

const PLAIN_KEYS = new Set(['query', 'operationName', 'variables']);

/** A single operation's POST body with nothing Apollo would read besides the text, its name and variables. */
function plainRequest(body: unknown): PlainRequest | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const request = body as Record<string, unknown>;
  if (typeof request.query !== 'string') return undefined;
  if (request.operationName != null && typeof request.operationName !== 'string') return undefined;
  if (request.variables != null && (typeof request.variables !== 'object' || Array.isArray(request.variables))) return undefined;
  for (const key in request) if (!PLAIN_KEYS.has(key)) return undefined;
  return request as unknown as PlainRequest;
}

export function compiledFastPath({ compiled, authenticator, rateLimits, maxCost, metrics, readPoolFor }: FastPathOptions): RequestHandler {
  return async (req, res, next) => {
    const started = process.hrtime.bigint();
    if (req.method !== 'POST') return next();
    const request = plainRequest(req.body);
    const ready = request && compiled.readyFor(request.query, request.operationName);
    if (!ready) return next();
    const handover = res.locals as FastPathHandover;
    const logger = res.locals.logger as Logger;
    try {
      const authentication = (handover.viewer = authenticator.viewerFor(req.headers.authorization, logger));
      let viewer: Viewer;
      try {
        viewer = await authentication;
      } catch {
        return next();
      }
      const { schema, document, operation, plan } = ready;
      const rawVariables = request.variables ?? undefined;
      const variables = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
      if (variables.errors) return next();
      const charged = { schema, document, operation, variables: rawVariables };
      // operationCost reads these four parts of Apollo's request context (and caches per document and page sizes).
      if (operationCost({ schema, document, operation, request: { variables: rawVariables } } as unknown as Parameters<typeof operationCost>[0]) > maxCost) return next();
      const clientAddress = req.ip ?? req.socket.remoteAddress ?? 'unknown';
      try {
        await rateLimits.chargeOperation(callerOf(viewer, clientAddress), charged, true);
      } catch (error) {
        if (error instanceof RateLimitedError) return next();
        throw error;
      }
      handover.rateLimitCharged = true;
      const text = await compiled.answer(plan, variables.coerced, readPoolFor({ viewer, clientAddress }, req.headers), logger);
      if (text === null) return next();
      const body = `{"data":${text}}`;
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      metrics.countOperation(operation.name?.value, 'query', Number(process.hrtime.bigint() - started) / 1e9);
    } catch (error) {
      next(error);
    }
  };
}
