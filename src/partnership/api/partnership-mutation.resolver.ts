import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../../common/enums';
import { mutate } from '../../common/api/payload';
import type { GraphQLContext } from '../../graphql/context';
import { CreatePartnershipPayload, RecordPartnershipMilestonePayload } from './partnership-mutation.payload';
import { CreatePartnershipInput, RecordPartnershipMilestoneInput } from './partnership.input';
import { createPartnershipCommand, recordPartnershipMilestoneCommand, toPartnership, toPartnershipMilestone } from './partnership.mapper';

@Resolver()
export class PartnershipMutationResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => CreatePartnershipPayload, { description: 'Creates a partnership between known countries. Admins only.' })
  createPartnership(
    @Ctx() { services }: GraphQLContext,
    @Arg('input', () => CreatePartnershipInput, { validate: false, description: 'The partnership.' }) input: CreatePartnershipInput,
  ): Promise<CreatePartnershipPayload> {
    return mutate(CreatePartnershipPayload, input, async () => ({ partnership: toPartnership(await services.partnershipWrites.create(createPartnershipCommand(input))) }));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => RecordPartnershipMilestonePayload, {
    description: 'Records a milestone of a partnership (established, upgraded, framework added); the latest level milestone sets its level. Admins only.',
  })
  recordPartnershipMilestone(
    @Ctx() { services }: GraphQLContext,
    @Arg('input', () => RecordPartnershipMilestoneInput, { validate: false, description: 'The milestone.' }) input: RecordPartnershipMilestoneInput,
  ): Promise<RecordPartnershipMilestonePayload> {
    return mutate(RecordPartnershipMilestonePayload, input, async () => {
      const { partnership, milestone } = await services.partnershipWrites.recordMilestone(recordPartnershipMilestoneCommand(input));
      return { partnership: toPartnership(partnership), milestone: toPartnershipMilestone(milestone) };
    });
  }
}
