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
  // Buffered: lines go out in writes of 4 kB or every 250 ms, whichever comes first, not one write (a
  // system call, on the request's thread) per line: under load the access log alone cost more CPU than a
  // request's SQL. pino flushes what is pending when the process exits.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 250 }));
}
