import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../../common/enums';
import { mutate } from '../../common/api/payload';
import type { GraphQLContext } from '../../graphql/context';
import { CreatePillarPayload } from './pillar-mutation.payload';
import { CreatePillarInput } from './pillar.input';
import { createPillarCommand, toPillar } from './pillar.mapper';

@Resolver()
export class PillarMutationResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => CreatePillarPayload, { description: 'Adds a pillar to a partnership. Admins only.' })
  createPillar(
    @Ctx() { services }: GraphQLContext,
    @Arg('input', () => CreatePillarInput, { validate: false, description: 'The pillar.' }) input: CreatePillarInput,
  ): Promise<CreatePillarPayload> {
    return mutate(CreatePillarPayload, input, async () => ({ pillar: toPillar(await services.pillarWrites.create(createPillarCommand(input))) }));
  }
}
