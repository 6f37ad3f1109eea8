// Which schema.graphql the contract compares with, read through `git` so it works in a fresh clone (as CI runs)
// without a checkout of the base: `git show REF:schema.graphql`.
import { execFileSync } from 'node:child_process';

/** Runs git with the arguments; its trimmed stdout, or null when git exits non-zero. */
export type Git = (args: string[]) => string | null;

export function gitIn(cwd: string): Git {
  return (args) => {
    try {
      return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
    } catch {
      return null;
    }
  };
}

/** Release tags: `v` and a digit (v1.2.0). Other tags (markers, experiments) are not releases. */
export const RELEASE_TAG_GLOB = 'v[0-9]*';

export type Base =
  | { kind: 'ref'; ref: string; description: string }
  | { kind: 'none'; description: string };

export interface BaseOptions {
  /** A ref given with --base or SCHEMA_CONTRACT_BASE: compared with as it is. */
  override?: string;
  /**
   * True when the working tree's schema.graphql is not HEAD's (a change not committed yet): the commit under test is
   * then the next one, whose previous commit is HEAD. In CI's clone the working tree is HEAD's, and the previous
   * commit is HEAD~1.
   */
  uncommitted?: boolean;
}

const commitExists = (git: Git, ref: string) => git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]) !== null;

/**
 * The base: the newest release tag reachable from the previous commit (so that a tag on HEAD itself, a release
 * commit, is compared with the release before it), else the previous commit itself, else none.
 */
export function resolveBase(git: Git, options: BaseOptions = {}): Base {
  if (options.override) {
    if (!commitExists(git, options.override)) throw new Error(`schema contract: the base ${options.override} names no commit`);
    return { kind: 'ref', ref: options.override, description: `${options.override} (given)` };
  }
  if (git(['rev-parse', '--git-dir']) === null) return { kind: 'none', description: 'not a git repository' };
  const previous = options.uncommitted ? 'HEAD' : 'HEAD~1';
  if (!commitExists(git, previous)) {
    const shallow = git(['rev-parse', '--is-shallow-repository'])?.trim() === 'true';
    return {
      kind: 'none',
      description: shallow ? 'a shallow clone without the previous commit (clone with history to compare)' : 'no previous commit',
    };
  }
  const tag = git(['describe', '--tags', '--abbrev=0', '--match', RELEASE_TAG_GLOB, previous])?.trim();
  if (tag) return { kind: 'ref', ref: tag, description: `the last release tag ${tag}` };
  const sha = git(['rev-parse', '--short', previous])?.trim() ?? previous;
  return { kind: 'ref', ref: previous, description: `the previous commit ${previous} (${sha}; no release tag)` };
}

/** The file's text at the ref, or null when it did not exist there. */
export function readAtRef(git: Git, ref: string, file: string): string | null {
  if (git(['cat-file', '-e', `${ref}:${file}`]) === null) return null;
  return git(['show', `${ref}:${file}`]);
}

/** The release tags on HEAD: their changelog sections acknowledge breaking changes too (the release commit). */
export function releaseTagsAtHead(git: Git): string[] {
  const out = git(['tag', '--points-at', 'HEAD', '--list', RELEASE_TAG_GLOB]);
  return out ? out.split('\n').map((tag) => tag.trim()).filter(Boolean) : [];
}
