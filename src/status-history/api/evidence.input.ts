import { IsOptional, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { LocalDateScalar, UrlScalar } from '../../graphql/scalars';

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
