// How well the commitment extractor agrees with the curated seeds: each seed document is extracted with the
// context its partnership gives (parties, actors, pillars, and the commitments other documents announced),
// and the candidates are compared with the quotes the seeds file from that document.
import { agreement, type Agreement } from '../extraction/extraction.evaluation';
import type { CommitmentCandidateProposal, ExtractionContext } from '../extraction/extraction.types';
import { extractCandidates } from '../extraction/extractor';
import { PARTY_NAMES } from '../extraction/extraction.parties';
import type { SeedDataset, SeedDocument } from './seed.dataset';
import { formatTable } from './seed.report';

export interface DocumentAgreement extends Agreement {
  slug: string;
  characters: number;
  milliseconds: number;
  proposals: CommitmentCandidateProposal[];
  /** Curated quotes, as spans of the document. */
  quotes: { start: number; end: number; quote: string }[];
  /** Commitments the document makes: their ORIGIN quotes. */
  origins: number;
  /** Every provenance quote filed from the document (a quote standing for two roles counts twice here, once above). */
  mentions: number;
}

export function contextFor(dataset: SeedDataset, document: SeedDocument): ExtractionContext {
  const partnerships = dataset.partnerships.filter((partnership) =>
    partnership.commitments.some((commitment) => commitment.provenance.some((mention) => mention.document === document.slug)),
  );
  const countries = new Map(dataset.countries.map((country) => [country.code, country.name]));
  const parties = [...new Set(partnerships.flatMap((partnership) => partnership.parties))];
  const commitments = partnerships.flatMap((partnership) => partnership.commitments);
  // Other documents' commitments only: this document's own would hand the extractor the answers.
  const elsewhere = commitments.filter((commitment) => commitment.provenance.every((mention) => mention.document !== document.slug));
  const ids = new Map(commitments.map((commitment, index) => [commitment.slug, index + 1]));
  const actors = dataset.actors.map((actor, index) => ({ id: index + 1, slug: actor.slug, name: actor.name, aliases: [] as string[] }));
  const pillars = partnerships.flatMap((partnership) => partnership.pillars);
  return {
    publishedOn: document.publishedOn.toISOString().slice(0, 10),
    parties: parties.map((code) => ({ code, names: [...new Set([countries.get(code) ?? code, ...(PARTY_NAMES[code] ?? [])])] })),
    actors: actors.map(({ id, name, aliases }) => ({ id, name, aliases })),
    pillars: pillars.map((pillar, index) => ({
      id: index + 1,
      name: [pillar.name, pillar.description ?? ''].join(' '),
      texts: elsewhere.filter((commitment) => commitment.pillar === pillar.slug).map((commitment) => commitment.title),
    })),
    existing: elsewhere.map((commitment) => ({
      id: ids.get(commitment.slug)!,
      text: commitment.title,
      quotes: commitment.provenance.map((mention) => mention.quote),
    })),
  };
}

export function measureExtraction(dataset: SeedDataset): DocumentAgreement[] {
  return dataset.documents.map((document) => {
    const mentions = dataset.partnerships.flatMap((partnership) =>
      partnership.commitments.flatMap((commitment) => commitment.provenance.filter((mention) => mention.document === document.slug)),
    );
    // The same quote can stand for two roles (ORIGIN and EVIDENCE of different commitments): one span.
    const quotes = [...new Set(mentions.map((mention) => mention.quote))].map((quote) => {
      const start = document.text.indexOf(quote);
      return { start, end: start + quote.length, quote };
    });
    const context = contextFor(dataset, document);
    const started = process.hrtime.bigint();
    const proposals = extractCandidates(document.text, context);
    const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
    const origins = mentions.filter((mention) => mention.role === 'ORIGIN').length;
    return { slug: document.slug, characters: document.text.length, milliseconds, proposals, quotes, origins, mentions: mentions.length, ...agreement(quotes, proposals) };
  });
}

export function formatExtraction(results: DocumentAgreement[]): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  const sum = (pick: (result: DocumentAgreement) => number) => results.reduce((total, result) => total + pick(result), 0);
  const total = { curated: sum((r) => r.curated), candidates: sum((r) => r.candidates), recalled: sum((r) => r.recalled), precise: sum((r) => r.precise) };
  const rows = results.map((result) => [
    result.slug,
    result.origins,
    result.mentions,
    result.curated,
    result.candidates,
    result.recalled,
    result.precise,
    percent(result.recall),
    percent(result.precision),
    result.characters,
    result.milliseconds.toFixed(1),
  ]);
  rows.push([
    'total',
    sum((r) => r.origins),
    sum((r) => r.mentions),
    total.curated,
    total.candidates,
    total.recalled,
    total.precise,
    percent(total.recalled / total.curated),
    percent(total.precise / total.candidates),
    sum((r) => r.characters),
    sum((r) => r.milliseconds).toFixed(1),
  ]);
  return formatTable(['extractor vs seeds', 'commitments', 'provenance quotes', 'curated', 'candidates', 'recalled', 'precise', 'recall', 'precision', 'chars', 'ms'], rows);
}
