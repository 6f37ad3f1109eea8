// The commitment table, its actors and its amounts, as raw SQL reads them (see columns.ts).
import type { Prisma } from '../../generated/prisma/client';
import type { Columns } from './columns';

export type CommitmentRow = Prisma.CommitmentGetPayload<object>;
export type CommitmentAmountRow = Prisma.CommitmentAmountGetPayload<object>;
export type CommitmentActorRow = Prisma.CommitmentActorGetPayload<object>;

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

export const COMMITMENT_ACTOR_COLUMNS: Columns<CommitmentActorRow> = {
  commitmentId: 'commitment_id',
  actorId: 'actor_id',
  role: 'role',
};

export const COMMITMENT_AMOUNT_COLUMNS: Columns<CommitmentAmountRow> = {
  id: 'id',
  commitmentId: 'commitment_id',
  value: 'value',
  currency: 'currency',
  originalText: 'original_text',
};
