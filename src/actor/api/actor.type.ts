import { Field, ObjectType } from 'type-graphql';
import { ActorKind } from '../../common/enums';
import { DateTimeScalar } from '../../graphql/scalars';
import { Node } from '../../relay/api/node.interface';

@ObjectType('Actor', {
  implements: Node,
  description: 'A body that takes part in commitments: a government, a ministry, an agency, a company, a university…',
})
export class Actor extends Node {
  readonly typename = 'Actor';

  @Field({ description: 'Stable, human-readable key, e.g. "sg-mti".' })
  slug!: string;

  @Field({ description: 'Name of the body.' })
  name!: string;

  @Field(() => ActorKind, { description: 'What kind of body it is.' })
  kind!: ActorKind;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code of its country; null for international bodies.' })
  countryCode!: string | null;

  @Field(() => DateTimeScalar, { description: 'When this record was created.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When this record was last changed.' })
  updatedAt!: Date;
}
