// The commitment table and its history table, as raw SQL reads them (see columns.ts).
import type { Prisma } from '../../generated/prisma/client';
import type { Columns } from './columns';

export type CommitmentRow = Prisma.CommitmentGetPayload<object>;
export type StatusChangeRow = Prisma.StatusChangeGetPayload<object>;
export type CommitmentAmountRow = Prisma.CommitmentAmountGetPayload<object>;

export const COMMITMENT_COLUMNS: Columns<CommitmentRow> = {
  id: 'id',
  slug: 'slug',
  partnershipId: 'partnership_id',
  pillarId: 'pillar_id',
  pillarBasis: 'pillar_basis',
  title: 'title',
  description: 'description',
  status: 'status',
  statusSince: { date: 'status_since' },
  announcedOn: { date: 'announced_on' },
  lastAssessedAt: { date: 'last_assessed_at' },
  deadline: { date: 'deadline' },
  deadlinePrecision: 'deadline_precision',
  tags: 'tags',
  version: 'version',
  archivedAt: { date: 'archived_at' },
  createdAt: { date: 'created_at' },
  updatedAt: { date: 'updated_at' },
};

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
};
