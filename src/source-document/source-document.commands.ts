import type { EntityRef } from '../common/commands';
import type { CommitmentStatus, DateBasis, DatePrecision, DocumentKind, MentionRole } from '../generated/prisma/enums';
import type { QuoteOffsets } from './quote-locator';

/** A quote of the new document, located in its text (quote-locator), to trace a commitment to. */
export interface ProvenanceLink extends QuoteOffsets {
  commitment: EntityRef;
  quote: string;
  role: MentionRole;
  reportedStatus?: CommitmentStatus | null;
  /** The link's place in the input, e.g. ['input', 'provenance', '0'], for errors. */
  field: string[];
}

export interface CreateSourceDocumentCommand {
  slug: string;
  title: string;
  publisher: string;
  kind: DocumentKind;
  publishedOn: Date;
  publishedPrecision: DatePrecision;
  publishedBasis: DateBasis;
  publishedReasoning?: string | null;
  url?: string | null;
  language: string;
  text: string;
  provenance: ProvenanceLink[];
}

/** A quote of a stored document to trace a commitment to; located in the document's text by the service. */
export interface AddProvenanceCommand {
  document: EntityRef;
  commitment: EntityRef;
  quote: string;
  role: MentionRole;
  reportedStatus?: CommitmentStatus | null;
  idempotencyKey?: string | null;
}
