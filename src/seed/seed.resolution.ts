import { locateQuote } from '../source-document/quote-locator';
import type { SeedCommitment, SeedDataset, SeedPartnership } from './seed.dataset';
import type { SeedKeys } from './seed.keys';
import type { Report } from './seed.problems';
import type { PartnershipSource } from './seed.reader';
import type { CommitmentEntry } from './seed.schema';
import { type Mention, statusHistory } from './seed.status-history';

/** Checks every reference and quote, and turns the validated entries into the dataset. */
export class SeedResolver {
  constructor(
    private readonly report: Report,
    private readonly keys: SeedKeys,
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
