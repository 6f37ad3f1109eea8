import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { CommitmentConnection } from '../../commitment/api/commitment-connection.type';
import { decodeCommitmentFilter } from '../../commitment/api/commitment-filter.decoder';
import { CommitmentConnectionArgs, CommitmentFilter } from '../../commitment/api/commitment.input';
import type { Commitment } from '../../commitment/api/commitment.type';
import type { GraphQLContext } from '../../graphql/context';
import { Partnership } from '../../partnership/api/partnership.type';
import { type ConnectionShape, toConnection } from '../../relay/api/connection';
import { fromGlobalId } from '../../relay/global-id';
import { StatusCounts } from '../../stats/api/stats.type';
import { toPillar } from './pillar.mapper';
import { Pillar } from './pillar.type';

@Resolver(() => Pillar)
export class PillarResolver {
  @Query(() => [Pillar], { description: 'Pillars of all partnerships, or of one, in their documents\' order.' })
  async pillars(
    @Ctx() { services }: GraphQLContext,
    @Arg('partnershipId', () => ID, { nullable: true, description: 'Only the pillars of this partnership.' }) partnershipId?: string | null,
  ): Promise<Pillar[]> {
    const rows = await services.pillars.list({
      partnershipId: partnershipId == null ? undefined : fromGlobalId(partnershipId, 'Partnership', ['partnershipId']),
    });
    return rows.map(toPillar);
  }

  @FieldResolver(() => Partnership, { description: 'The partnership this pillar belongs to.' })
  async partnership(@Root() pillar: Pillar, @Ctx() { loaders }: GraphQLContext): Promise<Partnership> {
    return (await loaders.partnership.load(pillar.partnershipId))!;
  }

  @FieldResolver(() => CommitmentConnection, { description: 'The commitments under this pillar, filtered and sorted as in `commitments`.' })
  async commitments(@Root() pillar: Pillar, @Ctx() { loaders }: GraphQLContext, @Args() args: CommitmentConnectionArgs): Promise<ConnectionShape<Commitment>> {
    return toConnection(await loaders.commitmentsOfPillar.load({ args: args.toPageQuery(), id: pillar.id }));
  }

  @FieldResolver(() => StatusCounts, { description: 'How many of the commitments under this pillar are in each status.' })
  statusCounts(
    @Root() pillar: Pillar,
    @Ctx() { loaders }: GraphQLContext,
    @Arg('filter', () => CommitmentFilter, { nullable: true, description: 'Which commitments to count; all non-archived ones by default.' }) filter?: CommitmentFilter | null,
  ): Promise<StatusCounts> {
    return loaders.statusCountsOfPillar.load({ args: decodeCommitmentFilter(filter), id: pillar.id });
  }
}
