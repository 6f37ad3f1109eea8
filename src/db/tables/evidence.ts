// The evidence and progress-note tables, as raw SQL reads them (see columns.ts).
import type { Evidence, ProgressNote } from '../../generated/prisma/client';
import type { Columns } from './columns';

export type EvidenceRow = Evidence;
export type ProgressNoteRow = ProgressNote;

export const EVIDENCE_COLUMNS: Columns<EvidenceRow> = {
  id: 'id',
  commitmentId: 'commitment_id',
  url: 'url',
  sourceDocumentId: 'source_document_id',
  title: 'title',
  publishedOn: { date: 'published_on' },
  note: 'note',
  recordedAt: { date: 'recorded_at' },
  authorKind: 'author_kind',
  authorId: 'author_id',
  authorName: 'author_name',
};

export const PROGRESS_NOTE_COLUMNS: Columns<ProgressNoteRow> = {
  id: 'id',
  commitmentId: 'commitment_id',
  effectiveOn: { date: 'effective_on' },
  note: 'note',
  evidenceUrl: 'evidence_url',
  evidenceTitle: 'evidence_title',
  evidenceDate: { date: 'evidence_date' },
  evidenceDocumentId: 'evidence_document_id',
  recordedAt: { date: 'recorded_at' },
  authorKind: 'author_kind',
  authorId: 'author_id',
  authorName: 'author_name',
};
