import pino, { type Logger } from 'pino';

export type { Logger };

/** Writes JSON lines to stdout, or to `destination` (tests read what a request logged). */
export function createLogger(level: string, base: Record<string, unknown> = {}, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'commitment-tracker', ...base },
    // Secrets never reach the log, even when a whole request or config object is logged.
    redact: { paths: ['req.headers.authorization', '*.password', '*.apiKey', 'key'], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  // Asynchronous: a line is handed to the kernel without blocking the request that logged it, and lines
  // logged while a write is in flight go out together (one write per batch under load, not one per line).
  // pino flushes what is pending when the process exits.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}
