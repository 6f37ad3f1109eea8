import path from 'node:path';
import type { z } from 'zod';
import { documentSha256 } from '../source-document/document-hash';
import type { SeedActor, SeedDocument } from './seed.dataset';
import { SeedFiles } from './seed.files';
import type { KeyRegistry, SeedKeys } from './seed.keys';
import { type Report, WHOLE_FILE } from './seed.problems';
import { actorSchema, actorsFileSchema, type CommitmentEntry, commitmentSchema, countriesFileSchema, countrySchema, type DocumentEntry, documentFileSchema, type MilestoneEntry, milestoneSchema, type PartnershipEntry, partnershipFileSchema, type PillarEntry, pillarSchema } from './seed.schema';
import { SeedValidator } from './seed.validation';

/** A partnership file's valid entries, whose references are resolved once every file is read. */
export interface PartnershipSource {
  file: string;
  partnership: PartnershipEntry;
  milestones: MilestoneEntry[];
  pillars: PillarEntry[];
  commitments: CommitmentEntry[];
}

/**
 * Reads each kind of seed file, validates it and defines the keys it holds. The shared files go first, so
 * that the partnerships' references can be checked against every key afterwards.
 */
export class SeedReader {
  private readonly files: SeedFiles;
  private readonly validator: SeedValidator;

  constructor(
    seedsDir: string,
    private readonly report: Report,
    private readonly keys: SeedKeys,
  ) {
    this.files = new SeedFiles(seedsDir, report);
    this.validator = new SeedValidator(report);
  }

  async readCountries(): Promise<void> {
    const { countries } = this.keys;
    for (const country of await this.readList('countries.yaml', countriesFileSchema, 'countries', countrySchema, countries)) {
      countries.define(country.code, { file: 'countries.yaml', value: country });
    }
  }

  async readActors(): Promise<void> {
    const { actors } = this.keys;
    for (const actor of await this.readList('actors.yaml', actorsFileSchema, 'actors', actorSchema, actors)) {
      actors.define(actor.key, { file: 'actors.yaml', value: toSeedActor(actor) });
    }
  }

  async readDocuments(): Promise<void> {
    const texts = new Set(await this.files.list('documents', '.txt'));
    for (const file of await this.files.list('documents', '.yaml')) {
      const textFile = file.replace(/\.yaml$/, '.txt');
      texts.delete(textFile);
      const content = await this.files.yaml(file);
      if (!content) {
        this.keys.documents.markUnreadable();
        continue;
      }
      const meta = this.validator.validate(file, content.raw, [], documentFileSchema);
      const text = meta && (await this.readText(file, meta, textFile));
      if (meta && text !== undefined) this.keys.documents.define(meta.slug, { file, value: toSeedDocument(meta, text) });
      else this.keys.documents.markInvalid(content.raw);
    }
    for (const orphan of texts) this.report(orphan, WHOLE_FILE, `has no metadata file ${path.basename(orphan, '.txt')}.yaml`);
  }

  /** Every partnership file whose header is usable; the others' problems are reported. */
  async readPartnerships(): Promise<PartnershipSource[]> {
    const partnerships: PartnershipSource[] = [];
    for (const file of await this.files.list('partnerships', '.yaml')) {
      const source = await this.readPartnership(file);
      if (source) partnerships.push(source);
    }
    return partnerships;
  }

  /** Reads a shared file that holds one list (countries.yaml, actors.yaml) and returns its valid items. */
  private async readList<Schema extends z.ZodType>(
    file: string,
    fileSchema: z.ZodType,
    collection: string,
    itemSchema: Schema,
    registry: KeyRegistry<unknown>,
  ): Promise<z.output<Schema>[]> {
    const content = await this.files.yaml(file);
    if (!content || !this.validator.validate(file, content.raw, [], fileSchema)) registry.markUnreadable();
    if (!content) return [];
    return this.validator.validateEach(file, content.raw, [collection], itemSchema, (item) => registry.markInvalid(item));
  }

  private async readText(file: string, meta: DocumentEntry, textFile: string): Promise<string | undefined> {
    const item = `document ${meta.slug}`;
    const bytes = await this.files.bytes(textFile);
    if (!bytes) return undefined;
    const sha256 = documentSha256(bytes);
    if (sha256 !== meta.sha256) {
      this.report(file, item, `sha256 ${meta.sha256} does not match ${path.basename(textFile)}, whose bytes hash to ${sha256}`);
      return undefined;
    }
    try {
      // ignoreBOM keeps a byte-order mark in the text, so the stored text hashes to the same sha256.
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      this.report(file, item, `${path.basename(textFile)} is not valid UTF-8`);
      return undefined;
    }
  }

  /** Validates a partnership file and defines its keys; undefined when its header is unusable. */
  private async readPartnership(file: string): Promise<PartnershipSource | undefined> {
    const { keys, validator } = this;
    const content = await this.files.yaml(file);
    if (!content) return undefined;
    const { raw } = content;
    const shell = validator.validate(file, raw, [], partnershipFileSchema);
    // Items are validated even under a broken header, so that their problems show in the same run.
    const milestones = validator.validateEach(file, raw, ['partnership', 'milestones'], milestoneSchema, () => undefined);
    const pillars = validator.validateEach(file, raw, ['pillars'], pillarSchema, (item) => keys.pillars.markInvalid(item));
    const actors = validator.validateEach(file, raw, ['actors'], actorSchema, (item) => keys.actors.markInvalid(item));
    const commitments = validator.validateEach(file, raw, ['commitments'], commitmentSchema, () => undefined);
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
}

function toSeedActor(entry: z.output<typeof actorSchema>): SeedActor {
  return { slug: entry.key, name: entry.name, kind: entry.kind, countryCode: entry.country ?? null };
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
