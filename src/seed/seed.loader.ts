// Reads the seed files, validates them and resolves every reference, so that the service receives a
// dataset that can only fail on the database itself. Problems are collected, not thrown one at a time:
// an analyst fixing the YAML sees every mistake from a single run.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import type {
  ActorKind,
  ActorRole,
  CommitmentStatus,
  DateBasis,
  DatePrecision,
  DocumentKind,
  MentionRole,
  MilestoneKind,
  PartnershipLevel,
  PillarBasis,
} from '../generated/prisma/enums';
import {
  actorSchema,
  actorsFileSchema,
  type CommitmentEntry,
  commitmentSchema,
  countriesFileSchema,
  countrySchema,
  type DocumentEntry,
  documentFileSchema,
  type MilestoneEntry,
  milestoneSchema,
  type PartnershipEntry,
  partnershipFileSchema,
  type PillarEntry,
  pillarSchema,
} from './seed.schema';

export interface SeedCountry {
  code: string;
  name: string;
}

export interface SeedActor {
  slug: string;
  name: string;
  kind: ActorKind;
  countryCode: string | null;
}

export interface SeedDocument {
  slug: string;
  title: string;
  publisher: string;
  kind: DocumentKind;
  language: string;
  url: string | null;
  publishedOn: Date;
  publishedPrecision: DatePrecision;
  publishedBasis: DateBasis;
  publishedReasoning: string | null;
  text: string;
  sha256: string;
}

export interface SeedMilestone {
  kind: MilestoneKind;
  level: PartnershipLevel | null;
  title: string;
  occurredOn: Date;
  occurredPrecision: DatePrecision;
  document: string;
  quote: string;
}

export interface SeedPillar {
  slug: string;
  position: number;
  name: string;
  description: string | null;
}

export interface SeedProvenance {
  document: string;
  quote: string;
  /** Code points, start inclusive, end exclusive. */
  startOffset: number;
  endOffset: number;
  role: MentionRole;
  reportedStatus: CommitmentStatus | null;
}

export interface SeedStatusChange {
  fromStatus: CommitmentStatus | null;
  toStatus: CommitmentStatus;
  effectiveOn: Date;
  document: string;
  rationale: string;
}

export interface SeedCommitment {
  slug: string;
  title: string;
  description: string | null;
  pillar: string;
  pillarBasis: PillarBasis;
  /** The latest status of `history`: the origin's, or a later document's. */
  status: CommitmentStatus;
  statusSince: Date;
  announcedOn: Date;
  deadline: Date | null;
  deadlinePrecision: DatePrecision | null;
  tags: string[];
  actors: { actor: string; role: ActorRole }[];
  amounts: { value: string; currency: string; originalText: string }[];
  provenance: SeedProvenance[];
  history: SeedStatusChange[];
}

export interface SeedPartnership {
  slug: string;
  name: string;
  description: string | null;
  level: PartnershipLevel;
  parties: string[];
  milestones: SeedMilestone[];
  pillars: SeedPillar[];
  commitments: SeedCommitment[];
}

export interface SeedDataset {
  countries: SeedCountry[];
  actors: SeedActor[];
  documents: SeedDocument[];
  partnerships: SeedPartnership[];
}

export class SeedDatasetError extends Error {
  override name = 'SeedDatasetError';

  constructor(readonly problems: string[]) {
    super(
      `The seed dataset has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((problem) => `  ${problem}`).join('\n'),
    );
  }
}

/** Reads, validates and resolves the dataset in `seedsDir`; throws SeedDatasetError listing every problem. */
export async function loadSeedDataset(seedsDir: string): Promise<SeedDataset> {
  const files = new SeedFiles(seedsDir);
  const keys = new Keys(files.report);
  for (const country of await readList(files, 'countries.yaml', countriesFileSchema, 'countries', countrySchema, keys.countries)) {
    keys.countries.define(country.code, { file: 'countries.yaml', value: country });
  }
  for (const actor of await readList(files, 'actors.yaml', actorsFileSchema, 'actors', actorSchema, keys.actors)) {
    keys.actors.define(actor.key, { file: 'actors.yaml', value: toSeedActor(actor) });
  }
  await readDocuments(files, keys);
  const partnerships: PartnershipSource[] = [];
  for (const file of await files.list('partnerships', '.yaml')) {
    const source = await readPartnership(files, keys, file);
    if (source) partnerships.push(source);
  }
  const dataset = new Resolver(files.report, keys).resolve(partnerships);
  if (files.problems.length > 0) throw new SeedDatasetError(files.problems);
  return dataset;
}

/** Every problem reads `<file>: <item>: <reason>`; `(file)` is the item when the file as a whole is at fault. */
type Report = (file: string, item: string, reason: string) => void;
const WHOLE_FILE = '(file)';

class SeedFiles {
  readonly problems: string[] = [];

  constructor(private readonly root: string) {}

  readonly report: Report = (file, item, reason) => {
    this.problems.push(`${file}: ${item}: ${reason}`);
  };

  async list(dir: string, extension: string): Promise<string[]> {
    try {
      const names = await readdir(path.join(this.root, dir));
      return names.filter((name) => name.endsWith(extension)).sort().map((name) => `${dir}/${name}`);
    } catch (error) {
      this.report(dir, WHOLE_FILE, `cannot list the folder: ${(error as Error).message}`);
      return [];
    }
  }

  async bytes(file: string): Promise<Buffer | undefined> {
    try {
      return await readFile(path.join(this.root, file));
    } catch (error) {
      this.report(file, WHOLE_FILE, `cannot read the file: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** The file's content as plain data, or undefined (after reporting why) when it is not readable YAML. */
  async yaml(file: string): Promise<{ raw: unknown } | undefined> {
    const bytes = await this.bytes(file);
    if (!bytes) return undefined;
    const document = parseDocument(bytes.toString('utf8'), { prettyErrors: false });
    if (document.errors.length === 0) return { raw: document.toJS() as unknown };
    for (const error of document.errors) {
      const position = error.linePos?.[0];
      this.report(file, WHOLE_FILE, `YAML ${position ? `line ${position.line} column ${position.col}: ` : ''}${error.message}`);
    }
    return undefined;
  }

  /** The value at `at` in the file, checked against `schema`; undefined after reporting each issue. */
  validate<Schema extends z.ZodType>(file: string, raw: unknown, at: PropertyKey[], schema: Schema) {
    const parsed = schema.safeParse(valueAt(raw, at));
    if (parsed.success) return parsed.data as z.output<Schema>;
    for (const issue of parsed.error.issues) {
      const issuePath = [...at, ...issue.path];
      const { item, field } = locateIssue(raw, issuePath);
      const value = valueAt(raw, issuePath);
      let reason = issue.message;
      if (issue.code === 'invalid_type' && value === undefined) reason = 'is required';
      else if (value !== null && value !== undefined && typeof value !== 'object') reason += ` (got ${JSON.stringify(value)})`;
      this.report(file, item, field ? `${field}: ${reason}` : reason);
    }
    return undefined;
  }

  /**
   * Each item of the list at `at`, validated on its own so that one bad item does not hide the others'
   * problems. `onInvalid` receives each item that failed.
   */
  validateEach<Schema extends z.ZodType>(
    file: string,
    raw: unknown,
    at: PropertyKey[],
    schema: Schema,
    onInvalid: (item: unknown) => void,
  ): z.output<Schema>[] {
    const items = valueAt(raw, at);
    if (!Array.isArray(items)) return [];
    return items.flatMap((item, index) => {
      const parsed = this.validate(file, raw, [...at, index], schema);
      if (parsed === undefined) onInvalid(item);
      return parsed === undefined ? [] : [parsed];
    });
  }
}

const COLLECTIONS: Record<string, string> = {
  countries: 'country',
  actors: 'actor',
  pillars: 'pillar',
  commitments: 'commitment',
};

/** Names the item an issue is about by its key ("commitment vn-sg-x"), falling back to its index. */
function locateIssue(raw: unknown, issuePath: PropertyKey[]): { item: string; field: string } {
  const [head, index] = issuePath;
  if (typeof head === 'string' && head in COLLECTIONS && typeof index === 'number') {
    const key = rawKey(valueAt(raw, [head, index]));
    return {
      item: key === undefined ? `${head}[${index}]` : `${COLLECTIONS[head]} ${key}`,
      field: formatPath(issuePath.slice(2)),
    };
  }
  if (head === 'partnership') {
    const slug = valueAt(raw, ['partnership', 'slug']);
    return { item: `partnership ${typeof slug === 'string' ? slug : '(no slug)'}`, field: formatPath(issuePath.slice(1)) };
  }
  const slug = valueAt(raw, ['slug']);
  if (typeof slug === 'string') return { item: `document ${slug}`, field: formatPath(issuePath) };
  return { item: WHOLE_FILE, field: formatPath(issuePath) };
}

function valueAt(raw: unknown, at: PropertyKey[]): unknown {
  return at.reduce<unknown>(
    (value, step) => (value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[step] : undefined),
    raw,
  );
}

/** The key an item is known by, when it has a usable one: `key`, or `code` for countries, `slug` for documents. */
function rawKey(item: unknown): string | undefined {
  const candidate = (item ?? {}) as { key?: unknown; code?: unknown; slug?: unknown };
  const key = candidate.key ?? candidate.code ?? candidate.slug;
  return typeof key === 'string' ? key : undefined;
}

function formatPath(at: PropertyKey[]): string {
  return at
    .map((step, index) => (typeof step === 'number' ? `[${step}]` : `${index === 0 ? '' : '.'}${String(step)}`))
    .join('');
}

interface Definition<T> {
  file: string;
  value: T;
  /** The partnership whose file defines it; undefined in the shared files. */
  partnership?: string;
}

/** Keys of one kind across all files: each is the seed's identity for a row, so a duplicate is an error. */
class Registry<T> {
  private readonly entries = new Map<string, Definition<T>>();
  private readonly invalid = new Set<string>();
  private unreadable = false;

  constructor(
    private readonly kind: string,
    private readonly report: Report,
  ) {}

  define(key: string, definition: Definition<T>): void {
    const existing = this.entries.get(key);
    if (existing) this.report(definition.file, `${this.kind} ${key}`, `duplicate key: already defined in ${existing.file}`);
    else this.entries.set(key, definition);
  }

  /** An item that failed validation: its problems are reported already, so references to it are not. */
  markInvalid(item: unknown): void {
    const key = rawKey(item);
    if (key !== undefined) this.invalid.add(key);
  }

  /** A file that defines these could not be read, so any key may have been in it. */
  markUnreadable(): void {
    this.unreadable = true;
  }

  get(key: string): Definition<T> | undefined {
    return this.entries.get(key);
  }

  /** Whether a reference to `key` is a problem of its own rather than the echo of one already reported. */
  isMissing(key: string): boolean {
    return !this.entries.has(key) && !this.invalid.has(key) && !this.unreadable;
  }

  definitions(): Definition<T>[] {
    return [...this.entries.values()];
  }
}

class Keys {
  readonly countries: Registry<SeedCountry>;
  readonly actors: Registry<SeedActor>;
  readonly documents: Registry<SeedDocument>;
  readonly partnerships: Registry<void>;
  readonly pillars: Registry<void>;
  readonly commitments: Registry<void>;

  constructor(report: Report) {
    this.countries = new Registry('country', report);
    this.actors = new Registry('actor', report);
    this.documents = new Registry('document', report);
    this.partnerships = new Registry('partnership', report);
    this.pillars = new Registry('pillar', report);
    this.commitments = new Registry('commitment', report);
  }
}

/** Reads a shared file that holds one list (countries.yaml, actors.yaml) and returns its valid items. */
async function readList<Schema extends z.ZodType>(
  files: SeedFiles,
  file: string,
  fileSchema: z.ZodType,
  collection: string,
  itemSchema: Schema,
  registry: Registry<unknown>,
): Promise<z.output<Schema>[]> {
  const content = await files.yaml(file);
  if (!content || !files.validate(file, content.raw, [], fileSchema)) registry.markUnreadable();
  if (!content) return [];
  return files.validateEach(file, content.raw, [collection], itemSchema, (item) => registry.markInvalid(item));
}

function toSeedActor(entry: z.output<typeof actorSchema>): SeedActor {
  return { slug: entry.key, name: entry.name, kind: entry.kind, countryCode: entry.country ?? null };
}

async function readDocuments(files: SeedFiles, keys: Keys): Promise<void> {
  const texts = new Set(await files.list('documents', '.txt'));
  for (const file of await files.list('documents', '.yaml')) {
    const textFile = file.replace(/\.yaml$/, '.txt');
    texts.delete(textFile);
    const content = await files.yaml(file);
    if (!content) {
      keys.documents.markUnreadable();
      continue;
    }
    const meta = files.validate(file, content.raw, [], documentFileSchema);
    const text = meta && (await readText(files, file, meta, textFile));
    if (meta && text !== undefined) keys.documents.define(meta.slug, { file, value: toSeedDocument(meta, text) });
    else keys.documents.markInvalid(content.raw);
  }
  for (const orphan of texts) files.report(orphan, WHOLE_FILE, `has no metadata file ${path.basename(orphan, '.txt')}.yaml`);
}

async function readText(files: SeedFiles, file: string, meta: DocumentEntry, textFile: string): Promise<string | undefined> {
  const item = `document ${meta.slug}`;
  const bytes = await files.bytes(textFile);
  if (!bytes) return undefined;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== meta.sha256) {
    files.report(file, item, `sha256 ${meta.sha256} does not match ${path.basename(textFile)}, whose bytes hash to ${sha256}`);
    return undefined;
  }
  try {
    // ignoreBOM keeps a byte-order mark in the text, so the stored text hashes to the same sha256.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    files.report(file, item, `${path.basename(textFile)} is not valid UTF-8`);
    return undefined;
  }
}

function toSeedDocument(meta: DocumentEntry, text: string): SeedDocument {
  return {
    slug: meta.slug,
    title: meta.title,
    publisher: meta.publisher,
    kind: meta.kind,
    language: meta.language,
    url: meta.url ?? null,
    publishedOn: meta.published.date.first,
    publishedPrecision: meta.published.date.precision,
    publishedBasis: meta.published.basis,
    publishedReasoning: meta.published.reasoning ?? null,
    text,
    sha256: meta.sha256,
  };
}

interface PartnershipSource {
  file: string;
  partnership: PartnershipEntry;
  milestones: MilestoneEntry[];
  pillars: PillarEntry[];
  commitments: CommitmentEntry[];
}

/** Validates a partnership file and defines its keys; undefined when its header is unusable. */
async function readPartnership(files: SeedFiles, keys: Keys, file: string): Promise<PartnershipSource | undefined> {
  const content = await files.yaml(file);
  if (!content) return undefined;
  const { raw } = content;
  const shell = files.validate(file, raw, [], partnershipFileSchema);
  // Items are validated even under a broken header, so that their problems show in the same run.
  const milestones = files.validateEach(file, raw, ['partnership', 'milestones'], milestoneSchema, () => undefined);
  const pillars = files.validateEach(file, raw, ['pillars'], pillarSchema, (item) => keys.pillars.markInvalid(item));
  const actors = files.validateEach(file, raw, ['actors'], actorSchema, (item) => keys.actors.markInvalid(item));
  const commitments = files.validateEach(file, raw, ['commitments'], commitmentSchema, () => undefined);
  if (!shell) {
    pillars.forEach((pillar) => keys.pillars.markInvalid(pillar));
    actors.forEach((actor) => keys.actors.markInvalid(actor));
    return undefined;
  }
  const partnership = shell.partnership.slug;
  keys.partnerships.define(partnership, { file, value: undefined });
  pillars.forEach((pillar) => keys.pillars.define(pillar.key, { file, value: undefined, partnership }));
  actors.forEach((actor) => keys.actors.define(actor.key, { file, value: toSeedActor(actor), partnership }));
  commitments.forEach((commitment) => keys.commitments.define(commitment.key, { file, value: undefined, partnership }));
  return { file, partnership: shell.partnership, milestones, pillars, commitments };
}

/** Checks every reference and quote, and turns the validated entries into the dataset. */
class Resolver {
  constructor(
    private readonly report: Report,
    private readonly keys: Keys,
  ) {}

  resolve(partnerships: PartnershipSource[]): SeedDataset {
    const actors = this.keys.actors.definitions();
    for (const { file, value: actor } of actors) {
      if (actor.countryCode) this.requireCountry(file, `actor ${actor.slug}`, 'country', actor.countryCode);
    }
    return {
      countries: this.keys.countries.definitions().map((definition) => definition.value),
      actors: actors.map((definition) => definition.value),
      documents: this.keys.documents.definitions().map((definition) => definition.value),
      partnerships: partnerships.map((source) => this.resolvePartnership(source)),
    };
  }

  private requireCountry(file: string, item: string, field: string, code: string): void {
    if (!this.keys.countries.get(code) && this.keys.countries.isMissing(code)) {
      this.report(file, item, `${field}: country "${code}" is not defined in countries.yaml`);
    }
  }

  /** The document and the offsets of the quote in it, or undefined after reporting why not. */
  private quote(file: string, item: string, field: string, ref: { document: string; quote: string }) {
    const definition = this.keys.documents.get(ref.document);
    if (!definition) {
      if (this.keys.documents.isMissing(ref.document)) {
        this.report(file, item, `${field}: document "${ref.document}" is not defined`);
      }
      return undefined;
    }
    const located = locateQuote(definition.value.text, ref.quote);
    if (typeof located === 'string') {
      this.report(file, item, `${field}: quote ${located} in document "${ref.document}": "${ref.quote}"`);
      return undefined;
    }
    return { document: definition.value, ...located };
  }

  private resolvePartnership({ file, partnership, milestones, pillars, commitments }: PartnershipSource): SeedPartnership {
    const item = `partnership ${partnership.slug}`;
    partnership.parties.forEach((code, index) => this.requireCountry(file, item, `parties[${index}]`, code));

    const milestoneKeys = new Set<string>();
    milestones.forEach((milestone, index) => {
      // The table's unique key: a partnership reaches a kind of milestone once on a given date.
      const key = `${milestone.kind} ${milestone.date.first.toISOString()}`;
      if (milestoneKeys.has(key)) {
        this.report(file, item, `milestones[${index}]: a ${milestone.kind} milestone on ${milestone.date.text} is listed twice`);
      }
      milestoneKeys.add(key);
      this.quote(file, item, `milestones[${index}].source`, milestone.source);
    });

    const positions = new Map<number, string>();
    for (const pillar of pillars) {
      const taken = positions.get(pillar.position);
      if (taken) this.report(file, `pillar ${pillar.key}`, `position ${pillar.position} is already taken by pillar ${taken}`);
      positions.set(pillar.position, pillar.key);
      this.quote(file, `pillar ${pillar.key}`, 'source', pillar.source);
    }

    return {
      slug: partnership.slug,
      name: partnership.name,
      description: partnership.description ?? null,
      level: partnership.level,
      parties: partnership.parties,
      milestones: milestones.map((milestone) => ({
        kind: milestone.kind,
        level: milestone.level ?? null,
        title: milestone.title,
        occurredOn: milestone.date.first,
        occurredPrecision: milestone.date.precision,
        document: milestone.source.document,
        quote: milestone.source.quote,
      })),
      pillars: pillars.map((pillar) => ({
        slug: pillar.key,
        position: pillar.position,
        name: pillar.name,
        description: pillar.description ?? null,
      })),
      commitments: commitments.flatMap((commitment) => {
        const resolved = this.resolveCommitment(file, partnership.slug, commitment);
        return resolved ? [resolved] : [];
      }),
    };
  }

  private resolveCommitment(file: string, partnership: string, entry: CommitmentEntry): SeedCommitment | undefined {
    const report = (reason: string) => this.report(file, `commitment ${entry.key}`, reason);

    const pillar = this.keys.pillars.get(entry.pillar);
    if (!pillar) {
      if (this.keys.pillars.isMissing(entry.pillar)) report(`pillar "${entry.pillar}" is not defined`);
    } else if (pillar.partnership !== partnership) {
      report(`pillar "${entry.pillar}" belongs to partnership ${pillar.partnership}`);
    }

    entry.actors.forEach(({ actor }, index) => {
      const definition = this.keys.actors.get(actor);
      if (!definition) {
        if (this.keys.actors.isMissing(actor)) report(`actors[${index}]: actor "${actor}" is not defined`);
      } else if (definition.partnership !== undefined && definition.partnership !== partnership) {
        report(
          `actors[${index}]: actor "${actor}" belongs to partnership ${definition.partnership} (${definition.file}); ` +
            'an actor used by several partnerships goes in actors.yaml',
        );
      }
    });

    const provenance: Mention[] = [];
    entry.provenance.forEach((mention, index) => {
      const located = this.quote(file, `commitment ${entry.key}`, `provenance[${index}]`, mention);
      if (!located) return;
      if (mention.role === 'ORIGIN' && mention.status) {
        report(`provenance[${index}]: status is not allowed on the ORIGIN, whose status is the commitment's status`);
      }
      if (provenance.some((other) => other.document === mention.document && other.startOffset === located.startOffset)) {
        report(`provenance[${index}]: repeats an earlier quote from document "${mention.document}"`);
      }
      provenance.push({
        document: mention.document,
        quote: mention.quote,
        startOffset: located.startOffset,
        endOffset: located.endOffset,
        role: mention.role,
        reportedStatus: mention.status ?? null,
        publishedOn: located.document.publishedOn,
        title: located.document.title,
      });
    });

    const origins = entry.provenance.filter((mention) => mention.role === 'ORIGIN').length;
    if (origins !== 1) report(`has ${origins} ORIGIN provenance entries; exactly one is required`);
    const origin = provenance.find((mention) => mention.role === 'ORIGIN');
    if (!origin || origins !== 1 || provenance.length !== entry.provenance.length) return undefined;

    for (const mention of provenance) {
      if (mention.publishedOn < origin.publishedOn) {
        report(
          `provenance: document "${mention.document}" is dated before the ORIGIN document "${origin.document}"; ` +
            'the ORIGIN is the first mention',
        );
      }
    }

    const history = statusHistory(entry.status, origin, provenance);
    const latest = history[history.length - 1]!;
    return {
      slug: entry.key,
      title: entry.title,
      description: entry.description ?? null,
      pillar: entry.pillar,
      pillarBasis: entry.pillarBasis,
      status: latest.toStatus,
      statusSince: latest.effectiveOn,
      announcedOn: origin.publishedOn,
      deadline: entry.deadline?.last ?? null,
      deadlinePrecision: entry.deadline?.precision ?? null,
      tags: entry.tags ?? [],
      actors: entry.actors,
      amounts: (entry.amounts ?? []).map((amount) => ({
        value: amount.value.toFixed(2),
        currency: amount.currency,
        originalText: amount.text,
      })),
      provenance: provenance.map(({ publishedOn: _publishedOn, title: _title, ...mention }) => mention),
      history,
    };
  }
}

/** A resolved provenance entry with its document's date and title, which the status history needs. */
interface Mention extends SeedProvenance {
  publishedOn: Date;
  title: string;
}

/**
 * The origin states the first status; each later document that reports a different status moves it on,
 * in date order, effective on that document's date.
 */
function statusHistory(originStatus: CommitmentStatus, origin: Mention, mentions: Mention[]): SeedStatusChange[] {
  const history: SeedStatusChange[] = [
    {
      fromStatus: null,
      toStatus: originStatus,
      effectiveOn: origin.publishedOn,
      document: origin.document,
      rationale: `Status as stated in the origin document "${origin.title}".`,
    },
  ];
  const reports = mentions
    .filter((mention) => mention.role !== 'ORIGIN' && mention.reportedStatus !== null)
    .sort((a, b) => a.publishedOn.getTime() - b.publishedOn.getTime());
  for (const report of reports) {
    const current = history[history.length - 1]!.toStatus;
    if (report.reportedStatus === current) continue;
    history.push({
      fromStatus: current,
      toStatus: report.reportedStatus!,
      effectiveOn: report.publishedOn,
      document: report.document,
      rationale: `Reported as ${report.reportedStatus} in "${report.title}".`,
    });
  }
  return history;
}

/** Offsets of `quote` in `text`, in code points, or why it cannot be used. */
export function locateQuote(text: string, quote: string): { startOffset: number; endOffset: number } | string {
  const first = text.indexOf(quote);
  if (first < 0) return 'is not found verbatim';
  let occurrences = 1;
  for (let at = text.indexOf(quote, first + 1); at >= 0; at = text.indexOf(quote, at + 1)) occurrences++;
  if (occurrences > 1) return `occurs ${occurrences} times; lengthen it until it is unique`;
  // indexOf counts UTF-16 code units; the database counts code points.
  const startOffset = Array.from(text.slice(0, first)).length;
  return { startOffset, endOffset: startOffset + Array.from(quote).length };
}
