import { Field, ObjectType } from 'type-graphql';
import { DatePrecision, MilestoneKind, PartnershipLevel } from '../../common/enums';
import { DateTimeScalar, LocalDateScalar } from '../../graphql/scalars';
import { Node } from '../../relay/api/node.interface';

@ObjectType('Partnership', {
  implements: Node,
  description: 'A bilateral (or plurilateral) partnership between countries, e.g. the Vietnam–Singapore Comprehensive Strategic Partnership.',
})
export class Partnership extends Node {
  readonly typename = 'Partnership';

  @Field({ description: 'Stable, human-readable key, e.g. "vietnam-singapore".' })
  slug!: string;

  @Field({ description: 'Full name of the partnership.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the partnership covers, in a few sentences.' })
  description!: string | null;

  @Field(() => PartnershipLevel, { description: 'The level the partnership has reached now.' })
  level!: PartnershipLevel;

  @Field(() => DateTimeScalar, { description: 'When this record was created.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When this record was last changed.' })
  updatedAt!: Date;
}

@ObjectType('PartnershipMilestone', { description: 'A dated event in a partnership\'s history: established, upgraded, or a framework added.' })
export class PartnershipMilestone {
  id!: number;
  sourceDocumentId!: number | null;

  @Field(() => MilestoneKind, { description: 'What happened.' })
  kind!: MilestoneKind;

  @Field(() => PartnershipLevel, { nullable: true, description: 'The level reached, for ESTABLISHED and UPGRADED.' })
  level!: PartnershipLevel | null;

  @Field({ description: 'A short description of the milestone.' })
  title!: string;

  @Field(() => LocalDateScalar, { description: 'When it happened: the first day of the period when the precision is YEAR or MONTH.' })
  occurredOn!: Date;

  @Field(() => DatePrecision, { description: 'How much of the date the source gives.' })
  occurredPrecision!: DatePrecision;

  @Field(() => String, { nullable: true, description: 'The sentence of the source document that records the milestone, verbatim.' })
  quote!: string | null;
}
