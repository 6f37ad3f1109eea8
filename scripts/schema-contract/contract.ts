// The schema contract, as pure functions of text (no git, no files): which changes from one schema.graphql to
// the next break clients, which of them CHANGELOG.md acknowledges, and which deprecations carry no reason.
// CONTRIBUTING.md states the policy these functions enforce; scripts/schema-contract.ts feeds them.
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import {
  buildSchema,
  DEFAULT_DEPRECATION_REASON,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLSchema,
} from 'graphql';

/** The changelog section that acknowledges breaking changes not yet released. */
export const UNRELEASED_SECTION = 'Unreleased';
/** The `###` subsection of a release section whose bullets name breaking changes. */
export const BREAKING_SUBSECTION = 'Breaking';

export interface ContractChange {
  /** graphql-inspector's path (`Commitment.title`, `Query.commitments.first`), or its change type when a change has none. */
  path: string;
  message: string;
  /** graphql-inspector's change type, e.g. FIELD_REMOVED. */
  type: string;
  reason?: string;
}

export interface ContractInput {
  /** schema.graphql at the base; null when there is nothing to compare with (then only deprecations are checked). */
  baseSdl: string | null;
  headSdl: string;
  changelog: string;
  /** Changelog sections whose `### Breaking` bullets count (always includes Unreleased). */
  sections?: string[];
}

export interface ContractReport {
  breaking: ContractChange[];
  /** Breaking changes that the changelog does not name: each one fails the check. */
  unacknowledged: ContractChange[];
  dangerous: ContractChange[];
  safe: ContractChange[];
  /** Paths the changelog names as breaking that this comparison does not see break (told, never a failure). */
  acknowledgedButNotBreaking: string[];
  /** Paths deprecated without a reason, or with graphql-js's default one: each one fails the check. */
  deprecationsWithoutReason: string[];
  ok: boolean;
}

function toContractChange(change: Change): ContractChange {
  return {
    path: change.path ?? change.type,
    message: change.message,
    type: change.type,
    ...(change.criticality.reason ? { reason: change.criticality.reason } : {}),
  };
}

/** Every change from base to head, by graphql-inspector's criticality. */
export async function classifyChanges(baseSdl: string, headSdl: string) {
  const changes = await diff(buildSchema(baseSdl), buildSchema(headSdl));
  const of = (level: CriticalityLevel) => changes.filter((change) => change.criticality.level === level).map(toContractChange);
  return { breaking: of(CriticalityLevel.Breaking), dangerous: of(CriticalityLevel.Dangerous), safe: of(CriticalityLevel.NonBreaking) };
}

// `## [v1.2.0] - 2026-12-07`, `## Unreleased` and `## 1.2.0` all name their section by the first word, brackets
// and a leading `v` dropped, so a tag `v1.2.0` finds the section `## 1.2.0` and the reverse.
function sectionKey(text: string): string {
  const first = text.trim().split(/\s+/)[0] ?? '';
  return first.replace(/^\[|\]$/g, '').replace(/^v(?=\d)/i, '').toLowerCase();
}

/**
 * The paths that the `### Breaking` subsection of the given sections names: each bullet (`-` or `*`) whose text
 * starts with a code span counts with that span, e.g. "- `Commitment.title` removed: read `Commitment.name`".
 * HTML comments are ignored, so a changelog may keep a commented example.
 */
export function acknowledgedBreakingPaths(changelog: string, sections: string[] = [UNRELEASED_SECTION]): string[] {
  const wanted = new Set([UNRELEASED_SECTION, ...sections].map(sectionKey));
  const paths: string[] = [];
  let inSection = false;
  let inBreaking = false;
  for (const line of changelog.replace(/<!--[\s\S]*?-->/g, '').split(/\r?\n/)) {
    const h2 = /^##\s+(.+)$/.exec(line);
    if (h2) {
      inSection = wanted.has(sectionKey(h2[1]));
      inBreaking = false;
      continue;
    }
    const h3 = /^###\s+(.+)$/.exec(line);
    if (h3) {
      inBreaking = inSection && h3[1].trim().toLowerCase() === BREAKING_SUBSECTION.toLowerCase();
      continue;
    }
    if (/^#\s/.test(line)) {
      inSection = inBreaking = false;
      continue;
    }
    if (!inBreaking) continue;
    const bullet = /^\s*[-*]\s+`([^`]+)`/.exec(line);
    if (bullet) paths.push(bullet[1].trim());
  }
  return paths;
}

function isUnreasoned(reason: string | null | undefined): boolean {
  return reason != null && (reason.trim() === '' || reason.trim() === DEFAULT_DEPRECATION_REASON);
}

/**
 * Every deprecated element whose reason is missing (graphql-js then reports "No longer supported"), empty, or that
 * default spelled out: a client told only that cannot know what to use instead. Paths as graphql-inspector writes them.
 */
export function deprecationsWithoutReason(sdl: string): string[] {
  return unreasonedIn(buildSchema(sdl));
}

function unreasonedIn(schema: GraphQLSchema): string[] {
  const found: string[] = [];
  const args = (owner: string, list: readonly GraphQLArgument[]) => {
    for (const arg of list) if (isUnreasoned(arg.deprecationReason)) found.push(`${owner}.${arg.name}`);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type)) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (isUnreasoned(field.deprecationReason)) found.push(`${type.name}.${field.name}`);
        args(`${type.name}.${field.name}`, field.args);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (isUnreasoned(field.deprecationReason)) found.push(`${type.name}.${field.name}`);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) if (isUnreasoned(value.deprecationReason)) found.push(`${type.name}.${value.name}`);
    }
  }
  for (const directive of schema.getDirectives()) args(`@${directive.name}`, directive.args);
  return found.sort();
}

/** The whole check: fails on a breaking change the changelog does not name, or on a deprecation without a reason. */
export async function checkContract(input: ContractInput): Promise<ContractReport> {
  const classified = input.baseSdl === null ? { breaking: [], dangerous: [], safe: [] } : await classifyChanges(input.baseSdl, input.headSdl);
  const acknowledged = new Set(acknowledgedBreakingPaths(input.changelog, input.sections));
  const unacknowledged = classified.breaking.filter((change) => !acknowledged.has(change.path));
  const breakingPaths = new Set(classified.breaking.map((change) => change.path));
  const unreasoned = deprecationsWithoutReason(input.headSdl);
  return {
    ...classified,
    unacknowledged,
    acknowledgedButNotBreaking: [...acknowledged].filter((path) => !breakingPaths.has(path)),
    deprecationsWithoutReason: unreasoned,
    ok: unacknowledged.length === 0 && unreasoned.length === 0,
  };
}

/** The report as lines for a terminal; `base` says what was compared with. */
export function formatReport(report: ContractReport, base: string): string[] {
  const lines: string[] = [];
  const list = (title: string, changes: ContractChange[]) => {
    if (changes.length === 0) return;
    lines.push(title);
    for (const change of changes) lines.push(`  ${change.path}: ${change.message}`);
  };
  lines.push(`schema.graphql compared with ${base}: ${report.breaking.length} breaking, ${report.dangerous.length} dangerous, ${report.safe.length} safe change(s)`);
  list('breaking, acknowledged in CHANGELOG.md:', report.breaking.filter((change) => !report.unacknowledged.includes(change)));
  list('dangerous (allowed; worth a line in CHANGELOG.md):', report.dangerous);
  if (report.acknowledgedButNotBreaking.length > 0) {
    lines.push(`CHANGELOG.md names as breaking, not breaking against ${base} (fine if it broke in an earlier commit): ${report.acknowledgedButNotBreaking.join(', ')}`);
  }
  if (report.unacknowledged.length > 0) {
    lines.push(`FAIL: ${report.unacknowledged.length} breaking change(s) that CHANGELOG.md does not acknowledge:`);
    for (const change of report.unacknowledged) lines.push(`  ${change.path}: ${change.message}`);
    lines.push(`  Keep the schema compatible (deprecate with a reason instead of removing), or, if the break is meant, name each`);
    lines.push(`  path under "## ${UNRELEASED_SECTION}" / "### ${BREAKING_SUBSECTION}" in CHANGELOG.md as "- \`PATH\` what clients do instead" (see CONTRIBUTING.md).`);
  }
  if (report.deprecationsWithoutReason.length > 0) {
    lines.push(`FAIL: deprecated without a reason (give @deprecated a reason that names the replacement): ${report.deprecationsWithoutReason.join(', ')}`);
  }
  if (report.ok) lines.push('schema contract: OK');
  return lines;
}
