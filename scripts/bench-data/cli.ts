import type { Size } from './dataset';

export interface Options {
  size: Size;
  serverUrl: string;
  name: string;
  verify: boolean;
}

export function parseArgs(argv: string[]): Options {
  let size: string | undefined;
  let serverUrl = process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
  let name: string | undefined;
  let verify = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--size') size = value().toUpperCase();
    else if (arg.startsWith('--size=')) size = arg.slice(7).toUpperCase();
    else if (arg === '--database-url') serverUrl = value();
    else if (arg.startsWith('--database-url=')) serverUrl = arg.slice(15);
    else if (arg === '--name') name = value();
    else if (arg === '--no-verify') verify = false;
    else throw new Error(`Unknown argument ${arg}`);
  }
  if (size !== 'S' && size !== 'L') throw new Error('Usage: npm run bench:data -- --size S|L [--database-url URL] [--name DB] [--no-verify]');
  name ??= `commitment_tracker_bench_${size.toLowerCase()}`;
  // This script drops the database it loads: never let it be anything but a benchmark database.
  if (!/^[a-z0-9_]*bench[a-z0-9_]*$/.test(name)) throw new Error(`Refusing to recreate "${name}": the name must contain "bench" (lower case, digits, _)`);
  return { size, serverUrl, name, verify };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
