// npm run soak [-- --seconds 60 --concurrency 8 --down-seconds 3]
//
// A bounded load-and-fault run on loopback: a dedicated embedded PostgreSQL (a fresh data folder, migrated
// and seeded) behind the real server; mixed reads and writes for a fixed time; the database stopped once in
// the middle and started again. It prints requests, errors by code, p50/p99 latency, how the outage went,
// and checks that every write the server acknowledged is in the database. Exits 1 when a write was lost,
// the server did not recover, or a request failed outside the outage.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startApp } from '../src/app';
import { ApiKeyService } from '../src/auth/api-key.service';
import { Role } from '../src/common/enums';
import { loadConfig } from '../src/config/config';
import { startEmbeddedPostgres, type RunningPostgres } from '../src/db/embedded-postgres';
import { createDatabase } from '../src/db/prisma';
import { createLogger } from '../src/logger';

const USAGE = 'Usage: npm run soak -- [--seconds 60] [--concurrency 8] [--down-seconds 3]';
/** Failures are expected from the database stopping until this long after it is back (pools reconnect). */
const RECOVERY_ALLOWANCE_MS = 5_000;

interface Sample {
  kind: 'read' | 'write';
  startedAt: number;
  ms: number;
  ok: boolean;
  codes: string[];
  note?: string;
}

const READS = [
  { query: '{ commitments(first: 20) { edges { node { id title status statusSince actors { role actor { name } } } } } }' },
  { query: '{ partnerships { name level parties { code } pillars { name } } }' },
  { query: '{ commitmentStats(groupBy: PILLAR) { overall { announced completed } groups { label completionRate } } }' },
  { query: 'query ($id: ID!) { node(id: $id) { ... on Commitment { title version statusHistory(first: 5) { edges { node { toStatus effectiveOn } } } } } }', needsId: true },
];
const ADD_NOTE = 'mutation ($input: AddProgressNoteInput!) { addProgressNote(input: $input) { progressNote { id } userErrors { code message } } }';

function options() {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '60' },
      concurrency: { type: 'string', default: '8' },
      'down-seconds': { type: 'string', default: '3' },
    },
  });
  const parsed = { seconds: Number(values.seconds), concurrency: Number(values.concurrency), downSeconds: Number(values['down-seconds']) };
  if (!(parsed.seconds >= 10) || !(parsed.concurrency >= 1) || !(parsed.downSeconds >= 0) || parsed.downSeconds >= parsed.seconds / 2) {
    throw new Error(`${USAGE}\n(--seconds at least 10, --concurrency at least 1, --down-seconds below half of --seconds)`);
  }
  return parsed;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The soak's own PostgreSQL: same data folder and port, so the same URL, across a restart. */
interface RestartablePostgres {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** The data folder and the database are removed and stopped whatever happens; soak() owns the server. */
async function main(): Promise<boolean> {
  const settings = options();
  const workDir = await mkdtemp(path.join(tmpdir(), 'ct-soak-'));
  const pg = { dataDir: path.join(workDir, 'pg'), port: await freePort() };
  let running: RunningPostgres | undefined;
  try {
    running = await startEmbeddedPostgres(pg);
    const postgres: RestartablePostgres = {
      url: running.url,
      stop: async () => {
        await running?.stop();
        running = undefined;
      },
      start: async () => {
        running = await startEmbeddedPostgres(pg);
      },
    };
    return await soak(settings, postgres);
  } finally {
    await running?.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

async function soak({ seconds, concurrency, downSeconds }: ReturnType<typeof options>, postgres: RestartablePostgres): Promise<boolean> {
  const config = loadConfig({
    NODE_ENV: 'production',
    PORT: '0',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'fatal',
    DATABASE_URL: postgres.url,
    DB_CONNECTION_TIMEOUT_MS: '2000',
    SHUTDOWN_READINESS_DELAY_MS: '0',
    // One client makes all the load here: the per-caller limits would measure themselves, not the server.
    RATE_LIMIT_MUTATIONS: '100000000',
    RATE_LIMIT_QUERY_COST: '1000000000',
  });
  const app = await startApp(config, createLogger(config.logLevel));
  const database = createDatabase({ ...config.database, url: postgres.url, poolMax: 2, applicationName: 'commitment-tracker-soak' });
  try {
    const editor = `Bearer ${(await new ApiKeyService(database.prisma).create({ name: 'soak', role: Role.EDITOR })).plaintextKey}`;
    const post = (body: object, authorization?: string) =>
      fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    const ids = ((await (await post({ query: '{ commitments(first: 50) { edges { node { id } } } }' })).json()) as {
      data: { commitments: { edges: { node: { id: string } }[] } };
    }).data.commitments.edges.map((edge) => edge.node.id);
    if (ids.length === 0) throw new Error('the seeded database has no commitments');

    const run = randomBytes(4).toString('hex');
    const today = new Date().toISOString().slice(0, 10);
    const samples: Sample[] = [];
    let sequence = 0;
    const started = Date.now();
    const endsAt = started + seconds * 1000;

    const request = async (): Promise<void> => {
      const write = Math.random() < 0.3;
      const id = ids[Math.floor(Math.random() * ids.length)]!;
      const note = write ? `soak ${run} ${(sequence += 1)}` : undefined;
      const read = READS[Math.floor(Math.random() * READS.length)]!;
      const body = write
        ? { query: ADD_NOTE, variables: { input: { commitmentId: id, effectiveOn: today, note, idempotencyKey: note } } }
        : { query: read.query, variables: read.needsId ? { id } : {} };
      const startedAt = Date.now();
      let ok = false;
      let codes: string[];
      try {
        const response = await post(body, write ? editor : undefined);
        const result = (await response.json()) as { data?: Record<string, { userErrors?: { code: string }[] }> | null; errors?: { extensions?: { code?: string } }[] };
        codes = (result.errors ?? []).map((error) => error.extensions?.code ?? `HTTP_${response.status}`);
        codes.push(...(result.data?.addProgressNote?.userErrors ?? []).map((error) => `userError:${error.code}`));
        ok = response.status === 200 && codes.length === 0;
      } catch (error) {
        codes = [`NO_RESPONSE:${(error as Error).name}`];
      }
      samples.push({ kind: write ? 'write' : 'read', startedAt, ms: Date.now() - startedAt, ok, codes, note });
    };
    const workers = Array.from({ length: concurrency }, async () => {
      while (Date.now() < endsAt) await request();
    });

    // The fault: the database stops in the middle of the run and starts again.
    await sleep((seconds * 1000) / 2 - (downSeconds * 1000) / 2);
    const downAt = Date.now();
    await postgres.stop();
    await sleep(downSeconds * 1000);
    await postgres.start();
    const upAt = Date.now();
    await Promise.all(workers);

    // Every acknowledged write is in the database.
    const acknowledged = samples.filter((sample) => sample.kind === 'write' && sample.ok).map((sample) => sample.note!);
    const stored = new Set(
      (await database.prisma.progressNote.findMany({ where: { note: { startsWith: `soak ${run} ` } }, select: { note: true } })).map((row) => row.note),
    );
    const missing = acknowledged.filter((note) => !stored.has(note));

    const inOutage = (sample: Sample) => sample.startedAt + sample.ms >= downAt && sample.startedAt <= upAt + RECOVERY_ALLOWANCE_MS;
    const failures = samples.filter((sample) => !sample.ok);
    const unexpected = failures.filter((sample) => !inOutage(sample));
    const firstSuccessAfter = samples.filter((sample) => sample.ok && sample.startedAt >= upAt).sort((a, b) => a.startedAt - b.startedAt)[0];
    const byCode = new Map<string, number>();
    for (const code of failures.flatMap((sample) => sample.codes)) byCode.set(code, (byCode.get(code) ?? 0) + 1);
    const latency = (kind?: Sample['kind']) => {
      const sorted = samples.filter((sample) => !kind || sample.kind === kind).map((sample) => sample.ms).sort((a, b) => a - b);
      return `p50 ${percentile(sorted, 50)} ms, p99 ${percentile(sorted, 99)} ms`;
    };
    const outageFailures = failures.filter(inOutage);
    const at = (time: number) => `${((time - started) / 1000).toFixed(1)} s`;

    console.log(`soak: ${seconds} s, ${concurrency} workers, PostgreSQL stopped at ${at(downAt)}, started again at ${at(upAt)}`);
    console.log(`requests: ${samples.length} (${samples.filter((s) => s.kind === 'read').length} reads, ${samples.filter((s) => s.kind === 'write').length} writes), ${(samples.length / seconds).toFixed(0)}/s`);
    console.log(`succeeded: ${samples.length - failures.length}; failed: ${failures.length}`);
    console.log(`errors by code: ${byCode.size ? [...byCode].map(([code, count]) => `${code} ${count}`).join(', ') : 'none'}`);
    console.log(`latency: all ${latency()}; reads ${latency('read')}; writes ${latency('write')}`);
    console.log(
      `outage: ${outageFailures.length} requests failed, slowest failure ${Math.max(0, ...outageFailures.map((s) => s.ms))} ms; ` +
        `first success ${firstSuccessAfter ? `${firstSuccessAfter.startedAt - upAt} ms` : 'never'} after the database was back`,
    );
    console.log(`failures outside the outage: ${unexpected.length}`);
    console.log(`acknowledged writes: ${acknowledged.length}; in the database: ${acknowledged.length - missing.length}; missing: ${missing.length}`);
    const passed = missing.length === 0 && unexpected.length === 0 && firstSuccessAfter !== undefined;
    console.log(passed ? 'result: PASS' : 'result: FAIL');
    return passed;
  } finally {
    await database.close();
    await app.stop();
  }
}

main().then(
  // Explicit exits: the embedded-postgres package's exit hook ends the process with code 0 otherwise.
  (passed) => process.exit(passed ? 0 : 1),
  (error: unknown) => {
    console.error(`soak: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
