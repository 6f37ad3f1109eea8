// The party_assessment table, as raw SQL reads it (see columns.ts).
import type { PartyAssessment } from '../../generated/prisma/client';
import type { Columns } from './columns';

export type PartyAssessmentRow = PartyAssessment;

export const PARTY_ASSESSMENT_COLUMNS: Columns<PartyAssessmentRow> = {
  id: 'id',
  commitmentId: 'commitment_id',
  countryCode: 'country_code',
  status: 'status',
  score: 'score',
  rationale: 'rationale',
  evidenceUrl: 'evidence_url',
  evidenceTitle: 'evidence_title',
  evidenceDate: { date: 'evidence_date' },
  evidenceDocumentId: 'evidence_document_id',
  assessedAt: { date: 'assessed_at' },
  authorKind: 'author_kind',
  authorId: 'author_id',
  authorName: 'author_name',
};
