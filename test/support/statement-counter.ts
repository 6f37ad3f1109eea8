// A TCP proxy in front of PostgreSQL that counts the statements reaching the server, read off the wire
// protocol: whatever issues them (Prisma's query compiler, the pg driver, a transaction's BEGIN), each
// simple Query ('Q') and each extended-protocol Execute ('E') is one statement PostgreSQL runs. Parse
// messages ('P') carry the SQL, kept so that a failing count can show what ran; a named prepared statement
// is parsed once per connection, so its SQL is remembered by name and listed again at each Bind ('B').
// The rate-limit store's connections (application_name ct-rate-limit) are passed through uncounted: its one
// counter update per request is the same for every request, and not the request's work being measured.
import net from 'node:net';
import { RATE_LIMIT_APPLICATION_NAME } from '../../src/rate-limit/rate-limit.store';

export interface StatementCounter {
  /** A connection URL like the target, but through the counter. */
  url: string;
  /** Statements executed since the last reset. */
  count(): number;
  /** The SQL of the statements parsed since the last reset. */
  statements(): string[];
  reset(): void;
  close(): Promise<void>;
}

// Untyped messages a client may send first: SSLRequest, GSSENCRequest, CancelRequest; then StartupMessage.
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

export async function startStatementCounter(targetUrl: string): Promise<StatementCounter> {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  let executed = 0;
  let parsed: string[] = [];

  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    let pending = Buffer.alloc(0);
    let startup = true;
    let uncounted = false;
    const prepared = new Map<string, string>();
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      if (uncounted) return;
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        if (startup) {
          if (pending.length < 8) break;
          const length = pending.readInt32BE(0);
          if (pending.length < length) break;
          const code = pending.readInt32BE(4);
          startup = code === SSL_REQUEST || code === GSSENC_REQUEST;
          // StartupMessage: protocol version, then NUL-terminated name/value pairs.
          const parameters = pending.toString('utf8', 8, length).split('\0');
          const name = parameters.indexOf('application_name');
          if (!startup && name >= 0 && parameters[name + 1] === RATE_LIMIT_APPLICATION_NAME) {
            uncounted = true;
            return;
          }
          pending = pending.subarray(length);
          continue;
        }
        if (pending.length < 5) break;
        const type = String.fromCharCode(pending[0]!);
        const length = pending.readInt32BE(1);
        if (pending.length < 1 + length) break;
        const body = pending.subarray(5, 1 + length);
        if (type === 'Q' || type === 'E') executed += 1;
        if (type === 'Q') parsed.push(body.toString('utf8', 0, body.indexOf(0)));
        if (type === 'P') {
          const nameEnd = body.indexOf(0);
          const name = body.toString('utf8', 0, nameEnd);
          const sql = body.toString('utf8', nameEnd + 1, body.indexOf(0, nameEnd + 1));
          if (name) prepared.set(name, sql);
          else parsed.push(sql);
        }
        if (type === 'B') {
          const portalEnd = body.indexOf(0);
          const name = body.toString('utf8', portalEnd + 1, body.indexOf(0, portalEnd + 1));
          const sql = name ? prepared.get(name) : undefined;
          if (sql !== undefined) parsed.push(sql);
        }
        pending = pending.subarray(1 + length);
      }
    });
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as net.AddressInfo).port);

  return {
    url: url.toString(),
    count: () => executed,
    statements: () => [...parsed],
    reset() {
      executed = 0;
      parsed = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
