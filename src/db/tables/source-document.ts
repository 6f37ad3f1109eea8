import type { SourceDocument } from '../../generated/prisma/client';
import type { Columns } from './columns';

export type SourceDocumentRow = SourceDocument;

/** A document as lists read it: without its text, which is tens of kilobytes and read only when asked for. */
export type SourceDocumentSummaryRow = Omit<SourceDocumentRow, 'text'>;

export const SOURCE_DOCUMENT_COLUMNS: Columns<SourceDocumentRow> = {
  id: 'id',
  slug: 'slug',
  title: 'title',
  publisher: 'publisher',
  kind: 'kind',
  publishedOn: { date: 'published_on' },
  publishedPrecision: 'published_precision',
  publishedBasis: 'published_basis',
  publishedReasoning: 'published_reasoning',
  url: 'url',
  language: 'language',
  text: 'text',
  sha256: 'sha256',
  createdAt: { date: 'created_at' },
};
