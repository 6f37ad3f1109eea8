// The benchmark runner (npm run bench -- --size S|L): our server against PostGraphile and the floor, on
// the bench database of that size, one operation at a time, following the method in
// /work/shared/notes/benchmarking.md:
//
// - all servers keep running for the whole benchmark, on the same Node 22; wrk drives them (1 thread,
//   10 connections, --timeout 10s);
// - per operation: a warm-up run of each server (5 s), then >= 6 rounds of 10 s runs in alternating order
//   (A B C, C B A, A B C, …); the throughput ratio to the baseline (the first server, ours) is computed per
//   round from runs adjacent in time, and its median reported;
// - server CPU ms per request from /proc/<pid>/stat (utime + stime) around each run; database CPU ms per
//   request likewise from the backends connected to the bench database (parallel query workers, which
//   come and go, are not included); the machine's busy cores and steal time from /proc/stat, so that runs
//   disturbed by other work on the machine can be recognised;
// - every response is checked by wrk (Lua): HTTP 200, no "errors", no non-empty "userErrors" (GraphQL
//   errors come back with HTTP 200); bytes per response (headers included) are reported;
// - SQL statements per request are counted in a separate pass, on a second instance of each server
//   connected through a wire-protocol proxy (pgproxy.mjs) that counts Query and Execute messages; the
//   timed servers never go through it;
// - writes (updateStatus) go last, since they change the data: each run gets a fresh pool of commitments
//   in IN_PROGRESS or PARTIALLY_COMPLETED, toggled between the two (a commitment visited again is toggled
//   back), effective today, with evidence.
//
// The table goes to results/<date>-<size>[-<label>].md (raw numbers next to it as .json) and to stdout;
// `--report results/<file>.json` renders a result file again.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { OPERATIONS, toGlobalId } from './operations.mjs';
import { startProxy } from './pgproxy.mjs';
import { exitOnMissingDatabase, requireSetup } from './preflight.mjs';
import { BENCH_DIR, NODE22, PROJECT_DIR, benchDatabaseUrl, cpuMs, createEditorKey, send, startServer } from './servers.mjs';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: 'S' },
    'database-url': { type: 'string' },
    ops: { type: 'string', default: Object.keys(OPERATIONS).join(',') },
    servers: { type: 'string', default: 'ours,postgraphile,floor' },
    rounds: { type: 'string', default: '6' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    'no-count': { type: 'boolean', default: false },
    'base-port': { type: 'string', default: '4310' },
    report: { type: 'string' },
    label: { type: 'string' },
  },
});
const size = args.size.toUpperCase();
const databaseUrl = args['database-url'] ?? benchDatabaseUrl(size);
const kinds = args.servers.split(',');
const baseline = kinds[0];
const rounds = Number(args.rounds);
const duration = Number(args.duration);
const connections = Number(args.connections);
const basePort = Number(args['base-port']);
const opNames = args.ops.split(',').sort((a, b) => Number(Boolean(OPERATIONS[a]?.write)) - Number(Boolean(OPERATIONS[b]?.write)));
for (const name of opNames) if (!OPERATIONS[name]) throw new Error(`unknown operation ${name}; known: ${Object.keys(OPERATIONS).join(', ')}`);

// Before anything else (pg is imported only after it): a fresh clone is told which set-up step it lacks.
if (!args.report) requireSetup({ kinds });
const { default: pg } = await import('pg');

const runDir = path.join(BENCH_DIR, 'results', 'tmp');
const logDir = path.join(BENCH_DIR, 'results', 'logs');
mkdirSync(runDir, { recursive: true });
const wrk = (() => {
  try {
    return execFileSync('which', ['wrk']).toString().trim();
  } catch {
    throw new Error('wrk is missing: apt-get update && apt-get install -y wrk');
  }
})();

const db = new pg.Client({ connectionString: databaseUrl, application_name: 'bench-runner' });
let commitmentIds = [];
const today = new Date().toISOString().slice(0, 10);

const servers = {};
// Credentials per server, sent with writes only: reads go anonymous to every server (our PUBLIC_READ default),
// so that ours does not pay an API-key lookup PostGraphile and the floor never make.
const headers = {};
const headersFor = (kind, name) => (OPERATIONS[name].write ? headers[kind] : undefined);
let poolOffset = 0;

// ---------------------------------------------------------------------------------------------------

function log(line) {
  console.log(line);
}

/**
 * Our server and the API-key script import the generated Prisma client, which is not committed: a fresh clone
 * run as `node bench/run.mjs` (not through `npm run bench`, whose prebench generates it) would fail on start.
 */
function ensurePrismaClient() {
  if (existsSync(path.join(PROJECT_DIR, 'src', 'generated', 'prisma', 'client.ts'))) return;
  log('src/generated/prisma is missing: running npm run generate');
  execFileSync('npm', ['run', 'generate'], { cwd: PROJECT_DIR, stdio: 'inherit' });
}

/** The bench database must exist, be loaded, and have every migration of the project applied. */
async function checkDatabase() {
  const migrations = readdirSync(path.join(PROJECT_DIR, 'prisma', 'migrations'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  const { rows } = await db.query('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL');
  const applied = new Set(rows.map((row) => row.migration_name));
  const pending = migrations.filter((name) => !applied.has(name));
  if (pending.length) throw new Error(`The bench database lacks migrations ${pending.join(', ')}: reload it with npm run bench:data -- --size ${size}`);
}

/** Request bodies for one wrk run of an operation on a server: reads are fixed, writes get a fresh pool. */
async function requestsFor(kind, name, fresh) {
  const operation = OPERATIONS[name];
  if (name === 'commitment') return { bodies: commitmentIds.map((id) => operation.request[kind]({ id })) };
  if (!operation.write) return { bodies: [operation.request[kind]({})] };
  const pool = await writePool(fresh);
  // Visit k of item i: even visits move it to its target, odd ones back to where it was.
  return {
    bodies: pool.map((item, i) => operation.request[kind]({ id: item.id, fromStatus: item.status, toStatus: item.target, effectiveOn: today, n: i })),
    bodiesBack: pool.map((item, i) => operation.request[kind]({ id: item.id, fromStatus: item.target, toStatus: item.status, effectiveOn: today, n: i })),
  };
}

/** Commitments for status changes: the next slice of those in IN_PROGRESS or PARTIALLY_COMPLETED. */
async function writePool(count) {
  const { rows } = await db.query(`
    (SELECT id, status::text FROM commitment WHERE status IN ('IN_PROGRESS', 'PARTIALLY_COMPLETED') AND archived_at IS NULL AND id > $1 ORDER BY id LIMIT $2)
    UNION ALL
    (SELECT id, status::text FROM commitment WHERE status IN ('IN_PROGRESS', 'PARTIALLY_COMPLETED') AND archived_at IS NULL AND id <= $1 ORDER BY id LIMIT $2)
    LIMIT $2`, [poolOffset, count]);
  poolOffset = rows.length ? rows[rows.length - 1].id : 0;
  return rows.map((row) => ({ ...row, target: row.status === 'IN_PROGRESS' ? 'PARTIALLY_COMPLETED' : 'IN_PROGRESS' }));
}

const luaString = (text) => {
  let level = '';
  while (text.includes(`]${level}]`)) level += '=';
  return `[${level}[${text}]${level}]`;
};

function luaScript({ path: requestPath, headers: extra, bodies, bodiesBack }) {
  const headerTable = Object.entries({ 'Content-Type': 'application/json', ...extra }).map(([k, v]) => `[ ${luaString(k)} ] = ${luaString(v)}`).join(', ');
  return `-- generated by bench/run.mjs
local path = ${luaString(requestPath)}
local headers = { ${headerTable} }
local bodies = {
${bodies.map((body) => `  ${luaString(JSON.stringify(body))},`).join('\n')}
}
local bodiesBack = ${bodiesBack ? `{\n${bodiesBack.map((body) => `  ${luaString(JSON.stringify(body))},`).join('\n')}\n}` : 'nil'}
local n = #bodies
counter = 0
failed = 0
non200 = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

-- wrk 4.1 calls request() once per thread for a request it never sends: that call must not use up an item
-- (for writes, the item's next visit would then find the status already changed back).
primed = false

function request()
  if not primed then
    primed = true
    return wrk.format("POST", path, headers, bodies[1])
  end
  local i = counter % n
  local visit = math.floor(counter / n)
  counter = counter + 1
  local body = bodies[i + 1]
  if bodiesBack ~= nil and visit % 2 == 1 then body = bodiesBack[i + 1] end
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  elseif string.find(body, '"errors"', 1, true) or string.find(body, '"userErrors":[{', 1, true) then
    failed = failed + 1
    if os.getenv("BENCH_DEBUG") then io.stderr:write("failed: " .. body .. "\\n") end
  end
end

function done(summary, latency, requests)
  local f, s = 0, 0
  for _, thread in ipairs(threads) do
    f = f + thread:get("failed")
    s = s + thread:get("non200")
  end
  io.write(string.format('BENCH {"requests":%d,"durationUs":%d,"bytes":%d,"failed":%d,"non200":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d,"timeouts":%d,"socketErrors":%d}\\n',
    summary.requests, summary.duration, summary.bytes, f, s, latency:percentile(50), latency:percentile(99), latency.max, summary.errors.timeout,
    summary.errors.connect + summary.errors.read + summary.errors.write))
end
`;
}

function procStat() {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const [user, nice, system, idle, iowait, irq, softirq, steal] = cpu.trim().split(/\s+/).slice(1).map(Number);
  return { busy: user + nice + system + irq + softirq + steal, idle: idle + iowait, steal };
}

async function backendCpu() {
  const { rows } = await db.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  return new Map(rows.map(({ pid }) => [pid, cpuMs(pid)]));
}

/** Waits (300 ms, then up to 10 s) until no backend of the bench database but ours is running a statement. */
async function settle() {
  await new Promise((resolve) => setTimeout(resolve, 300)); // requests still on their way to the database
  for (let i = 0; i < 100; i++) {
    const { rows: [{ active }] } = await db.query(`SELECT count(*)::int AS active FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'`);
    if (active === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One wrk run; for writes a pool is drawn per run, sized for the expected throughput. */
async function runWrk(kind, name, seconds) {
  const server = servers[kind];
  const requests = await requestsFor(kind, name, 10_000);
  const script = path.join(runDir, `${kind}-${name}.lua`);
  writeFileSync(script, luaScript({ path: requests.bodies[0].path, headers: headersFor(kind, name) ?? {}, bodies: requests.bodies.map((r) => r.body), bodiesBack: requests.bodiesBack?.map((r) => r.body) }));

  const cpu0 = cpuMs(server.pid);
  const db0 = await backendCpu();
  const stat0 = procStat();
  const output = await new Promise((resolve, reject) => {
    const child = spawn(wrk, ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', script, server.url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.stderr.on('data', (chunk) => { out += chunk; });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk exited with ${code}: ${out}`))));
  });
  // wrk stops with requests in flight and abandons them; the server finishes them anyway. Wait for that,
  // so that the next run (and the next pool of commitments to write to) starts from a settled database.
  await settle();
  const stat1 = procStat();
  const db1 = await backendCpu();
  const cpu1 = cpuMs(server.pid);
  if (process.env.BENCH_DEBUG) for (const l of output.split('\n')) if (l.startsWith('failed: ') || l.startsWith('BENCH ')) console.error(`  ${kind} ${name} ${l}`);
  const line = output.split('\n').find((l) => l.startsWith('BENCH '));
  if (!line) throw new Error(`no result from wrk:\n${output}`);
  const w = JSON.parse(line.slice(6));
  let dbMs = 0;
  for (const [pid, after] of db1) dbMs += after - (db0.get(pid) ?? 0);
  const ticks = stat1.busy + stat1.idle - stat0.busy - stat0.idle;
  const cores = os.cpus().length;
  return {
    requests: w.requests,
    rps: w.requests / (w.durationUs / 1e6),
    p50Ms: w.p50Us / 1000,
    p99Ms: w.p99Us / 1000,
    maxMs: w.maxUs / 1000,
    bytesPerResponse: w.requests ? w.bytes / w.requests : 0,
    failed: w.failed + w.non200 + w.timeouts + w.socketErrors,
    failures: { graphqlErrors: w.failed, non200: w.non200, timeouts: w.timeouts, socketErrors: w.socketErrors },
    serverCpuMs: w.requests ? (cpu1 - cpu0) / w.requests : NaN,
    dbCpuMs: w.requests ? dbMs / w.requests : NaN,
    busyCores: ticks ? ((stat1.busy - stat0.busy) / ticks) * cores : NaN,
    // Busy cores not accounted for by this server and its database backends: wrk, and whatever else runs.
    otherCores: ticks ? ((stat1.busy - stat0.busy) / ticks) * cores - ((cpu1 - cpu0) + dbMs) / (w.durationUs / 1000) : NaN,
    stealPct: ticks ? ((stat1.steal - stat0.steal) / ticks) * 100 : NaN,
  };
}

/** Statements per request, on a second instance of each server behind the counting proxy. */
async function countStatements() {
  const proxyPort = basePort + 20;
  const proxy = await startProxy({ port: proxyPort, upstreamHost: new URL(databaseUrl).hostname, upstreamPort: Number(new URL(databaseUrl).port || 5432) });
  const viaProxy = new URL(databaseUrl);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxyPort);
  const counted = {};
  log('counting SQL statements per request (second instances behind pgproxy)…');
  try {
    for (const [i, kind] of kinds.entries()) {
      const server = await startServer(kind, { port: basePort + 10 + i, databaseUrl: viaProxy.toString(), logFile: path.join(logDir, `count-${kind}.log`) });
      try {
        for (const name of opNames) {
          const operation = OPERATIONS[name];
          if (!operation.request[kind]) continue;
          const { bodies, bodiesBack } = await requestsFor(kind, name, 60);
          const at = (k) => (bodiesBack && Math.floor(k / bodies.length) % 2 ? bodiesBack : bodies)[k % bodies.length];
          // Two untimed requests (connections, prepared statements), then as many as fit in ~8 s (5 to 50).
          let k = 0;
          const t0 = performance.now();
          for (; k < 2; k++) await send(server, at(k), headersFor(kind, name));
          const each = (performance.now() - t0) / 2;
          const n = Math.max(5, Math.min(50, Math.round(8000 / Math.max(each, 1))));
          const before = { ...proxy.counts };
          let failed = 0;
          const latencies = [];
          for (let j = 0; j < n; j++, k++) {
            const t1 = performance.now();
            const { status, json } = await send(server, at(k), headersFor(kind, name));
            latencies.push(performance.now() - t1);
            if (status !== 200 || json.errors || (operation.write && operation.normalise[kind](json.data).errors)) failed++;
          }
          const perRequest = (proxy.counts.statements - before.statements) / n;
          (counted[name] ??= {})[kind] = { perRequest, requests: n, failed, aloneMs: median(latencies) };
          log(`  ${kind.padEnd(13)} ${name.padEnd(13)} ${perRequest.toFixed(2)} statements/request, ${median(latencies).toFixed(1)} ms alone (${n} requests${failed ? `, ${failed} FAILED` : ''})`);
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    await proxy.close();
  }
  return counted;
}

const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const cv = (values) => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length) / mean;
};

function summarise(runs, statements, baseKind = baseline) {
  const base = runs[baseKind];
  return Object.fromEntries(Object.entries(runs).map(([kind, list]) => {
    const ratios = base && kind !== baseKind ? list.map((run) => run.rps / base.find((b) => b.round === run.round).rps).filter(Number.isFinite) : [];
    return [kind, {
      rps: median(list.map((r) => r.rps)),
      ratio: kind === baseKind ? 1 : ratios.length ? median(ratios) : NaN,
      ratioCv: ratios.length ? cv(ratios) : NaN,
      p50Ms: median(list.filter((r) => r.requests).map((r) => r.p50Ms)),
      p99Ms: median(list.filter((r) => r.requests).map((r) => r.p99Ms)),
      serverCpuMs: median(list.map((r) => r.serverCpuMs)),
      serverCpuCv: cv(list.map((r) => r.serverCpuMs)),
      dbCpuMs: median(list.map((r) => r.dbCpuMs)),
      statements: statements[kind]?.perRequest ?? NaN,
      aloneMs: statements[kind]?.aloneMs ?? NaN,
      bytes: median(list.filter((r) => r.requests).map((r) => r.bytesPerResponse)),
      emptyRuns: list.filter((r) => r.requests === 0).length,
      runs: list.length,
      failed: list.reduce((sum, r) => sum + r.failed, 0),
      requests: list.reduce((sum, r) => sum + r.requests, 0),
      busyCores: median(list.map((r) => r.busyCores)),
      otherCores: median(list.map((r) => r.otherCores)),
      stealPct: median(list.map((r) => r.stealPct)),
    }];
  }));
}

/** Which state of src/ our server ran from (others edit it while benchmarks run): a hash of its files and the newest change. */
function sourceFingerprint() {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) { if (entry.name !== 'generated') walk(file); } else if (entry.name.endsWith('.ts')) files.push(file);
    }
  };
  walk(path.join(PROJECT_DIR, 'src'));
  files.sort();
  const hash = createHash('sha256');
  let newest = 0;
  for (const file of files) {
    hash.update(file).update(readFileSync(file));
    newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return { files: files.length, sha256: hash.digest('hex').slice(0, 16), newestChange: new Date(newest).toISOString() };
}

function machineInfo() {
  const pgVersion = (() => {
    try {
      return execFileSync('psql', ['--version']).toString().trim();
    } catch {
      return 'unknown';
    }
  })();
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((l) => l.toFixed(2)).join(' '),
    node: execFileSync(NODE22, ['--version']).toString().trim(),
    postgres: pgVersion,
    wrk: (() => { try { return execFileSync(wrk, ['-v'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString().split('\n')[0]; } catch (e) { return String(e.stdout ?? '').split('\n')[0]; } })(),
  };
}

function fmt(value, digits = 1) {
  return Number.isFinite(value) ? value.toFixed(digits) : '–';
}

function report(r) {
  const lines = [
    `# Benchmark, size ${r.size} (${r.started.slice(0, 16).replace('T', ' ')} UTC)`,
    '',
    `Database ${r.databaseUrl}. Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GB; load average at start ${r.machine.loadAverage}; ` +
      `servers on Node ${r.machine.node}; ${r.machine.postgres}; ${r.machine.wrk}.` + (r.source ? ` Our server ran from src/ as it was at the start ` +
      `(${r.source.files} files, sha256 ${r.source.sha256}…, newest change ${r.source.newestChange.slice(0, 16).replace('T', ' ')} UTC).` : ''),
    '',
    `Method: wrk -t1 -c${r.settings.connections} --timeout 10s; per operation a ${r.settings.warmup} s warm-up per server, then ${r.settings.rounds} rounds of ` +
      `${r.settings.duration} s runs in alternating order (A B C, C B A, …). "× ${r.settings.baseline}": median over rounds of the throughput ratio to ` +
      `${r.settings.baseline} in the same round (CV in brackets). Latency, CPU and bytes: medians over the rounds. CPU ms/req: the server process ` +
      '(/proc/<pid>/stat) and the database backends of the bench database (parallel workers not included). Statements/req and alone ms (median latency of ' +
      'one request at a time): measured in a separate pass through a wire-protocol proxy (Query + Execute messages). Bytes/resp include HTTP headers. Failed: non-200, GraphQL errors, non-empty ' +
      'userErrors, timeouts, socket errors, over all timed runs. Busy: cores busy on the whole machine during the runs; other: those not used by ' +
      'the server under test and its database backends (wrk, parallel query workers, and anything else running on the machine: a high value ' +
      'means the run was disturbed).',
    '',
  ];
  for (const [name, op] of Object.entries(r.operations)) {
    lines.push(`## ${name}: ${op.description}`, '');
    lines.push(`| server | req/s | × ${r.settings.baseline} | p50 ms | p99 ms | alone ms | server CPU ms/req | DB CPU ms/req | statements/req | bytes/resp | failed / requests | busy cores (other) |`);
    lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const [kind, s] of Object.entries(op.summary)) {
      const rps = s.emptyRuns ? `${fmt(s.rps)} (no response within ${r.settings.duration} s in ${s.emptyRuns} of ${s.runs} runs)` : fmt(s.rps);
      const ratio = kind === r.settings.baseline ? '1' : Number.isFinite(s.ratio) ? `${fmt(s.ratio, 2)} (${fmt(s.ratioCv * 100, 0)}%)` : '–';
      lines.push(`| ${kind} | ${rps} | ${ratio} | ${fmt(s.p50Ms)} | ${fmt(s.p99Ms)} | ${fmt(s.aloneMs)} | ` +
        `${fmt(s.serverCpuMs, 2)} | ${fmt(s.dbCpuMs, 2)} | ${fmt(s.statements, 1)} | ${fmt(s.bytes, 0)} | ${s.failed} / ${s.requests} | ${fmt(s.busyCores, 2)} (${fmt(s.otherCores, 2)}) |`);
    }
    lines.push('');
  }
  lines.push(
    'Notes on equivalence (checked by `node verify.mjs`): PostGraphile\'s amber schema cannot filter on the unindexed `archived_at`, so its counts ' +
      'and lists do not leave archived commitments out (the bench data has none; its counts can be answered from the (pillar_id, status) index ' +
      'alone, ours and the floor\'s cannot); it has no timeline; its status change is two CRUD mutations (update the commitment, create the history ' +
      'entry), not one transaction, and does not bump `version`.',
    '',
  );
  return lines.join('\n');
}

async function main() {
  if (args.report) {
    // Re-render a result file with the current summary and table code.
    const results = JSON.parse(readFileSync(args.report, 'utf8'));
    for (const op of Object.values(results.operations)) op.summary = summarise(op.runs, op.statements, results.settings.baseline);
    const markdown = report(results);
    writeFileSync(args.report.replace(/\.json$/, '.md'), markdown);
    console.log(markdown);
    return;
  }
  ensurePrismaClient();
  try {
    await db.connect();
    await checkDatabase();
  } catch (error) {
    exitOnMissingDatabase(error, { size, databaseUrl });
    throw error;
  }
  const { rows: [{ maxId }] } = await db.query('SELECT max(id)::int AS "maxId" FROM commitment');
  // Commitment ids for the one-commitment operation: spread over the table by a multiplicative hash.
  commitmentIds = Array.from({ length: 1000 }, (_, i) => 1 + (((i + 1) * 2654435761) % maxId));
  const results = {
    size, databaseUrl: databaseUrl.replace(/:[^:@/]*@/, ':***@'), started: new Date().toISOString(), machine: machineInfo(),
    settings: { rounds, duration, warmup: Number(args.warmup), connections, baseline }, source: sourceFingerprint(), operations: {},
  };
  try {
    for (const [i, kind] of kinds.entries()) {
      servers[kind] = await startServer(kind, { port: basePort + i, databaseUrl, logFile: path.join(logDir, `run-${kind}.log`) });
      log(`started ${kind} (pid ${servers[kind].pid}) on ${servers[kind].url}`);
    }
    if (kinds.includes('ours') && opNames.some((name) => OPERATIONS[name].write)) {
      headers.ours = { authorization: `Bearer ${await createEditorKey(databaseUrl)}` };
    }
    const statements = args['no-count'] ? {} : await countStatements();

    for (const name of opNames) {
      const operation = OPERATIONS[name];
      const opKinds = kinds.filter((kind) => operation.request[kind]);
      if (opKinds.length === 0) continue;
      log(`\n== ${name}: ${operation.description} (${opKinds.join(', ')})`);
      for (const kind of opKinds) {
        const run = await runWrk(kind, name, Number(args.warmup));
        log(`  warm-up ${kind.padEnd(13)} ${run.rps.toFixed(1).padStart(8)} req/s${run.failed ? `  ${run.failed} FAILED` : ''}`);
      }
      const runs = Object.fromEntries(opKinds.map((kind) => [kind, []]));
      for (let round = 0; round < rounds; round++) {
        const order = round % 2 === 0 ? opKinds : [...opKinds].reverse();
        for (const kind of order) {
          const run = await runWrk(kind, name, duration);
          runs[kind].push({ round, ...run });
          log(`  round ${round + 1} ${kind.padEnd(13)} ${run.rps.toFixed(1).padStart(8)} req/s  cpu ${run.serverCpuMs.toFixed(2)} ms/req  ` +
            `db ${run.dbCpuMs.toFixed(2)} ms/req  busy ${run.busyCores.toFixed(2)} (other ${run.otherCores.toFixed(2)}) cores${run.failed ? `  ${run.failed} FAILED` : ''}`);
        }
      }
      results.operations[name] = { description: operation.description, runs, statements: statements[name] ?? {}, summary: summarise(runs, statements[name] ?? {}) };
    }
  } finally {
    for (const server of Object.values(servers)) await server.stop();
    await db.end();
  }

  results.finished = new Date().toISOString();
  const markdown = report(results);
  const base = path.join(BENCH_DIR, 'results', `${results.started.slice(0, 10)}-${size}${args.label ? `-${args.label}` : ''}`);
  writeFileSync(`${base}.md`, markdown);
  writeFileSync(`${base}.json`, JSON.stringify(results, null, 2));
  console.log(`\n${markdown}\nWritten to ${path.relative(PROJECT_DIR, base)}.md (raw: .json)`);
}

await main();
