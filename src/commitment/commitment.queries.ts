// What the commitment service is asked for when it reads: plain values, decoded and checked by the API
// layer (commitment/api/) or by the compiled execution path.
import type { PageRequest } from '../common/page';
import type { CommitmentFilterQuery } from '../db/commitment-filter';

export enum CommitmentOrderField {
  UPDATED_AT = 'UPDATED_AT',
  DEADLINE = 'DEADLINE',
  TITLE = 'TITLE',
  STATUS_SINCE = 'STATUS_SINCE',
  ANNOUNCED_ON = 'ANNOUNCED_ON',
  LAST_ASSESSED_AT = 'LAST_ASSESSED_AT',
  STATUS = 'STATUS',
  PILLAR = 'PILLAR',
  PARTNERSHIP = 'PARTNERSHIP',
}

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

export interface CommitmentOrderQuery {
  field: CommitmentOrderField;
  direction: OrderDirection;
}

/** What a list of commitments is asked for with: the same on every connection of commitments. */
export interface CommitmentPageQuery {
  filter?: CommitmentFilterQuery;
  orderBy?: CommitmentOrderQuery | null;
  request: PageRequest;
  /** Select by the statuses on this day (LocalDate); the nodes are still the commitments as they are now. */
  asOf?: string | null;
}

/** What an export (GET /export/commitments.*) is asked for: the commitments query's arguments, without a page. */
export interface CommitmentExportQuery {
  filter?: CommitmentFilterQuery;
  /** Absent: in the order commitments were created, which a concurrent change cannot reorder. */
  orderBy?: CommitmentOrderQuery | null;
  /** As `commitments(asOf:)`: select by the statuses on this day (LocalDate). */
  asOf?: string | null;
}
