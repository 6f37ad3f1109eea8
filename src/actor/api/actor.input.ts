import { IsOptional, Matches, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { ActorKind } from '../../common/enums';

@InputType('CreateActorInput', { description: 'A new actor.' })
export class CreateActorInput {
  @Field({ description: 'Stable key: lower-case words joined by hyphens, at most 120 characters, unique.' })
  @MaxLength(120)
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug must be lower-case letters and digits in words joined by single hyphens' })
  slug!: string;

  @Field({ description: 'Name; not blank, at most 300 characters.' })
  @MaxLength(300)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @Field(() => ActorKind, { description: 'What kind of body it is.' })
  kind!: ActorKind;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code of a known country, e.g. "VN"; omit for international bodies.' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be two capital letters (ISO 3166-1 alpha-2)' })
  countryCode?: string | null;
}
