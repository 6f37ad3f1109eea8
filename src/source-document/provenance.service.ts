import { groupByKeys, orderByKeys } from '../common/batch';
import type { PrismaClient } from '../db/prisma';
import { IN_TEXT_ORDER, mentionsOfDocuments } from '../db/provenance.sql';
import type { ProvenanceRow } from '../db/tables/provenance';
import type { Page, PageRequest } from '../common/page';
import { fetchPagesPerParent, Keyset, type RunSql, runnerOf } from '../db/keyset';

export class ProvenanceService {
  private readonly run: RunSql;

  constructor(private readonly prisma: PrismaClient) {
    this.run = runnerOf(prisma);
  }

  async findByIds(ids: readonly number[]): Promise<(ProvenanceRow | undefined)[]> {
    const rows = await this.prisma.provenance.findMany({ where: { id: { in: [...ids] } } });
    return orderByKeys(ids, rows, (row) => row.id);
  }

  /** The sources of each commitment: the announcing document first, then later mentions and evidence. */
  async ofCommitments(commitmentIds: readonly number[]): Promise<ProvenanceRow[][]> {
    const rows = await this.prisma.provenance.findMany({
      where: { commitmentId: { in: [...commitmentIds] } },
      orderBy: [{ role: 'asc' }, { id: 'asc' }],
    });
    return groupByKeys(commitmentIds, rows, (row) => row.commitmentId);
  }

  /** The same page of mentions in each of several documents, in the order of their text, in one statement. */
  mentionsOf(documentIds: readonly number[], request: PageRequest): Promise<Page<ProvenanceRow>[]> {
    return fetchPagesPerParent(this.run, new Keyset(IN_TEXT_ORDER, request), mentionsOfDocuments(documentIds), (row) => row as ProvenanceRow);
  }
}
