// What a dataset holds, counted for analysts reviewing it, and what a seed run changed, as text tables.
import type { SeedDataset } from './seed.dataset';
import { SEED_ENTITIES, type SeedReport } from './seed.counts';

export interface DocumentCount {
  slug: string;
  /** Commitments this document announced. */
  origin: number;
  /** Every provenance entry quoting it, ORIGIN included. */
  mentions: number;
}

export interface DatasetCounts {
  totals: Record<'countries' | 'actors' | 'documents' | 'partnerships' | 'pillars' | 'commitments' | 'provenance', number>;
  documents: DocumentCount[];
  partnerships: { slug: string; pillars: number; commitments: number }[];
  pillars: { slug: string; partnership: string; commitments: number }[];
  statuses: Record<string, number>;
  pillarBases: Record<string, number>;
}

export function countDataset(dataset: SeedDataset): DatasetCounts {
  const commitments = dataset.partnerships.flatMap((partnership) => partnership.commitments);
  const provenance = commitments.flatMap((commitment) => commitment.provenance);
  return {
    totals: {
      countries: dataset.countries.length,
      actors: dataset.actors.length,
      documents: dataset.documents.length,
      partnerships: dataset.partnerships.length,
      pillars: dataset.partnerships.reduce((sum, partnership) => sum + partnership.pillars.length, 0),
      commitments: commitments.length,
      provenance: provenance.length,
    },
    documents: dataset.documents.map(({ slug }) => {
      const quoting = provenance.filter((mention) => mention.document === slug);
      return { slug, origin: quoting.filter((mention) => mention.role === 'ORIGIN').length, mentions: quoting.length };
    }),
    partnerships: dataset.partnerships.map((partnership) => ({
      slug: partnership.slug,
      pillars: partnership.pillars.length,
      commitments: partnership.commitments.length,
    })),
    pillars: dataset.partnerships.flatMap((partnership) =>
      partnership.pillars.map((pillar) => ({
        slug: pillar.slug,
        partnership: partnership.slug,
        commitments: partnership.commitments.filter((commitment) => commitment.pillar === pillar.slug).length,
      })),
    ),
    statuses: tally(commitments.map((commitment) => commitment.status)),
    pillarBases: tally(commitments.map((commitment) => commitment.pillarBasis)),
  };
}

function tally(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

export function formatDatasetCounts(counts: DatasetCounts): string {
  const entries = (record: Record<string, number>) => Object.entries(record).map(([key, value]) => [key, value]);
  return [
    formatTable(['dataset', 'count'], entries(counts.totals)),
    formatTable(
      ['document', 'origin', 'mentions'],
      counts.documents.map((document) => [document.slug, document.origin, document.mentions]),
    ),
    formatTable(
      ['partnership', 'pillars', 'commitments'],
      counts.partnerships.map((partnership) => [partnership.slug, partnership.pillars, partnership.commitments]),
    ),
    formatTable(
      ['pillar', 'partnership', 'commitments'],
      counts.pillars.map((pillar) => [pillar.slug, pillar.partnership, pillar.commitments]),
    ),
    formatTable(['status', 'commitments'], entries(counts.statuses)),
    formatTable(['pillar basis', 'commitments'], entries(counts.pillarBases)),
  ].join('\n\n');
}

export function formatSeedReport(report: SeedReport): string {
  return formatTable(
    ['entity', 'created', 'updated', 'unchanged'],
    SEED_ENTITIES.map((entity) => [entity, report[entity].created, report[entity].updated, report[entity].unchanged]),
  );
}

/** A plain-text table: text columns left-aligned, numbers right-aligned. */
export function formatTable(headers: string[], rows: (string | number)[][]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => String(row[column]).length)),
  );
  const numeric = headers.map((_, column) => typeof rows[0]?.[column] === 'number');
  const line = (cells: (string | number)[]) =>
    cells
      .map((cell, column) =>
        numeric[column] ? String(cell).padStart(widths[column]!) : String(cell).padEnd(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}
