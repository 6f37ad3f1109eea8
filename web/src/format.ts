export const STATUSES = ['COMPLETED', 'PARTIALLY_COMPLETED', 'IN_PROGRESS', 'ANNOUNCED', 'STALLED', 'ABANDONED', 'SUPERSEDED'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, string> = {
  COMPLETED: 'Completed',
  PARTIALLY_COMPLETED: 'Partially completed',
  IN_PROGRESS: 'In progress',
  ANNOUNCED: 'Announced',
  STALLED: 'Stalled',
  ABANDONED: 'Abandoned',
  SUPERSEDED: 'Superseded',
};

/** The StatusCounts field of each status. */
export const COUNT_FIELDS: Record<Status, keyof StatusCounts> = {
  COMPLETED: 'completed',
  PARTIALLY_COMPLETED: 'partiallyCompleted',
  IN_PROGRESS: 'inProgress',
  ANNOUNCED: 'announced',
  STALLED: 'stalled',
  ABANDONED: 'abandoned',
  SUPERSEDED: 'superseded',
};

export interface StatusCounts {
  total: number;
  completed: number;
  partiallyCompleted: number;
  inProgress: number;
  announced: number;
  stalled: number;
  abandoned: number;
  superseded: number;
  followThroughRate: number | null;
}

export const COUNTS_FIELDS = 'total completed partiallyCompleted inProgress announced stalled abandoned superseded followThroughRate';

const LEVELS: Record<string, string> = {
  COMPREHENSIVE_STRATEGIC_PARTNERSHIP: 'Comprehensive Strategic Partnership',
  STRATEGIC_PARTNERSHIP: 'Strategic Partnership',
  COMPREHENSIVE_PARTNERSHIP: 'Comprehensive Partnership',
  OTHER: 'Other',
};

export const levelLabel = (level: string | null | undefined) => (level ? (LEVELS[level] ?? level) : '');
export const statusLabel = (status: string) => STATUS_LABELS[status as Status] ?? status;

/** A rate from 0 to 1 as a whole percentage; a dash when there is nothing to rate. */
export const percent = (rate: number | null | undefined) => (rate === null || rate === undefined ? '–' : `${Math.round(rate * 100)}%`);
/** A percentage from 0 to 100. */
export const percentage = (value: number | null | undefined) => (value === null || value === undefined ? '–' : `${Math.round(value)}%`);

export function dateLabel(date: string | null | undefined, precision?: string): string {
  if (!date) return '–';
  if (precision === 'YEAR') return date.slice(0, 4);
  if (precision === 'MONTH') return date.slice(0, 7);
  return date;
}

export const todayUtc = () => new Date().toISOString().slice(0, 10);
