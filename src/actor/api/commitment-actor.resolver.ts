import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { Actor } from './actor.type';
import { CommitmentActor } from './commitment-actor.type';

@Resolver(() => CommitmentActor)
export class CommitmentActorResolver {
  @FieldResolver(() => Actor, { description: 'The actor.' })
  async actor(@Root() commitmentActor: CommitmentActor, @Ctx() { loaders }: GraphQLContext): Promise<Actor> {
    return (await loaders.actor.load(commitmentActor.actorId))!;
  }
}
