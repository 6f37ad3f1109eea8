// Builds the dashboard's client (web/src) into dist/public with esbuild, and prints each file's gzipped size
// (the bundle's budget is 150 kB gzipped: test/web/bundle.test.ts holds it to that).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const WEB_SOURCE = path.resolve(__dirname, '..', 'web', 'src', 'main.ts');
export const WEB_OUT_DIR = path.resolve(__dirname, '..', 'dist', 'public');

export interface BuiltFile {
  name: string;
  bytes: number;
  gzipBytes: number;
}

export async function buildWebBundle(outDir = WEB_OUT_DIR): Promise<BuiltFile[]> {
  const result = await build({
    entryPoints: { app: WEB_SOURCE },
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022'],
    platform: 'browser',
    outdir: outDir,
    write: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  mkdirSync(outDir, { recursive: true });
  return result.outputFiles.map((file) => {
    // Written aside and renamed: a server (or a parallel test build) never reads half a file.
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
    return { name: path.basename(file.path), bytes: file.contents.byteLength, gzipBytes: gzipSync(file.contents).byteLength };
  });
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

if (require.main === module) {
  buildWebBundle()
    .then((files) => {
      for (const file of files) console.log(`dist/public/${file.name}: ${kB(file.bytes)}, ${kB(file.gzipBytes)} gzipped`);
      console.log(`total gzipped: ${kB(files.reduce((sum, file) => sum + file.gzipBytes, 0))} (budget 150 kB)`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
