// Checks that the servers answer every benchmark operation with the same data, before anything is timed.
//
//   node verify.mjs [--size S] [--database-url URL] [--servers ours,postgraphile,floor] [--ids 10] [--write]
//
// Starts the servers on the bench database of that size (made by `npm run bench:data -- --size S`), sends
// each read operation once to each server that has it, brings the answers to one form (operations.mjs)
// and compares them with the first server's. Commitments are checked at several ids. --write also sends
// one status change to each server (on different commitments) and checks what each wrote.
import { parseArgs } from 'node:util';
import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';
import { OPERATIONS, STATUS_FIELDS } from './operations.mjs';
import { exitOnMissingDatabase, requireSetup } from './preflight.mjs';
import { BENCH_DIR, benchDatabaseUrl, createEditorKey, send, startServer } from './servers.mjs';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: 'S' },
    'database-url': { type: 'string' },
    servers: { type: 'string', default: 'ours,postgraphile,floor' },
    ids: { type: 'string', default: '10' },
    write: { type: 'boolean', default: false },
  },
});
const databaseUrl = args['database-url'] ?? benchDatabaseUrl(args.size);
const kinds = args.servers.split(',');
const logDir = path.join(BENCH_DIR, 'results', 'logs');
// pg is imported only after the check, so that a fresh clone is told which set-up step it lacks.
requireSetup({ kinds, wrk: false });
const { default: pg } = await import('pg');

/** The first path at which a and b differ, or null. */
function firstDifference(a, b, at = '$') {
  if (isDeepStrictEqual(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${at}: ${JSON.stringify(a)?.slice(0, 120)} ≠ ${JSON.stringify(b)?.slice(0, 120)}`;
  }
  if (Array.isArray(a) && a.length !== b.length) return `${at}: ${a.length} items ≠ ${b.length} items`;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const difference = firstDifference(a[key], b[key], `${at}.${key}`);
    if (difference) return difference;
  }
  return `${at}: differ`;
}

const db = new pg.Client({ connectionString: databaseUrl });
let n;
try {
  await db.connect();
  ({ rows: [{ n }] } = await db.query('SELECT max(id)::int AS n FROM commitment'));
} catch (error) {
  exitOnMissingDatabase(error, { size: args.size.toUpperCase(), databaseUrl });
  throw error;
}
// 1, 2, the middle, the last, and others spread by a fixed multiplicative hash.
const ids = [...new Set([1, 2, Math.ceil(n / 2), n, ...Array.from({ length: Math.max(0, Number(args.ids) - 4) }, (_, i) => 1 + ((i + 1) * 2654435761) % n)])];

const servers = {};
let failures = 0;
try {
  for (const kind of kinds) {
    servers[kind] = await startServer(kind, { databaseUrl, logFile: path.join(logDir, `verify-${kind}.log`) });
    console.log(`started ${kind} (pid ${servers[kind].pid}) on ${servers[kind].url}`);
  }
  // The floor's timeline from the raw history and from the per-pillar rollup, as further "servers" for the
  // timeline only: checks of the per-partnership rollup it reads.
  if (servers.floor) servers['floor-scan'] = servers['floor-pillars'] = servers.floor;

  const results = [];
  for (const [name, operation] of Object.entries(OPERATIONS)) {
    if (operation.write) continue;
    const paramSets = name === 'commitment' ? ids.map((id) => ({ id })) : [{}];
    for (const params of paramSets) {
      let reference = null;
      for (const [kind, request] of Object.entries(operation.request)) {
        const server = servers[kind];
        if (!server) continue;
        const t0 = performance.now();
        const { status, bytes, json } = await send(server, request(params));
        const ms = performance.now() - t0;
        let verdict;
        if (status !== 200 || json.errors) {
          verdict = `ERROR ${status} ${JSON.stringify(json.errors ?? json).slice(0, 300)}`;
        } else {
          const normalised = operation.normalise[kind](json.data);
          if (!reference) {
            reference = { kind, normalised };
            verdict = 'reference';
          } else {
            const difference = firstDifference(reference.normalised, normalised);
            verdict = difference ? `DIFFERS from ${reference.kind} at ${difference}` : `same as ${reference.kind}`;
          }
        }
        if (verdict.startsWith('ERROR') || verdict.startsWith('DIFFERS')) failures++;
        results.push({ operation: name + (params.id ? ` #${params.id}` : ''), server: kind, bytes, ms: ms.toFixed(0), verdict });
      }
    }
  }
  console.table(results);

  if (args.write) failures += await checkWrites();
} finally {
  for (const server of Object.values(servers)) await server.stop();
  await db.end();
}
console.log(failures ? `${failures} check(s) failed` : 'All servers returned the same data.');
process.exit(failures ? 1 : 0);

/** One status change per server, on commitments in IN_PROGRESS or PARTIALLY_COMPLETED; checks what was written. */
async function checkWrites() {
  const operation = OPERATIONS.updateStatus;
  const headers = servers.ours ? { ours: { authorization: `Bearer ${await createEditorKey(databaseUrl)}` } } : {};
  const { rows } = await db.query(`SELECT id, status, version FROM commitment WHERE status IN ('IN_PROGRESS', 'PARTIALLY_COMPLETED') AND archived_at IS NULL
    ORDER BY id DESC LIMIT $1`, [kinds.length]);
  const today = new Date().toISOString().slice(0, 10);
  let failed = 0;
  for (const [i, kind] of kinds.entries()) {
    const row = rows[i];
    const toStatus = row.status === 'IN_PROGRESS' ? 'PARTIALLY_COMPLETED' : 'IN_PROGRESS';
    const { status, json } = await send(servers[kind], operation.request[kind]({ id: row.id, fromStatus: row.status, toStatus, effectiveOn: today, n: i }), headers[kind]);
    const { rows: [after] } = await db.query(`SELECT c.status, c.version, c.status_since::text AS since, h.from_status, h.to_status, h.effective_on::text AS effective_on
      FROM commitment c JOIN LATERAL (SELECT * FROM status_change WHERE commitment_id = c.id ORDER BY effective_on DESC, id DESC LIMIT 1) h ON TRUE
      WHERE c.id = $1`, [row.id]);
    const ok = status === 200 && !json.errors && operation.normalise[kind](json.data).toStatus === toStatus && operation.normalise[kind](json.data).errors === 0
      && after.status === toStatus && after.since === today && after.from_status === row.status && after.to_status === toStatus && after.effective_on === today;
    const versionNote = after.version === row.version + 1 ? 'version +1' : `version ${row.version} → ${after.version}`;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${kind}: commitment ${row.id} ${row.status} → ${toStatus} (${versionNote})${ok ? '' : ` ${JSON.stringify(json).slice(0, 400)} ${JSON.stringify(after)}`}`);
    if (!ok) failed++;
  }
  return failed;
}

export { STATUS_FIELDS };
