import { Field, ObjectType } from 'type-graphql';
import { Commitment } from '../../commitment/api/commitment.type';
import { Payload } from '../../common/api/payload';
import { PartyAssessment } from './party-assessment.type';

@ObjectType('AssessPartyPayload', { description: 'The result of assessParty.' })
export class AssessPartyPayload extends Payload {
  @Field(() => Commitment, { nullable: true, description: 'The commitment with its new version and lastAssessedAt (its joint status unchanged); null when nothing was written.' })
  commitment?: Commitment;

  @Field(() => PartyAssessment, { nullable: true, description: 'The assessment recorded; null when nothing was written.' })
  partyAssessment?: PartyAssessment;
}
