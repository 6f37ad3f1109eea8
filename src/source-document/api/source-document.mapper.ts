import { requireNotFuture, localDateToDate } from '../../common/dates';
import { InvalidInputError } from '../../common/errors';
import type { ProvenanceRow } from '../../db/tables/provenance';
import type { SourceDocumentSummaryRow } from '../../db/tables/source-document';
import { entityRef } from '../../relay/global-id';
import { fromRow } from '../../relay/api/node.interface';
import { locateQuote } from '../quote-locator';
import type { AddProvenanceCommand, CreateSourceDocumentCommand } from '../source-document.commands';
import { Provenance } from './provenance.type';
import type { AddProvenanceInput, CreateSourceDocumentInput } from './source-document.input';
import { SourceDocument } from './source-document.type';

/** A document as read for lists comes without its text; SourceDocument.text then loads it. */
export const toSourceDocument = (row: SourceDocumentSummaryRow): SourceDocument => fromRow(SourceDocument, row);

export const toProvenance = (row: ProvenanceRow): Provenance => fromRow(Provenance, row);

/**
 * The input's checks that need no database, in the order the mutation has always reported the first fault
 * in: the date, then link by link its quote (located in the text here, the offsets the command carries)
 * and its commitment ID.
 */
export function createSourceDocumentCommand(input: CreateSourceDocumentInput): CreateSourceDocumentCommand {
  requireNotFuture(input.publishedOn, ['input', 'publishedOn']);
  const provenance = (input.provenance ?? []).map((link, index) => {
    const field = ['input', 'provenance', String(index)];
    const located = locateQuote(input.text, link.quote);
    if (typeof located === 'string') throw new InvalidInputError(`provenance.${index}.quote ${located} in the text`, [...field, 'quote']);
    const commitment = entityRef(link.commitmentId, 'Commitment', [...field, 'commitmentId']);
    return { commitment, quote: link.quote, role: link.role, reportedStatus: link.reportedStatus, ...located, field };
  });
  return {
    slug: input.slug,
    title: input.title,
    publisher: input.publisher,
    kind: input.kind,
    publishedOn: localDateToDate(input.publishedOn),
    publishedPrecision: input.publishedPrecision,
    publishedBasis: input.publishedBasis,
    publishedReasoning: input.publishedReasoning,
    url: input.url,
    language: input.language,
    text: input.text,
    provenance,
  };
}

export function addProvenanceCommand(input: AddProvenanceInput): AddProvenanceCommand {
  return {
    document: entityRef(input.sourceDocumentId, 'SourceDocument', ['input', 'sourceDocumentId']),
    commitment: entityRef(input.commitmentId, 'Commitment', ['input', 'commitmentId']),
    quote: input.quote,
    role: input.role,
    reportedStatus: input.reportedStatus,
    idempotencyKey: input.idempotencyKey,
  };
}
