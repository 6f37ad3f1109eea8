import { Field, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars';
import { Node } from '../../relay/api/node.interface';

@ObjectType('Pillar', {
  implements: Node,
  description: 'A thematic area of a partnership (e.g. "Economic cooperation"), as its source documents structure it.',
})
export class Pillar extends Node {
  readonly typename = 'Pillar';
  partnershipId!: number;

  @Field({ description: 'Stable, human-readable key, e.g. "vn-sg-economic".' })
  slug!: string;

  @Field(() => Int, { description: 'Order of the pillar within its partnership, from 1.' })
  position!: number;

  @Field({ description: 'Name of the pillar as its source gives it.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the pillar covers.' })
  description!: string | null;

  @Field(() => DateTimeScalar, { description: 'When this record was created.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When this record was last changed.' })
  updatedAt!: Date;
}
