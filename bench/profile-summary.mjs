// Summarises a CPU profile of our server (BENCH_CPU_PROF=<dir> npm run bench …, which runs it under
// node --cpu-prof): where the busy time went, by package (node_modules/<package>, src/<folder>, Node's own
// internals) and by function, as shares of the time not idle. Start-up is in the profile too: profile a run
// long enough for it not to matter, or read the shares of the request path's packages against each other.
//
//   node bench/profile-summary.mjs <file.cpuprofile> [top N functions, default 25]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile-summary.mjs <file.cpuprofile> [N]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const selfTime = new Map();
profile.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const groupOf = ({ callFrame: { url, functionName } }) => {
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency) return dependency[1];
  if (url.includes('/src/')) return `src/${url.split('/src/')[1].split('/')[0]}`;
  if (!url) return `(${functionName})`;
  return `node:${url.replace(/^node:/, '').split('/')[0]}`;
};
const byGroup = new Map();
const byFunction = new Map();
let busy = 0;
let idle = 0;
for (const [id, time] of selfTime) {
  const node = nodes.get(id);
  if (node.callFrame.functionName === '(idle)') {
    idle += time;
    continue;
  }
  busy += time;
  const group = groupOf(node);
  byGroup.set(group, (byGroup.get(group) ?? 0) + time);
  const where = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').slice(-2).join('/')}:${node.callFrame.lineNumber + 1}`;
  byFunction.set(where, (byFunction.get(where) ?? 0) + time);
}
const table = (map, limit) =>
  [...map].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([name, time]) => `| ${name} | ${(time / 1000).toFixed(0)} | ${((100 * time) / busy).toFixed(1)}% |`).join('\n');
console.log(`busy ${(busy / 1e6).toFixed(1)} s, idle ${(idle / 1e6).toFixed(1)} s\n`);
console.log(`| package or folder | self ms | of busy |\n|---|---|---|\n${table(byGroup, 20)}\n`);
console.log(`| function | self ms | of busy |\n|---|---|---|\n${table(byFunction, Number(topArg ?? 25))}`);
