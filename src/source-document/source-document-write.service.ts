import { requireNotFuture } from '../common/dates';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { isUniqueViolation } from '../common/unique-violation';
import type { PrismaClient } from '../db/prisma';
import { localDateToDate } from '../common/scalars';
import { fromGlobalId } from '../relay/global-id';
import { fromRow } from '../relay/node.interface';
import { documentSha256 } from './document-hash';
import { Provenance } from './api/provenance.type';
import { locateQuote } from './quote-locator';
import type { CreateSourceDocumentInput } from './api/source-document.input';
import { SourceDocument } from './api/source-document.type';

export class SourceDocumentWriteService {
  constructor(private readonly prisma: PrismaClient) {}

  /** Stores a document verbatim with its SHA-256, and links the quotes given, at offsets computed here. */
  async create(input: CreateSourceDocumentInput) {
    requireNotFuture(input.publishedOn, ['input', 'publishedOn']);
    const links = (input.provenance ?? []).map((link, index) => {
      const field = ['input', 'provenance', String(index)];
      const located = locateQuote(input.text, link.quote);
      if (typeof located === 'string') throw new InvalidInputError(`provenance.${index}.quote ${located} in the text`, [...field, 'quote']);
      return { ...link, ...located, commitmentGlobalId: link.commitmentId, commitmentId: fromGlobalId(link.commitmentId, 'Commitment', [...field, 'commitmentId']), field };
    });
    const seen = new Set<string>();
    for (const link of links) {
      const key = `${link.commitmentId}:${link.startOffset}`;
      if (seen.has(key)) throw new InvalidInputError('The same quote is linked to the same commitment twice', [...link.field, 'quote']);
      seen.add(key);
    }
    const rows = await this.prisma.$transaction(async (tx) => {
      const commitments = await tx.commitment.findMany({ where: { id: { in: links.map((link) => link.commitmentId) } }, select: { id: true } });
      const known = new Set(commitments.map((row) => row.id));
      const missing = links.find((link) => !known.has(link.commitmentId));
      if (missing) throw new NotFoundError(`Commitment ${missing.commitmentGlobalId}`, [...missing.field, 'commitmentId']);
      const document = await tx.sourceDocument
        .create({
          data: {
            slug: input.slug,
            title: input.title.trim(),
            publisher: input.publisher.trim(),
            kind: input.kind,
            publishedOn: localDateToDate(input.publishedOn),
            publishedPrecision: input.publishedPrecision,
            publishedBasis: input.publishedBasis,
            publishedReasoning: input.publishedReasoning?.trim() || null,
            url: input.url ?? null,
            language: input.language,
            text: input.text,
            sha256: documentSha256(input.text),
          },
        })
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? new ConflictError(`slug "${input.slug}" is taken by another source document`, ['input', 'slug']) : error;
        });
      const provenance = await tx.provenance.createManyAndReturn({
        data: links.map((link) => ({
          commitmentId: link.commitmentId,
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
    return {
      sourceDocument: fromRow(SourceDocument, rows.document),
      provenance: rows.provenance.map((row) => fromRow(Provenance, row)),
    };
  }
}
