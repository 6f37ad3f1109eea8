import { principalOf, type AuthenticatedViewer } from '../auth/viewer';
import { InvalidInputError, NotFoundError } from '../common/errors';
import { conflictOnUnique } from '../common/unique-violation';
import type { ProvenanceRow } from '../db/tables/provenance';
import type { SourceDocumentRow } from '../db/tables/source-document';
import type { Transaction, WriteUnit } from '../idempotency/write-unit';
import type { CommitmentStatus, MentionRole } from '../generated/prisma/enums';
import { documentSha256 } from './document-hash';
import type { AddProvenanceCommand, CreateSourceDocumentCommand } from './source-document.commands';
import { locateQuote, type QuoteOffsets } from './quote-locator';

export class SourceDocumentWriteService {
  constructor(private readonly writes: WriteUnit) {}

  /**
   * Traces a commitment to a quote of a document stored already: the quote is located in the stored text (it
   * must occur exactly once) and linked with its offsets. The document itself never changes.
   */
  async addProvenance(viewer: AuthenticatedViewer, command: AddProvenanceCommand): Promise<ProvenanceRow> {
    return this.writes.transaction({ principal: principalOf(viewer), operation: 'addProvenance', key: command.idempotencyKey, input: command }, async (tx) => {
      const document = await tx.sourceDocument.findUnique({ where: { id: command.document.id }, select: { id: true, text: true } });
      if (!document) throw new NotFoundError(`Source document ${command.document.globalId}`, ['input', 'sourceDocumentId']);
      const commitment = await tx.commitment.findUnique({ where: { id: command.commitment.id }, select: { id: true } });
      if (!commitment) throw new NotFoundError(`Commitment ${command.commitment.globalId}`, ['input', 'commitmentId']);
      const located = locateQuote(document.text, command.quote);
      if (typeof located === 'string') throw new InvalidInputError(`quote ${located} in the document's text`, ['input', 'quote']);
      return linkQuote(tx, { commitmentId: commitment.id, sourceDocumentId: document.id, quote: command.quote, ...located, role: command.role, reportedStatus: command.reportedStatus ?? null }, ['input', 'quote']);
    });
  }

  /** Stores a document verbatim with its SHA-256, and links the quotes given, at the offsets located in its text. */
  async create(command: CreateSourceDocumentCommand): Promise<{ document: SourceDocumentRow; provenance: ProvenanceRow[] }> {
    const links = command.provenance;
    const seen = new Set<string>();
    for (const link of links) {
      const key = `${link.commitment.id}:${link.startOffset}`;
      if (seen.has(key)) throw new InvalidInputError('The same quote is linked to the same commitment twice', [...link.field, 'quote']);
      seen.add(key);
    }
    return this.writes.transaction({ operation: 'createSourceDocument' }, async (tx) => {
      const commitments = await tx.commitment.findMany({ where: { id: { in: links.map((link) => link.commitment.id) } }, select: { id: true } });
      const known = new Set(commitments.map((row) => row.id));
      const missing = links.find((link) => !known.has(link.commitment.id));
      if (missing) throw new NotFoundError(`Commitment ${missing.commitment.globalId}`, [...missing.field, 'commitmentId']);
      const document = await storeDocument(tx, command);
      const provenance = await tx.provenance.createManyAndReturn({
        data: links.map((link) => ({
          commitmentId: link.commitment.id,
          sourceDocumentId: document.id,
          quote: link.quote,
          startOffset: link.startOffset,
          endOffset: link.endOffset,
          role: link.role,
          reportedStatus: link.reportedStatus ?? null,
        })),
      });
      return { document, provenance };
    });
  }
}

/** A quote of a stored document, at offsets already known (located, or proposed by the extractor). */
export interface QuoteLink extends QuoteOffsets {
  commitmentId: number;
  sourceDocumentId: number;
  quote: string;
  role: MentionRole;
  reportedStatus: CommitmentStatus | null;
}

/**
 * Links a commitment to a quote inside the caller's transaction: addProvenance's write, shared with the
 * review of candidates, so that a quote linked twice is the same CONFLICT (naming `field`) whichever way it came.
 */
export function linkQuote(tx: Transaction, link: QuoteLink, field: string[]): Promise<ProvenanceRow> {
  return conflictOnUnique(tx.provenance.create({ data: link }), 'This quote of the document is linked to the commitment already', field);
}

export type DocumentValues = Omit<CreateSourceDocumentCommand, 'provenance'>;

/**
 * Stores a document verbatim with the SHA-256 of its UTF-8 text, inside the caller's transaction: create's
 * write, shared with ingestion, so that a document has the same columns and hash whichever way it came in.
 */
export function storeDocument(tx: Transaction, command: DocumentValues): Promise<SourceDocumentRow> {
  return conflictOnUnique(
    tx.sourceDocument.create({
      data: {
        slug: command.slug,
        title: command.title.trim(),
        publisher: command.publisher.trim(),
        kind: command.kind,
        publishedOn: command.publishedOn,
        publishedPrecision: command.publishedPrecision,
        publishedBasis: command.publishedBasis,
        publishedReasoning: command.publishedReasoning?.trim() || null,
        url: command.url ?? null,
        language: command.language,
        text: command.text,
        sha256: documentSha256(command.text),
      },
    }),
    `slug "${command.slug}" is taken by another source document`,
    ['input', 'slug'],
  );
}
