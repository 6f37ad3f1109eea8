import type { Provenance } from '../../generated/prisma/client';
import type { Columns } from './columns';

export type ProvenanceRow = Provenance;

export const PROVENANCE_COLUMNS: Columns<ProvenanceRow> = {
  id: 'id',
  commitmentId: 'commitment_id',
  sourceDocumentId: 'source_document_id',
  quote: 'quote',
  startOffset: 'start_offset',
  endOffset: 'end_offset',
  role: 'role',
  reportedStatus: 'reported_status',
  createdAt: { date: 'created_at' },
};
