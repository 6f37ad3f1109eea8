import { Field, ObjectType } from 'type-graphql';
import { Payload } from '../../common/api/payload';
import { Partnership, PartnershipMilestone } from './partnership.type';

@ObjectType('CreatePartnershipPayload', { description: 'The result of createPartnership.' })
export class CreatePartnershipPayload extends Payload {
  @Field(() => Partnership, { nullable: true, description: 'The partnership; null when nothing was written.' })
  partnership?: Partnership;
}

@ObjectType('RecordPartnershipMilestonePayload', { description: 'The result of recordPartnershipMilestone.' })
export class RecordPartnershipMilestonePayload extends Payload {
  @Field(() => Partnership, { nullable: true, description: 'The partnership, with its level as it is now; null when nothing was written.' })
  partnership?: Partnership;

  @Field(() => PartnershipMilestone, { nullable: true, description: 'The milestone recorded; null when nothing was written.' })
  milestone?: PartnershipMilestone;
}
