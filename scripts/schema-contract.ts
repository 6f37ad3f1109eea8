// `npm run schema:check` (and CI, after type-check): schema.graphql against the last release tag, or the previous
// commit when there is no tag. A breaking change fails unless CHANGELOG.md names it; so does a deprecation without
// a reason. The policy is in CONTRIBUTING.md; the logic in scripts/schema-contract/.
// `--base REF` (or SCHEMA_CONTRACT_BASE=REF) compares with another commit, e.g. `npm run schema:check -- --base main`.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkContract, formatReport } from './schema-contract/contract';
import { gitIn, readAtRef, releaseTagsAtHead, resolveBase } from './schema-contract/git';

const SCHEMA_FILE = 'schema.graphql';
const CHANGELOG_FILE = 'CHANGELOG.md';

function baseOverride(argv: string[]): string | undefined {
  const at = argv.indexOf('--base');
  if (at >= 0) {
    const ref = argv[at + 1];
    if (!ref) throw new Error('schema contract: --base needs a ref');
    return ref;
  }
  return process.env.SCHEMA_CONTRACT_BASE || undefined;
}

async function main(): Promise<number> {
  const root = path.resolve(__dirname, '..');
  const git = gitIn(root);
  const headSdl = readFileSync(path.join(root, SCHEMA_FILE), 'utf8');
  const changelogPath = path.join(root, CHANGELOG_FILE);
  const changelog = existsSync(changelogPath) ? readFileSync(changelogPath, 'utf8') : '';
  if (!changelog) console.log(`no ${CHANGELOG_FILE}: no breaking change can be acknowledged`);

  const uncommitted = readAtRef(git, 'HEAD', SCHEMA_FILE) !== headSdl;
  const base = resolveBase(git, { override: baseOverride(process.argv.slice(2)), uncommitted });
  let baseSdl: string | null = null;
  if (base.kind === 'none') {
    console.log(`schema contract: nothing to compare with (${base.description}); checking deprecations only`);
  } else {
    baseSdl = readAtRef(git, base.ref, SCHEMA_FILE);
    if (baseSdl === null) console.log(`schema contract: ${SCHEMA_FILE} did not exist at ${base.description}; checking deprecations only`);
  }
  if (uncommitted && base.kind === 'ref') console.log(`(${SCHEMA_FILE} has changes not committed yet: they are what is checked)`);

  const report = await checkContract({ baseSdl, headSdl, changelog, sections: uncommitted ? [] : releaseTagsAtHead(git) });
  const compared = base.kind === 'ref' && baseSdl !== null ? base.description : 'nothing';
  for (const line of formatReport(report, compared)) console.log(line);
  return report.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
