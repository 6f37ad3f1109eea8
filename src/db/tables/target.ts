// The commitment_target and target_reading tables (see columns.ts). Their decimals are read as exact text
// (db/target.sql.ts), never as JS numbers.
import type { CommitmentTarget, TargetReading } from '../../generated/prisma/client';
import type { Columns } from './columns';

type Decimals<Row, Fields extends keyof Row> = Omit<Row, Fields> & { [Field in Fields]: string };

/** A target with its decimals as text, and its progress as the latest reading gives it (db/target.sql.ts). */
export type TargetRow = Decimals<CommitmentTarget, 'baseline' | 'targetValue'> & { progress: number | null; met: boolean };
export type TargetReadingRow = Decimals<TargetReading, 'value'>;

export const TARGET_COLUMNS: Columns<CommitmentTarget> = {
  id: 'id',
  commitmentId: 'commitment_id',
  description: 'description',
  unit: 'unit',
  baseline: 'baseline',
  targetValue: 'target_value',
  dueOn: { date: 'due_on' },
  createdAt: { date: 'created_at' },
  updatedAt: { date: 'updated_at' },
};

export const TARGET_READING_COLUMNS: Columns<TargetReading> = {
  id: 'id',
  targetId: 'target_id',
  value: 'value',
  observedOn: { date: 'observed_on' },
  sourceUrl: 'source_url',
  sourceDocumentId: 'source_document_id',
  note: 'note',
  recordedAt: { date: 'recorded_at' },
  authorKind: 'author_kind',
  authorId: 'author_id',
  authorName: 'author_name',
};
