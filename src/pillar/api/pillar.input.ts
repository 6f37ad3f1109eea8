import { IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType('CreatePillarInput', { description: 'A new pillar of a partnership.' })
export class CreatePillarInput {
  @Field(() => ID, { description: 'The partnership\'s global ID.' })
  partnershipId!: string;

  @Field({ description: 'Stable key: lower-case words joined by hyphens, at most 120 characters, unique.' })
  @MaxLength(120)
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug must be lower-case letters and digits in words joined by single hyphens' })
  slug!: string;

  @Field({ description: 'Name as the source gives it; not blank, at most 300 characters.' })
  @MaxLength(300)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the pillar covers; at most 5000 characters.' })
  @IsOptional()
  @MaxLength(5000)
  description?: string | null;

  @Field(() => Int, { nullable: true, description: 'Order within the partnership, from 1, not taken by another pillar; default: after the last.' })
  @IsOptional()
  @Min(1)
  @Max(1000)
  position?: number | null;
}
