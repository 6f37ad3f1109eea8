import type { Provenance } from '../../generated/prisma/client';
import type { ColumnMap } from './columns';

export type ProvenanceRow = Provenance;

export const PROVENANCE_COLUMNS: ColumnMap<ProvenanceRow> = {
  id: 'id',
  commitmentId: 'commitment_id',
  sourceDocumentId: 'source_document_id',
  quote: 'quote',
  startOffset: 'start_offset',
  endOffset: 'end_offset',
  role: 'role',
  reportedStatus: 'reported_status',
  createdAt: 'created_at',
};
