import { Prisma } from '../generated/prisma/client';
import type { KeysetOrder } from './keyset';
import { selectList } from './tables/columns';
import { PROVENANCE_COLUMNS, type ProvenanceRow } from './tables/provenance';

/**
 * In the order of the document's text, then by id: a keyset order over `p`, the provenance table.
 */
export const IN_TEXT_ORDER: KeysetOrder<ProvenanceRow> = {
  name: 'START_OFFSET:ASC',
  column: Prisma.raw('p.start_offset'),
  id: Prisma.raw('p.id'),
  type: 'int',
  nullable: false,
  direction: 'ASC',
  valueOf: (provenance: ProvenanceRow) => provenance.startOffset,
};

/** What pages of a document's mentions read, per document (`parentIds`). Archived commitments are hidden here as in every list of commitments. */
export function mentionsOfDocuments(documentIds: readonly number[]) {
  return {
    select: selectList('p', PROVENANCE_COLUMNS),
    from: Prisma.sql`provenance p JOIN commitment c ON c.id = p.commitment_id`,
    where: Prisma.sql`c.archived_at IS NULL`,
    parentColumn: Prisma.sql`p.source_document_id`,
    parentIds: documentIds,
  };
}
