import type { CommitmentFilter } from '../commitment/commitment.input';
import type { TimelineInterval } from './timeline-buckets';

export enum TimelineGroupBy {
  PARTNERSHIP = 'PARTNERSHIP',
  PILLAR = 'PILLAR',
  NONE = 'NONE',
}

export interface StatusTimelineCommand {
  filter?: CommitmentFilter | null;
  /** LocalDates: the first period contains `from`, the last one `to`. */
  from: string;
  to: string;
  interval: TimelineInterval;
  groupBy: TimelineGroupBy;
  /** Count only the history recorded by this moment; all of it when absent. */
  asKnownOn?: Date | null;
}
