import { Prisma } from '../generated/prisma/client';
import type { KeysetOrder } from './keyset';
import { selectList } from './tables/columns';
import { SOURCE_DOCUMENT_COLUMNS, type SourceDocumentRow, type SourceDocumentSummaryRow } from './tables/source-document';

// The text is left out: most queries want only a document's metadata, and the text has a loader of its own,
// used only when a client selects it. (Prisma's `omit` still reads the column from the database, hence SQL.)
const SUMMARY_FIELDS = (Object.keys(SOURCE_DOCUMENT_COLUMNS) as (keyof SourceDocumentRow)[]).filter((field) => field !== 'text');
const SUMMARY_COLUMNS = selectList('d', SOURCE_DOCUMENT_COLUMNS, SUMMARY_FIELDS);

/**
 * Newest first, then by id: a keyset order over `d`, the source_document table.
 */
export const DOCUMENTS_NEWEST_FIRST: KeysetOrder<SourceDocumentSummaryRow> = {
  name: 'PUBLISHED_ON:DESC',
  column: Prisma.raw('d.published_on'),
  id: Prisma.raw('d.id'),
  type: 'date',
  nullable: false,
  direction: 'DESC',
  valueOf: (document: SourceDocumentSummaryRow) => document.publishedOn,
};

export function documentSummariesByIds(ids: readonly number[]): Prisma.Sql {
  return Prisma.sql`SELECT ${SUMMARY_COLUMNS} FROM source_document d WHERE d.id = ANY(${[...ids]}::int[])`;
}

export function documentSummaryBySlug(slug: string): Prisma.Sql {
  return Prisma.sql`SELECT ${SUMMARY_COLUMNS} FROM source_document d WHERE d.slug = ${slug}`;
}

/** What a page of all documents reads. */
export const DOCUMENT_SUMMARIES = { select: SUMMARY_COLUMNS, from: Prisma.sql`source_document d`, where: Prisma.sql`TRUE` };
