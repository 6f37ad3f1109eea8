// Imports under src/ go one way. The rule this test holds (eslint.config.mjs holds the direction of each
// import, this the absence of circles):
// - Every import counts except one marked `import type` (or `import { type A, type B }`): the compiler erases
//   those, so a module may name a type from a module above it (the domains' `import type { GraphQLContext }`),
//   never a value.
// - Between files: no cycle at all. A runtime cycle makes load order decide which module sees the other
//   half-initialised (an `undefined` class in a decorator, a constant read before it is set).
// - Between the top-level folders of src/ (and its top-level files): no cycle either, except through the
//   GraphQL API files (resolvers, object types, inputs, payloads, interfaces: `*.resolver.ts`, `*.type.ts`,
//   `*.input.ts`, `*.payload.ts`, `*.interface.ts`, anything under an `api/` folder). Object types of different
//   domains name each other (Commitment.partnership, Partnership.commitments) through type-graphql's lazy
//   `() => Type` thunks, so the imports out of those files are left out of the folder graph; every other
//   file (services, SQL, the composition root) must form a graph of folders without a circle.
// Nothing else is left out but the generated Prisma client; src/execution/ is checked like every folder.
import path from 'node:path';
import madge from 'madge';

const root = path.resolve(__dirname, '../..');
const src = path.join(root, 'src');

const API_FILE = /(\.(resolver|type|input|payload|interface)\.ts$)|\/api\//;

type Graph = Record<string, string[]>;

async function runtimeImports(): Promise<Graph> {
  const result = await madge(src, {
    baseDir: root,
    fileExtensions: ['ts'],
    tsConfig: path.join(root, 'tsconfig.json'),
    excludeRegExp: [/^src\/generated\//],
    detectiveOptions: { ts: { skipTypeImports: true } },
  });
  expect(result.warnings().skipped).toEqual([]);
  return result.obj();
}

/** Each cycle once, as "a -> b -> a". */
async function cyclesOf(graph: Graph): Promise<string[][]> {
  return (await madge(graph)).circular();
}

/** src/commitment/commitment.service.ts -> commitment/; src/app.ts -> app.ts */
function topLevel(file: string): string {
  const [first, ...rest] = path.posix.relative('src', file).split('/');
  return rest.length > 0 ? `${first}/` : first;
}

/** The folders' graph, with the file imports behind each of its edges. */
function folderGraph(files: Graph): { graph: Graph; behind: Map<string, string[]> } {
  const behind = new Map<string, string[]>();
  for (const [file, imports] of Object.entries(files)) {
    if (API_FILE.test(file)) continue;
    for (const imported of imports) {
      const from = topLevel(file);
      const to = topLevel(imported);
      if (from === to) continue;
      const key = `${from} ${to}`;
      behind.set(key, [...(behind.get(key) ?? []), `${file} -> ${imported}`]);
    }
  }
  const graph: Graph = {};
  for (const key of behind.keys()) {
    const [from, to] = key.split(' ');
    (graph[from] ??= []).push(to);
    graph[to] ??= [];
  }
  return { graph, behind };
}

describe('imports under src/', () => {
  let files: Graph;

  beforeAll(async () => {
    files = await runtimeImports();
  }, 120_000);

  it('are read from the whole tree (a file madge could not parse would hide its cycles)', () => {
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['src/main.ts', 'src/app.ts', 'src/commitment/commitment.service.ts']));
    expect(Object.keys(files).length).toBeGreaterThan(100);
    expect(files['src/main.ts']).toContain('src/app.ts');
  });

  it('form no cycle between files', async () => {
    const cycles = (await cyclesOf(files)).map((cycle) => [...cycle, cycle[0]].join(' -> '));
    expect(cycles).toEqual([]);
  });

  it('form no cycle between folders outside the GraphQL API files', async () => {
    const { graph, behind } = folderGraph(files);
    const cycles = (await cyclesOf(graph)).map((cycle) =>
      [
        [...cycle, cycle[0]].join(' -> '),
        ...cycle.map((from, i) => `  ${from} -> ${cycle[(i + 1) % cycle.length]}: ${behind.get(`${from} ${cycle[(i + 1) % cycle.length]}`)!.join(', ')}`),
      ].join('\n'),
    );
    expect(cycles).toEqual([]);
  });
});
