import type { CommitmentFilterQuery } from '../db/commitment-filter';

export enum CommitmentGroupBy {
  PARTNERSHIP = 'PARTNERSHIP',
  PILLAR = 'PILLAR',
  COUNTRY = 'COUNTRY',
  ACTOR = 'ACTOR',
  TAG = 'TAG',
  STATUS = 'STATUS',
  NONE = 'NONE',
}

export interface CommitmentStatsCommand {
  filter: CommitmentFilterQuery | undefined;
  groupBy: CommitmentGroupBy;
  /** LocalDate: count the commitments as they stood at the end of that day; now when absent. */
  asOf?: string | null;
}
