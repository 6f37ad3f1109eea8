// Collects a server's log lines (pino JSON) so that a test can assert what a request logged.
import { Writable } from 'node:stream';

export interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  [key: string]: unknown;
}

export interface LogCapture {
  stream: Writable;
  lines(): LogLine[];
}

export function captureLogs(): LogCapture {
  const lines: LogLine[] = [];
  let partial = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const text = partial + chunk.toString('utf8');
      const complete = text.split('\n');
      partial = complete.pop() ?? '';
      for (const line of complete) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { stream, lines: () => [...lines] };
}
