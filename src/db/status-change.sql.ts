import { Prisma } from '../generated/prisma/client';
import type { KeysetOrder } from './keyset';
import { selectList } from './tables/columns';
import { STATUS_CHANGE_COLUMNS, type StatusChangeRow } from './tables/status-change';

/**
 * Newest first by the date it took effect; entries of the same day by the order they were recorded in.
 * A keyset order over `sc`, the status_change table.
 */
export const HISTORY_NEWEST_FIRST: KeysetOrder<StatusChangeRow> = {
  name: 'EFFECTIVE_ON:DESC',
  column: Prisma.raw('sc.effective_on'),
  id: Prisma.raw('sc.id'),
  type: 'date',
  nullable: false,
  direction: 'DESC',
  valueOf: (change: StatusChangeRow) => change.effectiveOn,
};

/** What pages of history read, per commitment (`parentIds`), on the (commitment_id, effective_on DESC, id DESC) index. */
export function historyOfCommitments(commitmentIds: readonly number[]) {
  return {
    select: selectList('sc', STATUS_CHANGE_COLUMNS),
    from: Prisma.sql`status_change sc`,
    where: Prisma.sql`TRUE`,
    parentColumn: Prisma.sql`sc.commitment_id`,
    parentIds: commitmentIds,
  };
}
