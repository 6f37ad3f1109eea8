import { Field, ObjectType } from 'type-graphql';
import { Payload } from '../../common/api/payload';
import { Pillar } from './pillar.type';

@ObjectType('CreatePillarPayload', { description: 'The result of createPillar.' })
export class CreatePillarPayload extends Payload {
  @Field(() => Pillar, { nullable: true, description: 'The pillar; null when nothing was written.' })
  pillar?: Pillar;
}
