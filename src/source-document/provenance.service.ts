import { groupByKeys, orderByKeys } from '../common/batch';
import type { PrismaClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import type { Page, PageRequest } from '../relay/connection';
import { fetchPagesPerParent, Keyset, type KeysetOrder, type RunSql } from '../relay/keyset';
import { fromRow } from '../relay/node.interface';
import { Provenance } from './api/provenance.type';

export const IN_TEXT_ORDER: KeysetOrder<Provenance> = {
  name: 'START_OFFSET:ASC',
  column: Prisma.raw('p.start_offset'),
  id: Prisma.raw('p.id'),
  type: 'int',
  nullable: false,
  direction: 'ASC',
  valueOf: (provenance) => provenance.startOffset,
};

const COLUMNS = Prisma.sql`p.id, p.commitment_id AS "commitmentId", p.source_document_id AS "sourceDocumentId", p.quote,
  p.start_offset AS "startOffset", p.end_offset AS "endOffset", p.role, p.reported_status AS "reportedStatus"`;

const toProvenance = (row: object) => fromRow(Provenance, row);

export class ProvenanceService {
  private readonly run: RunSql;

  constructor(private readonly prisma: PrismaClient) {
    this.run = (sql) => prisma.$queryRaw(sql);
  }

  async findByIds(ids: readonly number[]): Promise<(Provenance | undefined)[]> {
    const rows = await this.prisma.provenance.findMany({ where: { id: { in: [...ids] } } });
    return orderByKeys(ids, rows, (row) => row.id).map((row) => row && toProvenance(row));
  }

  /** The sources of each commitment: the announcing document first, then later mentions and evidence. */
  async ofCommitments(commitmentIds: readonly number[]): Promise<Provenance[][]> {
    const rows = await this.prisma.provenance.findMany({
      where: { commitmentId: { in: [...commitmentIds] } },
      orderBy: [{ role: 'asc' }, { id: 'asc' }],
    });
    return groupByKeys(commitmentIds, rows, (row) => row.commitmentId).map((group) => group.map(toProvenance));
  }

  /** The same page of mentions in each of several documents, in the order of their text, in one statement. */
  mentionsOf(documentIds: readonly number[], request: PageRequest): Promise<Page<Provenance>[]> {
    return fetchPagesPerParent(
      this.run,
      new Keyset(IN_TEXT_ORDER, request),
      {
        select: COLUMNS,
        // Archived commitments are hidden here as in every list of commitments.
        from: Prisma.sql`provenance p JOIN commitment c ON c.id = p.commitment_id`,
        where: Prisma.sql`c.archived_at IS NULL`,
        parentColumn: Prisma.sql`p.source_document_id`,
        parentIds: documentIds,
      },
      toProvenance,
    );
  }
}
