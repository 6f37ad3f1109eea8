import { ArrayMaxSize, ArrayMinSize, IsOptional, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DatePrecision, MilestoneKind, PartnershipLevel } from '../../common/enums';
import { LocalDateScalar } from '../../graphql/scalars';

@InputType('CreatePartnershipInput', { description: 'A new partnership between countries.' })
export class CreatePartnershipInput {
  @Field({ description: 'Stable key: lower-case words joined by hyphens, at most 120 characters, unique.' })
  @MaxLength(120)
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug must be lower-case letters and digits in words joined by single hyphens' })
  slug!: string;

  @Field({ description: 'Full name; not blank, at most 200 characters.' })
  @MaxLength(200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the partnership covers; at most 5000 characters.' })
  @IsOptional()
  @MaxLength(5000)
  description?: string | null;

  @Field(() => PartnershipLevel, { description: 'The level the partnership has reached now.' })
  level!: PartnershipLevel;

  @Field(() => [String], { description: 'ISO 3166-1 alpha-2 codes of the parties: two to ten known countries.' })
  @ArrayMinSize(2)
  @ArrayMaxSize(10)
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'each party code must be two capital letters (ISO 3166-1 alpha-2)' })
  partyCodes!: string[];
}

@InputType('RecordPartnershipMilestoneInput', { description: 'A dated event in a partnership\'s history.' })
export class RecordPartnershipMilestoneInput {
  @Field(() => ID, { description: 'The partnership\'s global ID.' })
  partnershipId!: string;

  @Field(() => MilestoneKind, { description: 'What happened.' })
  kind!: MilestoneKind;

  @Field(() => PartnershipLevel, {
    nullable: true,
    description: 'The level reached; required for ESTABLISHED and UPGRADED. When no later such milestone exists, it becomes the partnership\'s level.',
  })
  @IsOptional()
  level?: PartnershipLevel | null;

  @Field({ description: 'A short description; not blank, at most 300 characters.' })
  @MaxLength(300)
  @Matches(/\S/, { message: 'title must not be blank' })
  title!: string;

  @Field(() => LocalDateScalar, { description: 'When it happened (the first day of the period for YEAR or MONTH); not in the future.' })
  occurredOn!: string;

  @Field(() => DatePrecision, { description: 'How much of the date the source gives.' })
  occurredPrecision!: DatePrecision;

  @Field(() => ID, { nullable: true, description: 'The source document that records it.' })
  @IsOptional()
  sourceDocumentId?: string | null;

  @Field(() => String, { nullable: true, description: 'The sentence of the source document that records it, verbatim; needs sourceDocumentId. At most 5000 characters.' })
  @IsOptional()
  @MaxLength(5000)
  quote?: string | null;
}
