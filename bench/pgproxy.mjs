// A pass-through TCP proxy in front of PostgreSQL that counts the SQL statements its clients send, by
// reading the frontend messages of the wire protocol: 'Q' (simple query) and 'E' (Execute of an extended-
// protocol portal; Parse/Bind/Describe/Sync are not counted). BEGIN and COMMIT count as statements.
//
// The runner starts a second instance of each server behind it for a separate counting pass, so the
// timed servers never go through it. No pg_stat_statements (not preloaded on this server) is needed.
import { createConnection, createServer } from 'node:net';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

export function startProxy({ port, upstreamHost = '127.0.0.1', upstreamPort = 5432 }) {
  const counts = { statements: 0, simple: 0, executes: 0, connections: 0 };
  const open = new Set();
  const server = createServer((client) => {
    counts.connections++;
    open.add(client);
    client.on('close', () => open.delete(client));
    // Without TCP_NODELAY on both legs, Nagle's algorithm meets delayed ACKs on multi-packet exchanges and
    // adds ~40 ms to some requests: the "alone" latencies, measured through this proxy, would show it.
    client.setNoDelay(true);
    const upstream = createConnection({ host: upstreamHost, port: upstreamPort, noDelay: true });
    upstream.pipe(client);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());

    let buffer = Buffer.alloc(0);
    let startup = true; // untyped messages (SSLRequest, StartupMessage) come first
    client.on('data', (chunk) => {
      upstream.write(chunk);
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      for (;;) {
        if (startup) {
          if (buffer.length < 8) break;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) break;
          const code = buffer.readInt32BE(4);
          buffer = buffer.subarray(length);
          if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) startup = false;
          continue;
        }
        if (buffer.length < 5) break;
        const type = String.fromCharCode(buffer[0]);
        const length = buffer.readInt32BE(1);
        if (buffer.length < length + 1) break;
        if (type === 'Q') {
          counts.simple++;
          counts.statements++;
        } else if (type === 'E') {
          counts.executes++;
          counts.statements++;
        }
        buffer = buffer.subarray(length + 1);
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        counts,
        // Pools keep their connections open: end them, or close() would wait for them.
        close: () => new Promise((done) => { server.close(() => done()); for (const socket of open) socket.destroy(); }),
      }),
    );
  });
}

