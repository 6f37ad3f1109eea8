// The read benchmark with and without a streaming replica (issue 16: "with a replica, the read benchmark's
// throughput at least 1.6x one database"). It makes a private primary and its streaming replica with the
// machine's PostgreSQL 15 binaries (as test/support/streaming-replica.ts does: initdb, pg_basebackup -R, run
// as the postgres OS user when root; the shared server at 5432 is not touched), loads the bench data of
// --size into the primary, lets the replica copy it, and runs our server twice on it, both kept running:
// "primary" (DATABASE_URL only) and "replica" (DATABASE_REPLICA_URL too). Each read operation is driven by
// wrk in alternating rounds (primary, replica, replica, primary, ...; ../shared/notes/benchmarking.md), and
// the median of the per-pair ratios is reported with CPU ms per request of the server, primary and replica.
//
//   node bench/replica.mjs [--size S] [--pairs 4] [--seconds 8] [--warmup 5] [--out results/2026-12-07-replica.md]
import { execFile, execFileSync, spawn } from 'node:child_process';
import { appendFileSync, chownSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { OPERATIONS } from './operations.mjs';
import { BENCH_DIR, cpuMs, PROJECT_DIR, send, startServer } from './servers.mjs';

const run = promisify(execFile);
const args = Object.fromEntries(process.argv.slice(2).join(' ').split('--').filter(Boolean).map((part) => part.trim().split(/\s+/)));
const size = (args.size ?? 'S').toUpperCase();
const pairs = Number(args.pairs ?? 4);
const seconds = Number(args.seconds ?? 8);
const warmup = Number(args.warmup ?? 5);
const connections = 10;
const READS = ['dashboard', 'list', 'commitment'];
const PG_BIN = process.env.PG15_BIN ?? '/usr/lib/postgresql/15/bin';
const asRoot = process.getuid?.() === 0;

const log = (line) => console.log(`[replica bench] ${line}`);
const pgRun = (binary, argv) => (asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, binary), ...argv]) : run(path.join(PG_BIN, binary), argv));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** CPU ms of a cluster: its postmaster and every backend it forked (children read from /proc). */
function clusterCpuMs(dataDir) {
  const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let total = cpuMs(postmaster);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) total += cpuMs(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return total;
}

/** Busy and total jiffies of the whole machine, for the share of the cores in use. */
function machineTicks() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3] + fields[4];
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

async function makeCluster() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ct-bench-replica-'));
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'])), Number(execFileSync('id', ['-g', 'postgres'])));
  const nodes = { primary: { port: await freePort(), dataDir: path.join(dir, 'primary') }, replica: { port: await freePort(), dataDir: path.join(dir, 'replica') } };
  const start = (name) => pgRun('pg_ctl', ['-D', nodes[name].dataDir, '-l', path.join(dir, `${name}.log`), '-w', '-t', '120', 'start']);
  const stop = (name) => pgRun('pg_ctl', ['-D', nodes[name].dataDir, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
  await pgRun('initdb', ['-D', nodes.primary.dataDir, '-U', 'postgres', '--auth=trust', '--no-sync']);
  // The shared server's defaults (PostgreSQL 15, shared_buffers 128 MB), plus what streaming needs; fsync off as in the tests.
  appendFileSync(path.join(nodes.primary.dataDir, 'postgresql.conf'), `listen_addresses = '127.0.0.1'\nunix_socket_directories = '${dir}'\nfsync = off\nport = ${nodes.primary.port}\nwal_level = replica\nmax_wal_senders = 5\n`);
  await start('primary');
  return {
    dir,
    nodes,
    url: (name, database) => `postgresql://postgres@127.0.0.1:${nodes[name].port}/${database}`,
    async startReplica() {
      await pgRun('pg_basebackup', ['-h', '127.0.0.1', '-p', String(nodes.primary.port), '-U', 'postgres', '-D', nodes.replica.dataDir, '-R', '-X', 'stream', '--no-sync', '--checkpoint=fast']);
      appendFileSync(path.join(nodes.replica.dataDir, 'postgresql.conf'), `port = ${nodes.replica.port}\nhot_standby = on\n`);
      await start('replica');
    },
    async close() {
      await stop('replica');
      await stop('primary');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function luaScript(bodies) {
  const quote = (text) => `[==[${text}]==]`;
  return `local bodies = {
${bodies.map((body) => `  ${quote(JSON.stringify(body))},`).join('\n')}
}
local n = #bodies
counter = 0
failed = 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function request()
  counter = counter + 1
  return wrk.format("POST", "/graphql", { ["Content-Type"] = "application/json" }, bodies[(counter % n) + 1])
end
function response(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"', 1, true) then failed = failed + 1 end
end
function done(summary, latency, requests)
  local f = 0
  for _, thread in ipairs(threads) do f = f + thread:get("failed") end
  io.write(string.format('BENCH {"requests":%d,"durationUs":%d,"failed":%d}\\n', summary.requests, summary.duration, f))
end
`;
}

async function wrk(server, script, duration) {
  const child = spawn('wrk', ['-t1', `-c${connections}`, `-d${duration}s`, '--timeout', '10s', '-s', script, server.url], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  await new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`wrk exited with ${code}: ${out}`)))));
  const result = JSON.parse(/^BENCH (.*)$/m.exec(out)[1]);
  if (result.failed) throw new Error(`${result.failed} failed responses from ${server.url}`);
  return result;
}

async function main() {
  const started = Date.now();
  const cluster = await makeCluster();
  const servers = [];
  try {
    const database = `commitment_tracker_bench_${size.toLowerCase()}`;
    log(`loading size ${size} into the private primary on port ${cluster.nodes.primary.port}`);
    execFileSync(process.execPath, ['-r', '@swc-node/register', 'scripts/bench-data/main.ts', '--size', size, '--database-url', cluster.url('primary', 'postgres'), '--no-verify'], { cwd: PROJECT_DIR, stdio: ['ignore', 'ignore', 'inherit'] });
    await cluster.startReplica();
    const primaryUrl = cluster.url('primary', database);
    const replicaUrl = cluster.url('replica', database);
    const db = new pg.Client({ connectionString: primaryUrl });
    await db.connect();
    const commitmentIds = (await db.query('SELECT id FROM commitment WHERE archived_at IS NULL ORDER BY id LIMIT 200')).rows.map((row) => row.id);
    const postgres = (await db.query('SHOW server_version')).rows[0].server_version;
    await db.end();
    log(`primary and replica ready after ${((Date.now() - started) / 1000).toFixed(0)} s`);

    const logs = path.join(BENCH_DIR, 'results', 'logs');
    servers.push(await startServer('ours', { port: 4320, databaseUrl: primaryUrl, logFile: path.join(logs, 'replica-bench-primary.log') }));
    // The child takes the environment as it is at spawn: only the second server reads the replica.
    process.env.DATABASE_REPLICA_URL = replicaUrl;
    process.env.DB_REPLICA_CHECK_INTERVAL_MS = '1000';
    try {
      servers.push(await startServer('ours', { port: 4321, databaseUrl: primaryUrl, logFile: path.join(logs, 'replica-bench-replica.log') }));
    } finally {
      delete process.env.DATABASE_REPLICA_URL;
      delete process.env.DB_REPLICA_CHECK_INTERVAL_MS;
    }
    const [single, replicated] = servers;
    const readyz = await (await fetch(`${replicated.url}/readyz`)).json();
    if (readyz.replicas?.[0]?.state !== 'up') throw new Error(`replica not up: ${JSON.stringify(readyz)}`);

    const runs = [];
    for (const name of READS) {
      const bodies = (name === 'commitment' ? commitmentIds.map((id) => OPERATIONS[name].request.ours({ id })) : [OPERATIONS[name].request.ours({})]).map((request) => request.body);
      for (const server of servers) {
        const check = await send(server, { path: '/graphql', body: bodies[0] });
        if (check.status !== 200 || check.json.errors) throw new Error(`${name} on ${server.url}: ${JSON.stringify(check.json).slice(0, 300)}`);
      }
      const script = path.join(os.tmpdir(), `ct-replica-bench-${name}.lua`);
      writeFileSync(script, luaScript(bodies));
      for (const server of servers) await wrk(server, script, warmup);
      for (let pair = 0; pair < pairs; pair += 1) {
        const order = pair % 2 === 0 ? [single, replicated] : [replicated, single];
        for (const server of order) {
          const before = { server: cpuMs(server.pid), primary: clusterCpuMs(cluster.nodes.primary.dataDir), replica: clusterCpuMs(cluster.nodes.replica.dataDir), machine: machineTicks() };
          const result = await wrk(server, script, seconds);
          const after = { server: cpuMs(server.pid), primary: clusterCpuMs(cluster.nodes.primary.dataDir), replica: clusterCpuMs(cluster.nodes.replica.dataDir), machine: machineTicks() };
          const perRequest = (key) => (after[key] - before[key]) / result.requests;
          const run = {
            name,
            setup: server === single ? 'primary' : 'replica',
            pair,
            rps: result.requests / (result.durationUs / 1e6),
            serverMs: perRequest('server'),
            primaryMs: perRequest('primary'),
            replicaMs: perRequest('replica'),
            busyCores: ((after.machine.busy - before.machine.busy) / (after.machine.total - before.machine.total)) * os.cpus().length,
          };
          runs.push(run);
          log(`${name} ${run.setup} pair ${pair}: ${run.rps.toFixed(0)} req/s, CPU ms/request server ${run.serverMs.toFixed(2)} primary ${run.primaryMs.toFixed(2)} replica ${run.replicaMs.toFixed(2)}, ${run.busyCores.toFixed(2)} cores busy`);
        }
      }
    }
    const report = summarise(runs, { size, pairs, seconds, warmup, postgres, cores: os.cpus().length });
    console.log(report);
    if (args.out) writeFileSync(path.resolve(BENCH_DIR, args.out), report);
  } finally {
    await Promise.allSettled(servers.map((server) => server.stop()));
    await cluster.close();
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function summarise(runs, settings) {
  const rows = READS.map((name) => {
    const of = (setup) => runs.filter((run) => run.name === name && run.setup === setup);
    const ratios = of('replica').map((run) => run.rps / of('primary').find((other) => other.pair === run.pair).rps);
    const m = (setup, key) => median(of(setup).map((run) => run[key]));
    return `| ${name} | ${m('primary', 'rps').toFixed(0)} | ${m('replica', 'rps').toFixed(0)} | **${median(ratios).toFixed(2)}x** (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}) ` +
      `| ${m('primary', 'serverMs').toFixed(2)} / ${m('replica', 'serverMs').toFixed(2)} | ${m('primary', 'primaryMs').toFixed(2)} / ${m('replica', 'primaryMs').toFixed(2)} ` +
      `| ${m('replica', 'replicaMs').toFixed(2)} | ${m('primary', 'busyCores').toFixed(2)} / ${m('replica', 'busyCores').toFixed(2)} |`;
  });
  return `# Read benchmark with a streaming replica (size ${settings.size})

Command: \`npm run bench:replica -- --size ${settings.size} --pairs ${settings.pairs} --seconds ${settings.seconds}\` (bench/replica.mjs). PostgreSQL ${settings.postgres}, private primary
and streaming replica on this machine (${settings.cores} cores, shared by both databases, the server and wrk); our server on Node 22, NODE_ENV=production,
rate limits on their default PostgreSQL store. wrk -t1 -c${connections}; per operation a ${settings.warmup} s warm-up per server, then ${settings.pairs} pairs of
${settings.seconds} s runs alternating "primary" (DATABASE_URL only) and "replica" (DATABASE_REPLICA_URL too). Medians; the ratio is the median of per-pair ratios (min–max).

| read | req/s primary only | req/s with replica | ratio | server CPU ms/req (primary only / with replica) | primary CPU ms/req (primary only / with replica) | replica CPU ms/req | cores busy (primary only / with replica) |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
}

await main();
