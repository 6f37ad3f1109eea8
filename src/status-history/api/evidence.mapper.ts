import { requireNotFuture, localDateToDate } from '../../common/dates';
import { InvalidInputError } from '../../common/errors';
import { fromGlobalId } from '../../relay/global-id';
import type { EvidenceValues } from '../evidence.commands';
import type { EvidenceInput } from './evidence.input';

/** The evidence of an input checked, its source document ID decoded: the values a command carries. */
export function evidenceValues(input: EvidenceInput, field: string[]): EvidenceValues {
  if (input.url == null && input.sourceDocumentId == null) {
    throw new InvalidInputError(`${field.at(-1)} needs a url or a sourceDocumentId`, field);
  }
  requireNotFuture(input.publishedOn, [...field, 'publishedOn']);
  return {
    url: input.url ?? null,
    sourceDocumentId: input.sourceDocumentId == null ? null : fromGlobalId(input.sourceDocumentId, 'SourceDocument', [...field, 'sourceDocumentId']),
    title: input.title.trim(),
    publishedOn: localDateToDate(input.publishedOn),
  };
}
