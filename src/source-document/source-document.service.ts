import { orderByKeys } from '../common/batch';
import type { PrismaClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import type { Page, PageRequest } from '../relay/connection';
import { fetchPage, Keyset, type KeysetOrder, type RunSql } from '../relay/keyset';
import { fromRow } from '../relay/node.interface';
import { SourceDocument } from './api/source-document.type';

export const NEWEST_FIRST: KeysetOrder<SourceDocument> = {
  name: 'PUBLISHED_ON:DESC',
  column: Prisma.raw('d.published_on'),
  id: Prisma.raw('d.id'),
  type: 'date',
  nullable: false,
  direction: 'DESC',
  valueOf: (document) => document.publishedOn,
};

// The text is left out: documents are tens of kilobytes, and most queries want only their metadata.
// It has a loader of its own, used only when a client selects it. (Prisma's `omit` still reads the
// column from the database, hence SQL.)
const COLUMNS = Prisma.sql`d.id, d.slug, d.title, d.publisher, d.kind, d.published_on AS "publishedOn",
  d.published_precision AS "publishedPrecision", d.published_basis AS "publishedBasis",
  d.published_reasoning AS "publishedReasoning", d.url, d.language, d.sha256, d.created_at AS "createdAt"`;

const toDocument = (row: object) => fromRow(SourceDocument, row);

export class SourceDocumentService {
  private readonly run: RunSql;

  constructor(private readonly prisma: PrismaClient) {
    this.run = (sql) => prisma.$queryRaw(sql);
  }

  async findByIds(ids: readonly number[]): Promise<(SourceDocument | undefined)[]> {
    const rows = await this.run<SourceDocument>(Prisma.sql`SELECT ${COLUMNS} FROM source_document d WHERE d.id = ANY(${[...ids]}::int[])`);
    return orderByKeys(ids, rows, (row) => row.id).map((row) => row && toDocument(row));
  }

  async findBySlug(slug: string): Promise<SourceDocument | undefined> {
    const [row] = await this.run<SourceDocument>(Prisma.sql`SELECT ${COLUMNS} FROM source_document d WHERE d.slug = ${slug}`);
    return row ? toDocument(row) : undefined;
  }

  async textsOf(ids: readonly number[]): Promise<(string | undefined)[]> {
    const rows = await this.prisma.sourceDocument.findMany({ where: { id: { in: [...ids] } }, select: { id: true, text: true } });
    return orderByKeys(ids, rows, (row) => row.id).map((row) => row?.text);
  }

  /** All source documents, newest first. */
  page(request: PageRequest): Promise<Page<SourceDocument>> {
    const source = { select: COLUMNS, from: Prisma.sql`source_document d`, where: Prisma.sql`TRUE` };
    return fetchPage(this.run, new Keyset(NEWEST_FIRST, request), source, toDocument);
  }
}
