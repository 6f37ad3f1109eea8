import { ArrayMaxSize, IsOptional, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { CommitmentStatus, DateBasis, DatePrecision, DocumentKind, MentionRole } from '../../common/enums';
import { LocalDateScalar, UrlScalar } from '../../graphql/scalars';

@InputType('ProvenanceInput', { description: 'A quote of the new document to trace a commitment to; its offsets are computed.' })
export class ProvenanceInput {
  @Field(() => ID, { description: 'The commitment the quote is about.' })
  commitmentId!: string;

  @Field({ description: 'Text that occurs exactly once, verbatim, in the document; at most 5000 characters.' })
  @MinLength(1)
  @MaxLength(5000)
  quote!: string;

  @Field(() => MentionRole, { description: 'Why the document is linked to the commitment.' })
  role!: MentionRole;

  @Field(() => CommitmentStatus, { nullable: true, description: 'The status the quote reports, when it reports one.' })
  @IsOptional()
  reportedStatus?: CommitmentStatus | null;
}

@InputType('AddProvenanceInput', { description: 'A quote of a stored source document to trace a commitment to; its offsets are computed.' })
export class AddProvenanceInput {
  @Field(() => ID, { description: 'The stored source document the quote is taken from.' })
  sourceDocumentId!: string;

  @Field(() => ID, { description: 'The commitment the quote is about.' })
  commitmentId!: string;

  @Field({ description: 'Text that occurs exactly once, verbatim, in the document\'s stored text; at most 5000 characters.' })
  @MinLength(1)
  @MaxLength(5000)
  quote!: string;

  @Field(() => MentionRole, { description: 'Why the document is linked to the commitment.' })
  role!: MentionRole;

  @Field(() => CommitmentStatus, { nullable: true, description: 'The status the quote reports, when it reports one.' })
  @IsOptional()
  reportedStatus?: CommitmentStatus | null;

  @Field(() => String, {
    nullable: true,
    description: 'Any unique string, at most 255 characters: the same key with the same input within 24 hours returns the first result and writes nothing.',
  })
  @IsOptional()
  @MinLength(1)
  @MaxLength(255)
  idempotencyKey?: string | null;
}

@InputType('CreateSourceDocumentInput', { description: 'A source document, stored verbatim; its SHA-256 is computed.' })
export class CreateSourceDocumentInput {
  @Field({ description: 'Stable key: lower-case words joined by hyphens, at most 120 characters, unique.' })
  @MaxLength(120)
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug must be lower-case letters and digits in words joined by single hyphens' })
  slug!: string;

  @Field({ description: 'Title; not blank, at most 500 characters.' })
  @MaxLength(500)
  @Matches(/\S/, { message: 'title must not be blank' })
  title!: string;

  @Field({ description: 'Who published it; not blank, at most 200 characters.' })
  @MaxLength(200)
  @Matches(/\S/, { message: 'publisher must not be blank' })
  publisher!: string;

  @Field(() => DocumentKind, { description: 'What kind of document it is.' })
  kind!: DocumentKind;

  @Field(() => LocalDateScalar, { description: 'When it was published (the first day of the period for YEAR or MONTH); not in the future.' })
  publishedOn!: string;

  @Field(() => DatePrecision, { description: 'How much of the publication date is known.' })
  publishedPrecision!: DatePrecision;

  @Field(() => DateBasis, { description: 'Whether the date is printed in the document or inferred.' })
  publishedBasis!: DateBasis;

  @Field(() => String, { nullable: true, description: 'Why the date is what it is; at most 2000 characters.' })
  @IsOptional()
  @MaxLength(2000)
  publishedReasoning?: string | null;

  @Field(() => UrlScalar, { nullable: true, description: 'Where it was published on the web; at most 2000 characters.' })
  @IsOptional()
  @MaxLength(2000)
  url?: string | null;

  @Field({ description: 'BCP 47 language tag, e.g. "en" or "vi".' })
  @MaxLength(35)
  @Matches(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, { message: 'language must be a BCP 47 tag such as "en" or "zh-Hans"' })
  language!: string;

  @Field({ description: 'The full text, exactly as received (the request body is limited to 100 kB).' })
  @MaxLength(100_000)
  @Matches(/\S/, { message: 'text must not be blank' })
  text!: string;

  @Field(() => [ProvenanceInput], { nullable: true, description: 'Commitments the document speaks of, with the quote that does; at most 100.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  provenance?: ProvenanceInput[] | null;
}
