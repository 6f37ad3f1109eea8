import { readFileSync } from 'node:fs';
import { Client } from 'pg';

// Every line is stamped with the time since the script started, so that a slow phase stands out.
export const started = performance.now();
const seconds = (ms: number) => (ms / 1000).toFixed(1).padStart(6);

export async function phase<T>(label: string, work: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await work();
  console.log(`[${seconds(performance.now() - started)} s] ${label.padEnd(44)} ${seconds(performance.now() - t0)} s`);
  return result;
}

export async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'bench-data' });
  await client.connect();
  // Bench-only session settings: big sorts in memory, no parallel workers (two connections already
  // keep both cores busy), no waiting for WAL flushes.
  await client.query(`SET maintenance_work_mem = '1GB'; SET work_mem = '256MB'; SET max_parallel_maintenance_workers = 0;
    SET max_parallel_workers_per_gather = 0; SET synchronous_commit = off; SET statement_timeout = 0`);
  return client;
}

/** Runs labelled statements on the clients, each taking the next one as it becomes free. */
export async function runQueue(clients: Client[], tasks: { label: string; sql: string }[]): Promise<void> {
  const queue = [...tasks];
  await Promise.all(
    clients.map(async (client) => {
      for (let task = queue.shift(); task; task = queue.shift()) {
        const t0 = performance.now();
        await client.query(task.sql);
        console.log(`[${seconds(performance.now() - started)} s]   ${task.label.padEnd(42)} ${seconds(performance.now() - t0)} s`);
      }
    }),
  );
}

/** [lo, hi] ranges splitting 1..n into `parts`, on multiples of 100 (history ids rely on whole blocks). */
export function ranges(n: number, parts: number): [number, number][] {
  const blocks = Math.ceil(n / 100);
  const result: [number, number][] = [];
  for (let i = 0; i < parts; i++) {
    const lo = Math.floor((blocks * i) / parts) * 100 + 1;
    const hi = Math.min(n, Math.floor((blocks * (i + 1)) / parts) * 100);
    if (lo <= hi) result.push([lo, hi]);
  }
  return result;
}

/** utime + stime of a local PostgreSQL backend from /proc (NaN when the server is on another machine). */
export function backendCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks of 1/100 s
  } catch {
    return NaN;
  }
}
