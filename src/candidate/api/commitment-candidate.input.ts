import { ArrayMaxSize, IsOptional, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { CandidateState, CommitmentStatus, DocumentKind } from '../../common/enums';
import { CommitmentActorInput, DeadlineInput, SLUG, TagsField } from '../../commitment/api/commitment-mutation.input';
import { LocalDateScalar, UrlScalar } from '../../graphql/scalars';
import { ConnectionArgs } from '../../relay/api/connection';

@InputType('IngestDocumentInput', {
  description: 'A new document to store verbatim and read for commitments. title, publishedOn and text are required; missing, each is a userError naming it.',
})
export class IngestDocumentInput {
  @Field(() => String, { nullable: true, description: 'Title; not blank, at most 500 characters.' })
  title?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'When it was published; not in the future.' })
  publishedOn?: string | null;

  @Field(() => UrlScalar, { nullable: true, description: 'Where it was published on the web; at most 2000 characters.' })
  @IsOptional()
  @MaxLength(2000)
  sourceUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'Who published it, at most 200 characters; by default the host of sourceUrl.' })
  @IsOptional()
  @MaxLength(200)
  publisher?: string | null;

  @Field(() => DocumentKind, { nullable: true, description: 'What kind of document it is; OTHER by default.' })
  kind?: DocumentKind | null;

  @Field(() => String, {
    nullable: true,
    description: 'The full text, stored byte for byte: UTF-8, not binary, at most 2 MB (a request that large needs REQUEST_BODY_LIMIT_BYTES raised; `npm run ingest` needs none). The same text is not ingested twice.',
  })
  text?: string | null;

  @Field(() => ID, { nullable: true, description: 'The partnership the document belongs to: its pillars and commitments guide pillar suggestions and matching.' })
  partnershipId?: string | null;
}

@InputType('CandidateEditsInput', { description: 'What to change of the extractor\'s proposal when accepting it; a field left out keeps the proposal.' })
export class CandidateEditsInput {
  @Field(() => String, { nullable: true, description: 'The commitment\'s title; at most 300 characters.' })
  @IsOptional()
  @MaxLength(300)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'A description; at most 10000 characters.' })
  @IsOptional()
  @MaxLength(10_000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'The commitment\'s slug; by default made from the title and the candidate.' })
  @IsOptional()
  @MaxLength(160)
  @Matches(SLUG, { message: 'slug must be lower-case letters and digits in words joined by single hyphens' })
  slug?: string | null;

  @Field(() => ID, { nullable: true, description: 'The pillar; required when the extractor suggested none.' })
  pillarId?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'When it was announced; by default the document\'s publication day.' })
  announcedOn?: string | null;

  @Field(() => DeadlineInput, { nullable: true, description: 'The deadline; null for none, whatever the extractor read.' })
  @IsOptional()
  @ValidateNested()
  deadline?: DeadlineInput | null;

  @Field(() => CommitmentStatus, { nullable: true, description: 'The first status; by default the one the text gives.' })
  status?: CommitmentStatus | null;

  @Field(() => [CommitmentActorInput], { nullable: true, description: 'The actors, replacing those the extractor matched to known actors; at most 50.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  actors?: CommitmentActorInput[] | null;

  @TagsField('Tags, lower-case kebab-case, at most 20 of at most 60 characters.')
  tags?: string[] | null;
}

@InputType('AcceptCandidateInput', { description: 'A candidate to accept as a new commitment.' })
export class AcceptCandidateInput {
  @Field(() => ID, { description: 'The candidate\'s global ID.' })
  id!: string;

  @Field(() => CandidateEditsInput, { nullable: true, description: 'Changes to the proposal.' })
  @IsOptional()
  @ValidateNested()
  edits?: CandidateEditsInput | null;
}

@InputType('RejectCandidateInput', { description: 'A candidate to reject as no commitment.' })
export class RejectCandidateInput {
  @Field(() => ID, { description: 'The candidate\'s global ID.' })
  id!: string;

  @Field({ description: 'Why it is no commitment; not blank, at most 2000 characters.' })
  @MaxLength(2000)
  reason!: string;
}

@InputType('MergeCandidateInput', { description: 'A candidate that mentions an existing commitment again: its quote becomes a new provenance of that commitment.' })
export class MergeCandidateInput {
  @Field(() => ID, { description: 'The candidate\'s global ID.' })
  id!: string;

  @Field(() => ID, { nullable: true, description: 'The commitment it mentions; by default the one the extractor found it restates.' })
  commitmentId?: string | null;
}

@ArgsType()
export class CommitmentCandidatesArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true, description: 'Only the candidates of this source document.' })
  documentId?: string | null;

  @Field(() => CandidateState, { defaultValue: CandidateState.PENDING, description: 'Only the candidates in this state; PENDING (the review queue) by default.' })
  state!: CandidateState;
}
