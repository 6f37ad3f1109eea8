import { Field, InputType } from 'type-graphql';
import { ActorKind } from '../../common/enums';

@InputType('ActorFilter', { description: 'Which actors to include; all conditions given must hold.' })
export class ActorFilter {
  @Field(() => ActorKind, { nullable: true, description: 'Only actors of this kind.' })
  kind?: ActorKind | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code. Only actors of this country.' })
  country?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the name; `%` and `_` match themselves. 1 to 200 characters.' })
  search?: string | null;
}
