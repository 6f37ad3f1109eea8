import { InvalidInputError, NotFoundError } from '../common/errors';
import { conflictOnUnique } from '../common/unique-violation';
import type { ProvenanceRow } from '../db/tables/provenance';
import type { SourceDocumentRow } from '../db/tables/source-document';
import type { WriteUnit } from '../idempotency/write-unit';
import { documentSha256 } from './document-hash';
import type { CreateSourceDocumentCommand } from './source-document.commands';

export class SourceDocumentWriteService {
  constructor(private readonly writes: WriteUnit) {}

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
      const document = await conflictOnUnique(
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
