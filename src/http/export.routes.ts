// GET /export/commitments.csv | .json | .ndjson: every commitment the `commitments` query's filter selects,
// streamed. Read access as for the API (a credential, or anonymous when PUBLIC_READ allows), charged to the
// caller's query budget; refusals in the GraphQL error shape, as every HTTP-level refusal here.
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { Router, type Request, type Response } from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { Authenticator } from '../auth/authenticator';
import type { Viewer } from '../auth/viewer';
import type { CommitmentExportService } from '../commitment/commitment-export.service';
import type { CommitmentExportQuery } from '../commitment/commitment.queries';
import { commitmentExportDecoder } from '../commitment/api/commitment-export.decoder';
import { CSV_COLUMNS, toCsvRow, toExportRecord, type CommitmentExportRecord } from '../commitment/api/commitment-export.mapper';
import { toLocalDate } from '../common/dates';
import { DomainError, ErrorCode } from '../common/errors';
import type { Logger } from '../logger';
import { callerOf, RateLimitedError, type RateLimits } from '../rate-limit/rate-limit.plugin';
import { HttpErrorCode, type HttpErrorListener } from './http-errors';

interface Format {
  contentType: string;
  /** Turn records into the response's text, in this order. */
  writers(): Transform[];
}

const FORMATS: Record<string, Format> = {
  csv: { contentType: 'text/csv; charset=utf-8; header=present', writers: csvWriters },
  json: { contentType: 'application/json; charset=utf-8', writers: () => [jsonArrayWriter()] },
  ndjson: { contentType: 'application/x-ndjson; charset=utf-8', writers: () => [lineWriter()] },
};

export interface ExportDependencies {
  schema: GraphQLSchema;
  /** The export service, or, with replicas, the one on the database this caller's reads go to (db/replicas.ts). */
  exports: CommitmentExportService | ((viewer: Viewer, clientAddress: string) => CommitmentExportService);
  authenticator: Authenticator;
  rateLimits: RateLimits;
  logger: Logger;
  onError: HttpErrorListener;
}

export function exportRoutes({ schema, exports, authenticator, rateLimits, logger, onError }: ExportDependencies): Router {
  const decode = commitmentExportDecoder(schema);
  const router = Router();

  const refuse = (res: Response, status: number, code: string, message: string, extensions: Record<string, unknown> = {}) => {
    onError(code);
    res.status(status).json({ errors: [{ message, extensions: { code, ...extensions } }] });
  };

  for (const [extension, format] of Object.entries(FORMATS)) {
    router.get(`/commitments.${extension}`, async (req: Request, res: Response) => {
      const log: Logger = res.locals.logger ?? logger;
      let viewer: Viewer;
      try {
        viewer = await authenticator.viewerFor(req.headers.authorization, log);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        // The authenticator's refusals carry their HTTP status and headers (401, WWW-Authenticate) for Apollo.
        const http = error.extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
        for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
        refuse(res, http?.status ?? 401, String(error.extensions.code), error.message);
        return;
      }
      let query: CommitmentExportQuery;
      try {
        query = decode(req.query as Record<string, unknown>);
        // After decoding: a request refused for its input did no work, so it costs nothing.
        await rateLimits.chargeExport(callerOf(viewer, req.ip ?? req.socket.remoteAddress ?? 'unknown'));
      } catch (error) {
        if (error instanceof RateLimitedError) {
          res.setHeader('Retry-After', String(error.retryAfter));
          refuse(res, 429, error.code, error.message, { retryAfter: error.retryAfter });
          return;
        }
        if (!(error instanceof DomainError) || error.code !== ErrorCode.BAD_USER_INPUT) throw error;
        refuse(res, 400, error.code, error.message, { field: error.field });
        return;
      }

      const service = typeof exports === 'function' ? exports(viewer, req.ip ?? req.socket.remoteAddress ?? 'unknown') : exports;
      const batches = service.batches(query);
      // The first batch is read before anything is sent, so that a failure there is still an error response.
      const first = await batches.next();
      res.attachment(`commitments-${toLocalDate(new Date())}.${extension}`);
      res.setHeader('Content-Type', format.contentType);
      res.setHeader('Cache-Control', 'no-store');
      async function* records(): AsyncGenerator<CommitmentExportRecord> {
        if (first.done) return;
        for (const row of first.value) yield toExportRecord(row);
        for await (const batch of batches) for (const row of batch) yield toExportRecord(row);
      }
      try {
        await pipeline([Readable.from(records()), ...format.writers(), res]);
      } catch (error) {
        // A client that went away ends the pipeline (and the batches) early: nothing failed.
        if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
        // Headers and part of the body are out: pipeline has cut the connection, so that the client sees a
        // failed download, never a file that looks complete.
        log.error({ err: error }, 'export failed while streaming');
        onError(HttpErrorCode.INTERNAL_SERVER_ERROR);
      }
    });
  }
  return router;
}

function csvWriters(): Transform[] {
  const toRows = new Transform({
    writableObjectMode: true,
    readableObjectMode: true,
    transform(record: CommitmentExportRecord, _encoding, done) {
      done(null, toCsvRow(record));
    },
  });
  // RFC 4180: CRLF between records, a cell quoted when it holds a comma, a quote or a line break.
  const csv = stringify({ header: true, columns: CSV_COLUMNS.map(([name]) => name), record_delimiter: 'windows' });
  return [toRows, csv];
}

/** A JSON array, one element per line, written as the records come: `[\n{…},\n{…}\n]\n`. */
function jsonArrayWriter(): Transform {
  let count = 0;
  return new Transform({
    writableObjectMode: true,
    transform(record: CommitmentExportRecord, _encoding, done) {
      done(null, `${count++ === 0 ? '[\n' : ',\n'}${JSON.stringify(record)}`);
    },
    flush(done) {
      done(null, count === 0 ? '[]\n' : '\n]\n');
    },
  });
}

function lineWriter(): Transform {
  return new Transform({
    writableObjectMode: true,
    transform(record: CommitmentExportRecord, _encoding, done) {
      done(null, `${JSON.stringify(record)}\n`);
    },
  });
}
