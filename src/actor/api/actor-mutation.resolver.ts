import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../../common/enums';
import { mutate } from '../../common/api/payload';
import type { GraphQLContext } from '../../graphql/context';
import { CreateActorPayload } from './actor-mutation.payload';
import { CreateActorInput } from './actor.input';
import { createActorCommand, toActor } from './actor.mapper';

@Resolver()
export class ActorMutationResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => CreateActorPayload, { description: 'Creates an actor. Admins only.' })
  createActor(
    @Ctx() { services }: GraphQLContext,
    @Arg('input', () => CreateActorInput, { validate: false, description: 'The actor.' }) input: CreateActorInput,
  ): Promise<CreateActorPayload> {
    return mutate(CreateActorPayload, input, async () => ({ actor: toActor(await services.actorWrites.create(createActorCommand(input))) }));
  }
}
