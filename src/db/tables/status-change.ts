import type { StatusChange } from '../../generated/prisma/client';
import type { Columns } from './columns';

export type StatusChangeRow = StatusChange;

export const STATUS_CHANGE_COLUMNS: Columns<StatusChangeRow> = {
  id: 'id',
  commitmentId: 'commitment_id',
  fromStatus: 'from_status',
  toStatus: 'to_status',
  effectiveOn: { date: 'effective_on' },
  recordedAt: { date: 'recorded_at' },
  rationale: 'rationale',
  evidenceUrl: 'evidence_url',
  evidenceTitle: 'evidence_title',
  evidenceDate: { date: 'evidence_date' },
  evidenceDocumentId: 'evidence_document_id',
  authorKind: 'author_kind',
  authorId: 'author_id',
  authorName: 'author_name',
  correction: 'correction',
  correctsId: 'corrects_id',
  holdsUntil: { date: 'holds_until' },
};
