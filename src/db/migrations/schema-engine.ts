// Loads Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm).
//
// The package's entry point imports the .wasm file as an ES module, which plain Node needs
// --experimental-wasm-modules for and jest (CommonJS) cannot load at all. So we do by hand what that
// entry point does: take the wasm-bindgen JS glue, instantiate the .wasm bytes with the glue as its
// imports, and hand the instance back to the glue.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';

export type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
type SchemaEngineClass = typeof glue.SchemaEngine;

// TypeScript declares WebAssembly only in its DOM libraries, which this Node project does not load.
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, Record<string, unknown>>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

declare global {
  // Read by the glue when the engine panics (see installPanicRegistry).
  var PRISMA_WASM_PANIC_REGISTRY: { set_message(message: string): void } | undefined;
}

let loading: Promise<SchemaEngineClass> | undefined;

/** The SchemaEngine class, instantiated once per process (instantiation compiles ~5 MB of wasm). */
export function loadSchemaEngine(): Promise<SchemaEngineClass> {
  loading ??= instantiate().catch((error: unknown) => {
    loading = undefined; // let a later call retry rather than cache the failure
    throw error;
  });
  return loading;
}

async function instantiate(): Promise<SchemaEngineClass> {
  installPanicRegistry();
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bytes = readFileSync(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': wasmImports() });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue.SchemaEngine;
}

// The glue hands an engine panic's message to this global. Without it, the panic hook itself throws a
// TypeError. The panic then surfaces as a bare wasm trap ("RuntimeError: unreachable"), usually inside a
// spawned future where nothing can catch it and the process dies: the reason must be printed right away.
function installPanicRegistry(): void {
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message(message: string) {
      process.stderr.write(`Prisma schema engine panicked: ${message}\n`);
    },
  };
}

// The engine arms ~10 s timers (connection timeouts) and leaves them pending when a command ends,
// which would keep every script alive for ~11 s after its work is done. Unref'd timers still fire
// while the process is busy but no longer hold it open.
function wasmImports(): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...glue };
  for (const [name, value] of Object.entries(glue)) {
    if (name.startsWith('__wbg_setTimeout_') && typeof value === 'function') {
      imports[name] = (...args: unknown[]) => {
        const timer = (value as (...args: unknown[]) => NodeJS.Timeout)(...args);
        timer.unref();
        return timer;
      };
    }
  }
  return imports;
}
