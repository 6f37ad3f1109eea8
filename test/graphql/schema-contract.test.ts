// The schema contract (scripts/schema-contract/): on the real schema.graphql, changed the way a developer would change
// it, and its base found in a git repository made here with real `git` commands.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kind, parse, print, visit, type FieldDefinitionNode } from 'graphql';
import { acknowledgedBreakingPaths, checkContract, deprecationsWithoutReason, formatReport } from '../../scripts/schema-contract/contract';
import { gitIn, readAtRef, releaseTagsAtHead, resolveBase } from '../../scripts/schema-contract/git';

const committed = readFileSync(path.resolve(__dirname, '../../schema.graphql'), 'utf8');

/** The SDL with `edit` applied to one field of one object type. */
function editField(sdl: string, typeName: string, fieldName: string, edit: (field: FieldDefinitionNode) => FieldDefinitionNode | null): string {
  let seen = false;
  const edited = visit(parse(sdl), {
    ObjectTypeDefinition(node) {
      if (node.name.value !== typeName) return undefined;
      const fields = (node.fields ?? []).flatMap((field) => {
        if (field.name.value !== fieldName) return [field];
        seen = true;
        const next = edit(field);
        return next ? [next] : [];
      });
      return { ...node, fields };
    },
  });
  if (!seen) throw new Error(`no field ${typeName}.${fieldName} in the schema`);
  return print(edited);
}

const withoutField = (sdl: string, typeName: string, fieldName: string) => editField(sdl, typeName, fieldName, () => null);

function deprecate(sdl: string, typeName: string, fieldName: string, reason?: string): string {
  return editField(sdl, typeName, fieldName, (field) => ({
    ...field,
    directives: [
      ...(field.directives ?? []),
      {
        kind: Kind.DIRECTIVE,
        name: { kind: Kind.NAME, value: 'deprecated' },
        arguments:
          reason === undefined
            ? []
            : [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'reason' }, value: { kind: Kind.STRING, value: reason } }],
      },
    ],
  }));
}

const changelogWithBreaking = (...bullets: string[]) =>
  ['# Changelog', '', '## Unreleased', '', '### Breaking', '', ...bullets, '', '### Added', '', '- `Commitment.other` is not a breaking bullet', ''].join('\n');

describe('the schema contract', () => {
  it('passes the committed schema against itself', async () => {
    const report = await checkContract({ baseSdl: committed, headSdl: committed, changelog: '' });
    expect(report).toMatchObject({ ok: true, breaking: [], dangerous: [], safe: [], deprecationsWithoutReason: [] });
  });

  it('fails when a field is removed and CHANGELOG.md does not say so', async () => {
    const report = await checkContract({ baseSdl: committed, headSdl: withoutField(committed, 'Commitment', 'title'), changelog: changelogWithBreaking() });
    expect(report.ok).toBe(false);
    expect(report.unacknowledged.map((change) => [change.path, change.type])).toEqual([['Commitment.title', 'FIELD_REMOVED']]);
    expect(formatReport(report, 'v1.0.0').join('\n')).toContain('FAIL: 1 breaking change(s) that CHANGELOG.md does not acknowledge:\n  Commitment.title:');
  });

  it('passes the same removal when the Unreleased section names it under Breaking', async () => {
    const report = await checkContract({
      baseSdl: committed,
      headSdl: withoutField(committed, 'Commitment', 'title'),
      changelog: changelogWithBreaking('- `Commitment.title` removed: read `Commitment.slug` instead'),
    });
    expect(report).toMatchObject({ ok: true, unacknowledged: [] });
    expect(report.breaking.map((change) => change.path)).toEqual(['Commitment.title']);
  });

  it('does not count a path named elsewhere than under Unreleased / Breaking', async () => {
    const headSdl = withoutField(committed, 'Commitment', 'title');
    const elsewhere = [
      '## Unreleased',
      '### Changed',
      '- `Commitment.title` removed',
      '<!-- ### Breaking',
      '- `Commitment.title` -->',
      '## 0.1.0',
      '### Breaking',
      '- `Commitment.title` removed',
    ].join('\n');
    expect((await checkContract({ baseSdl: committed, headSdl, changelog: elsewhere })).ok).toBe(false);
    // A release commit (tagged v0.1.0) acknowledges through its own section.
    expect((await checkContract({ baseSdl: committed, headSdl, changelog: elsewhere, sections: ['v0.1.0'] })).ok).toBe(true);
  });

  it('passes an added field, and reports it as safe', async () => {
    const base = withoutField(committed, 'Commitment', 'title');
    const report = await checkContract({ baseSdl: base, headSdl: committed, changelog: '' });
    expect(report.ok).toBe(true);
    expect(report.breaking).toEqual([]);
    expect(report.safe.map((change) => [change.path, change.type])).toContainEqual(['Commitment.title', 'FIELD_ADDED']);
  });

  it('fails a deprecation without a reason, with the default reason, or an empty one; passes one with a reason', async () => {
    for (const reason of [undefined, 'No longer supported', '  ']) {
      const headSdl = deprecate(committed, 'Commitment', 'slug', reason);
      const report = await checkContract({ baseSdl: committed, headSdl, changelog: '' });
      expect([reason, report.ok, report.deprecationsWithoutReason]).toEqual([reason, false, ['Commitment.slug']]);
    }
    const reasoned = deprecate(committed, 'Commitment', 'slug', 'Use `Commitment.id`: slugs change when a title is corrected.');
    const report = await checkContract({ baseSdl: committed, headSdl: reasoned, changelog: '' });
    expect(report.ok).toBe(true);
    expect(report.breaking).toEqual([]);
  });

  it('finds unreasoned deprecations on arguments, input fields and enum values too', () => {
    const sdl = `
      type Query { a(old: Int @deprecated): Int, b: Int @deprecated(reason: "Use a.") }
      input Filter { x: Int @deprecated(reason: "") }
      enum Kind { A @deprecated, B }`;
    expect(deprecationsWithoutReason(sdl)).toEqual(['Filter.x', 'Kind.A', 'Query.a.old']);
  });

  it('checks deprecations only when there is no base', async () => {
    const report = await checkContract({ baseSdl: null, headSdl: deprecate(committed, 'Commitment', 'slug'), changelog: '' });
    expect(report).toMatchObject({ ok: false, breaking: [], deprecationsWithoutReason: ['Commitment.slug'] });
  });

  it('reads acknowledgements from bullets that start with a code span, in sections named with or without v and brackets', () => {
    const changelog = ['## [Unreleased]', '### Breaking', '* `Query.a` gone', '- see `Query.b`', '## [v2.0.0] - 2026-12-01', '### Breaking', '- `Query.c` gone'].join('\n');
    expect(acknowledgedBreakingPaths(changelog)).toEqual(['Query.a']);
    expect(acknowledgedBreakingPaths(changelog, ['2.0.0'])).toEqual(['Query.a', 'Query.c']);
  });
});

describe('the schema contract base, in a real git repository', () => {
  let dir: string;
  const run = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], {
      cwd: dir,
      encoding: 'utf8',
    });
  const commit = (message: string, schema?: string) => {
    if (schema !== undefined) writeFileSync(path.join(dir, 'schema.graphql'), schema);
    else writeFileSync(path.join(dir, 'README'), message);
    run('add', '-A');
    run('commit', '-q', '-m', message);
    return run('rev-parse', 'HEAD').trim();
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'schema-contract-'));
    run('init', '-q', '-b', 'main');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('has nothing to compare with before the first commit and at the first commit', () => {
    const git = gitIn(dir);
    expect(resolveBase(git)).toEqual({ kind: 'none', description: 'no previous commit' });
    commit('first', 'type Query { a: Int }');
    expect(resolveBase(git)).toEqual({ kind: 'none', description: 'no previous commit' });
  });

  it('uses the previous commit without a release tag, and says when the file did not exist there', () => {
    const git = gitIn(dir);
    commit('no schema yet');
    commit('schema', 'type Query { a: Int }');
    const base = resolveBase(git);
    expect(base).toMatchObject({ kind: 'ref', ref: 'HEAD~1' });
    expect(readAtRef(git, 'HEAD~1', 'schema.graphql')).toBeNull();
    commit('schema grows', 'type Query { a: Int, b: Int }');
    expect(readAtRef(git, 'HEAD~1', 'schema.graphql')).toBe('type Query { a: Int }');
    // A change not committed yet is checked against HEAD, the commit it will follow.
    expect(resolveBase(git, { uncommitted: true })).toMatchObject({ kind: 'ref', ref: 'HEAD' });
  });

  it('uses the last release tag, ignores other tags, and compares a tagged release commit with the release before', () => {
    const git = gitIn(dir);
    commit('one', 'type Query { a: Int }');
    run('tag', 'v1.0.0');
    commit('two', 'type Query { a: Int, b: Int }');
    run('tag', '-a', '-m', 'not a release', 'nightly');
    commit('three', 'type Query { b: Int }');
    expect(resolveBase(git)).toEqual({ kind: 'ref', ref: 'v1.0.0', description: 'the last release tag v1.0.0' });
    expect(readAtRef(git, 'v1.0.0', 'schema.graphql')).toBe('type Query { a: Int }');
    run('tag', '-a', '-m', 'release', 'v2.0.0');
    expect(resolveBase(git)).toMatchObject({ kind: 'ref', ref: 'v1.0.0' });
    expect(releaseTagsAtHead(git)).toEqual(['v2.0.0']);
    commit('four');
    expect(resolveBase(git)).toMatchObject({ kind: 'ref', ref: 'v2.0.0' });
    expect(releaseTagsAtHead(git)).toEqual([]);
  });

  it('works in a fresh clone, as CI runs it, and takes a given base', () => {
    commit('one', 'type Query { a: Int }');
    const first = commit('two', 'type Query { a: Int, b: Int }');
    commit('three', 'type Query { b: Int }');
    const clone = mkdtempSync(path.join(os.tmpdir(), 'schema-contract-clone-'));
    try {
      execFileSync('git', ['clone', '-q', dir, clone]);
      const git = gitIn(clone);
      expect(resolveBase(git)).toMatchObject({ kind: 'ref', ref: 'HEAD~1' });
      expect(readAtRef(git, 'HEAD~1', 'schema.graphql')).toBe('type Query { a: Int, b: Int }');
      expect(resolveBase(git, { override: first })).toMatchObject({ kind: 'ref', ref: first });
      expect(() => resolveBase(git, { override: 'no-such-ref' })).toThrow('names no commit');
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('says so in a shallow clone without the previous commit', () => {
    commit('one', 'type Query { a: Int }');
    commit('two', 'type Query { a: Int, b: Int }');
    const clone = mkdtempSync(path.join(os.tmpdir(), 'schema-contract-shallow-'));
    try {
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${dir}`, clone]);
      expect(resolveBase(gitIn(clone))).toEqual({ kind: 'none', description: expect.stringContaining('shallow clone') });
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });
});
