import type { CommitmentCandidate } from '../../generated/prisma/client';
import type { Columns } from './columns';

export type CommitmentCandidateRow = CommitmentCandidate;

export const COMMITMENT_CANDIDATE_COLUMNS: Columns<CommitmentCandidateRow> = {
  id: 'id',
  sourceDocumentId: 'source_document_id',
  partnershipId: 'partnership_id',
  quote: 'quote',
  startOffset: 'start_offset',
  endOffset: 'end_offset',
  title: 'title',
  actors: 'actors',
  deadline: { date: 'deadline' },
  deadlinePrecision: 'deadline_precision',
  deadlineText: 'deadline_text',
  amounts: 'amounts',
  proposedStatus: 'proposed_status',
  negated: 'negated',
  suggestedPillarId: 'suggested_pillar_id',
  confidence: 'confidence',
  restatesId: 'restates_id',
  restatesSimilarity: 'restates_similarity',
  state: 'state',
  decidedAt: { date: 'decided_at' },
  decidedByKind: 'decided_by_kind',
  decidedById: 'decided_by_id',
  decidedByName: 'decided_by_name',
  rejectionReason: 'rejection_reason',
  commitmentId: 'commitment_id',
  provenanceId: 'provenance_id',
  createdAt: { date: 'created_at' },
};
