import { IsOptional, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { InvalidInputError } from '../../common/errors';
import { requireNotFuture } from '../../common/dates';
import { LocalDateScalar, localDateToDate, UrlScalar } from '../../common/scalars';
import { fromGlobalId } from '../../relay/global-id';

@InputType('EvidenceInput', { description: 'Evidence for a change: a web page (`url`) or a stored source document (`sourceDocumentId`), with its title and date.' })
export class EvidenceInput {
  @Field(() => UrlScalar, { nullable: true, description: 'Where the evidence can be read. Give this, sourceDocumentId, or both.' })
  @IsOptional()
  @MaxLength(2000)
  url?: string | null;

  @Field(() => ID, { nullable: true, description: 'A source document stored here (see createSourceDocument).' })
  @IsOptional()
  sourceDocumentId?: string | null;

  @Field({ description: 'Title of the evidence, e.g. the headline of the article. At most 500 characters.' })
  @MaxLength(500)
  @Matches(/\S/, { message: 'title must not be blank' })
  title!: string;

  @Field(() => LocalDateScalar, { description: 'Date of the evidence; not in the future.' })
  publishedOn!: string;
}

/** Evidence checked and decoded: what the evidence columns of a history row store. */
export interface EvidenceValues {
  url: string | null;
  sourceDocumentId: number | null;
  title: string;
  publishedOn: Date;
}

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
