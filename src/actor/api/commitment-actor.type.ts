import { Field, ObjectType } from 'type-graphql';
import { ActorRole } from '../../common/enums';

@ObjectType('CommitmentActor', { description: 'An actor\'s part in one commitment.' })
export class CommitmentActor {
  commitmentId!: number;
  actorId!: number;

  @Field(() => ActorRole, { description: 'The part the actor plays in the commitment.' })
  role!: ActorRole;
}
