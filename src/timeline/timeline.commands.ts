import type { CommitmentFilterQuery } from '../db/commitment-filter';
import type { TimelineInterval } from './timeline-buckets';

export enum TimelineGroupBy {
  PARTNERSHIP = 'PARTNERSHIP',
  PILLAR = 'PILLAR',
  NONE = 'NONE',
}

export interface StatusTimelineCommand {
  filter?: CommitmentFilterQuery;
  /** LocalDates: the first period contains `from`, the last one `to`. */
  from: string;
  to: string;
  interval: TimelineInterval;
  groupBy: TimelineGroupBy;
  /** Count only the history recorded by this moment; all of it when absent. */
  asKnownOn?: Date | null;
}
