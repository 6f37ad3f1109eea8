import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: 'commitment-tracker', ...base },
    // Secrets never reach the log, even when a whole request or config object is logged.
    redact: { paths: ['req.headers.authorization', '*.password', '*.apiKey', 'key'], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
