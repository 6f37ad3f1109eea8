// What a dataset holds, counted for analysts reviewing it, and what a seed run changed, as text tables.
import { SETTLED_STATUSES } from '../db/commitment-filter';
import { CommitmentStatus } from '../generated/prisma/enums';
import type { SeedCommitment, SeedDataset } from './seed.dataset';
import { SEED_ENTITIES, type SeedReport } from './seed.counts';

export interface DocumentCount {
  slug: string;
  /** Commitments this document announced. */
  origin: number;
  /** Every provenance entry quoting it, ORIGIN included. */
  mentions: number;
  /** Of the commitments it announced, those with a deadline and those with a stated amount. */
  withDeadline: number;
  withAmounts: number;
  /** Status history entries it is the source of: first statuses as the origin, changes as a later report. */
  historyEntries: number;
}

/** How much follow-through the dataset can show: deadlines, money, and statuses that moved. */
export interface FollowThroughCounts {
  withDeadline: number;
  withAmounts: number;
  historyEntries: number;
  /** History entries after the first: a later document reporting a new status. */
  reportedChanges: number;
  /** The date of the latest document, the day the dataset's knowledge ends. */
  overdueOn: Date;
  /** Overdue on that day, as the `overdue` filter counts: a deadline before it and a status then not settled. */
  overdue: number;
}

export interface DatasetCounts {
  totals: Record<'countries' | 'actors' | 'documents' | 'partnerships' | 'pillars' | 'commitments' | 'provenance', number>;
  documents: DocumentCount[];
  partnerships: { slug: string; pillars: number; commitments: number }[];
  pillars: { slug: string; partnership: string; commitments: number }[];
  statuses: Record<string, number>;
  pillarBases: Record<string, number>;
  followThrough: FollowThroughCounts;
  /** History entries by the status they record: first statuses (from the origin) and later reported ones. */
  history: { status: string; first: number; reported: number }[];
}

export function countDataset(dataset: SeedDataset): DatasetCounts {
  const commitments = dataset.partnerships.flatMap((partnership) => partnership.commitments);
  const provenance = commitments.flatMap((commitment) => commitment.provenance);
  const history = commitments.flatMap((commitment) => commitment.history);
  const overdueOn = new Date(Math.max(...dataset.documents.map((document) => document.publishedOn.getTime())));
  const statuses = Object.values(CommitmentStatus).filter((status) => history.some((entry) => entry.toStatus === status));
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
      const announced = commitments.filter((commitment) => originOf(commitment) === slug);
      return {
        slug,
        origin: announced.length,
        mentions: quoting.length,
        withDeadline: announced.filter(hasDeadline).length,
        withAmounts: announced.filter(hasAmounts).length,
        historyEntries: history.filter((entry) => entry.document === slug).length,
      };
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
    followThrough: {
      withDeadline: commitments.filter(hasDeadline).length,
      withAmounts: commitments.filter(hasAmounts).length,
      historyEntries: history.length,
      reportedChanges: history.filter((entry) => entry.fromStatus !== null).length,
      overdueOn,
      overdue: commitments.filter((commitment) => isOverdueOn(commitment, overdueOn)).length,
    },
    history: statuses.map((status) => ({
      status,
      first: history.filter((entry) => entry.toStatus === status && entry.fromStatus === null).length,
      reported: history.filter((entry) => entry.toStatus === status && entry.fromStatus !== null).length,
    })),
  };
}

const hasDeadline = (commitment: SeedCommitment) => commitment.deadline !== null;
const hasAmounts = (commitment: SeedCommitment) => commitment.amounts.length > 0;
const originOf = (commitment: SeedCommitment) => commitment.provenance.find((mention) => mention.role === 'ORIGIN')!.document;

/** The deadline day itself is not overdue; the status is the one in effect that day (the history is in date order). */
function isOverdueOn(commitment: SeedCommitment, day: Date): boolean {
  if (commitment.deadline === null || commitment.deadline >= day || commitment.announcedOn > day) return false;
  const status = commitment.history.filter((entry) => entry.effectiveOn <= day).at(-1)!.toStatus;
  return !(SETTLED_STATUSES as readonly CommitmentStatus[]).includes(status);
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
      ['document', 'origin', 'mentions', 'with deadline', 'with amounts', 'history entries'],
      counts.documents.map((document) => [
        document.slug,
        document.origin,
        document.mentions,
        document.withDeadline,
        document.withAmounts,
        document.historyEntries,
      ]),
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
    formatTable(['follow-through', 'count'], [
      ['commitments with a deadline', counts.followThrough.withDeadline],
      ['commitments with amounts', counts.followThrough.withAmounts],
      ['status history entries', counts.followThrough.historyEntries],
      ['of which changes reported later', counts.followThrough.reportedChanges],
      [`overdue on ${counts.followThrough.overdueOn.toISOString().slice(0, 10)}`, counts.followThrough.overdue],
    ]),
    formatTable(
      ['history status', 'first status', 'reported later'],
      counts.history.map((entry) => [entry.status, entry.first, entry.reported]),
    ),
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
