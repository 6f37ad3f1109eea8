// Reads of the evidence attached to commitments: pages per commitment, newest attached first.
import { Prisma } from '../generated/prisma/client';
import type { KeysetOrder } from './keyset';
import { selectList } from './tables/columns';
import { EVIDENCE_COLUMNS, type EvidenceRow } from './tables/evidence';

/** Newest attached first (recorded_at, then id): a keyset order over `ev`, the evidence table. */
export const EVIDENCE_NEWEST_FIRST: KeysetOrder<EvidenceRow> = {
  name: 'RECORDED_AT:DESC',
  column: Prisma.raw('ev.recorded_at'),
  id: Prisma.raw('ev.id'),
  type: 'timestamptz',
  nullable: false,
  direction: 'DESC',
  valueOf: (evidence: EvidenceRow) => evidence.recordedAt,
};

/** What pages of evidence read, per commitment (`parentIds`), on the (commitment_id) index. */
export function evidenceOfCommitments(commitmentIds: readonly number[]) {
  return {
    select: selectList('ev', EVIDENCE_COLUMNS),
    from: Prisma.sql`evidence ev`,
    where: Prisma.sql`TRUE`,
    parentColumn: Prisma.sql`ev.commitment_id`,
    parentIds: commitmentIds,
  };
}
