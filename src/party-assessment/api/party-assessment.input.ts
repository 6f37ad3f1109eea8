import { IsOptional, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { CommitmentStatus } from '../../common/enums';
import { EvidenceInput } from '../../status-history/api/evidence.input';

@InputType('AssessPartyInput', { description: 'One party\'s own assessment of a commitment: its status and compliance score for that party.' })
export class AssessPartyInput {
  @Field(() => ID, { description: 'The commitment\'s global ID.' })
  commitmentId!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 code of the party assessed (any case); it must be a party to the commitment\'s partnership (Partnership.parties).' })
  countryCode!: string;

  @Field(() => CommitmentStatus, { description: 'Where the commitment stands for this party. The commitment\'s joint status does not change.' })
  status!: CommitmentStatus;

  @Field(() => Int, { nullable: true, description: 'The compliance score for this party, -1, 0 or +1; omit it to score `status` by the compliance rules.' })
  @IsOptional()
  @Min(-1)
  @Max(1)
  score?: number | null;

  @Field({ description: 'Why, in a sentence or a paragraph; not blank, at most 5000 characters.' })
  @MaxLength(5000)
  @Matches(/\S/, { message: 'rationale must not be blank' })
  rationale!: string;

  @Field(() => EvidenceInput, { nullable: true, description: 'The evidence the assessment rests on.' })
  @IsOptional()
  @ValidateNested()
  evidence?: EvidenceInput | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The commitment version you read; if it has changed since, nothing is written and a CONFLICT userError tells the current one.',
  })
  @IsOptional()
  @Min(1)
  expectedVersion?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Any unique string, at most 255 characters: the same key with the same input within 24 hours returns the first result and writes nothing.',
  })
  @IsOptional()
  @MinLength(1)
  @MaxLength(255)
  idempotencyKey?: string | null;
}
