import { orderByKeys } from '../common/batch';
import type { PrismaClient } from '../db/prisma';
import { DOCUMENT_SUMMARIES, documentSummariesByIds, documentSummaryBySlug, DOCUMENTS_NEWEST_FIRST } from '../db/source-document.sql';
import type { SourceDocumentSummaryRow } from '../db/tables/source-document';
import type { Page, PageRequest } from '../common/page';
import { fetchPage, Keyset, type RunSql, runnerOf } from '../db/keyset';

/** Documents are read without their text (see db/source-document.sql.ts); textsOf reads it. */
export class SourceDocumentService {
  private readonly run: RunSql;

  constructor(private readonly prisma: PrismaClient) {
    this.run = runnerOf(prisma);
  }

  async findByIds(ids: readonly number[]): Promise<(SourceDocumentSummaryRow | undefined)[]> {
    const rows = await this.run<SourceDocumentSummaryRow>(documentSummariesByIds(ids));
    return orderByKeys(ids, rows, (row) => row.id);
  }

  async findBySlug(slug: string): Promise<SourceDocumentSummaryRow | undefined> {
    const [row] = await this.run<SourceDocumentSummaryRow>(documentSummaryBySlug(slug));
    return row;
  }

  async textsOf(ids: readonly number[]): Promise<(string | undefined)[]> {
    const rows = await this.prisma.sourceDocument.findMany({ where: { id: { in: [...ids] } }, select: { id: true, text: true } });
    return orderByKeys(ids, rows, (row) => row.id).map((row) => row?.text);
  }

  /** All source documents, newest first. */
  page(request: PageRequest): Promise<Page<SourceDocumentSummaryRow>> {
    return fetchPage(this.run, new Keyset(DOCUMENTS_NEWEST_FIRST, request), DOCUMENT_SUMMARIES, (row) => row as SourceDocumentSummaryRow);
  }
}
