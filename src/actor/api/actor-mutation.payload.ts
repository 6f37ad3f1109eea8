import { Field, ObjectType } from 'type-graphql';
import { Payload } from '../../common/api/payload';
import { Actor } from './actor.type';

@ObjectType('CreateActorPayload', { description: 'The result of createActor.' })
export class CreateActorPayload extends Payload {
  @Field(() => Actor, { nullable: true, description: 'The actor; null when nothing was written.' })
  actor?: Actor;
}
