import type { StatusChange } from '../../generated/prisma/client';
import type { ColumnMap } from './columns';

export type StatusChangeRow = StatusChange;

export const STATUS_CHANGE_COLUMNS: ColumnMap<StatusChangeRow> = {
  id: 'id',
  commitmentId: 'commitment_id',
  fromStatus: 'from_status',
  toStatus: 'to_status',
  effectiveOn: 'effective_on',
  recordedAt: 'recorded_at',
  rationale: 'rationale',
  evidenceUrl: 'evidence_url',
  evidenceTitle: 'evidence_title',
  evidenceDate: 'evidence_date',
  evidenceDocumentId: 'evidence_document_id',
  authorKind: 'author_kind',
  authorId: 'author_id',
  authorName: 'author_name',
};
