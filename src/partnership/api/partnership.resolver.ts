import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { CommitmentConnection } from '../../commitment/api/commitment-connection.type';
import { decodeCommitmentFilter } from '../../commitment/api/commitment-filter.decoder';
import { CommitmentConnectionArgs, CommitmentFilter } from '../../commitment/api/commitment.input';
import type { Commitment } from '../../commitment/api/commitment.type';
import { Country } from '../../country/api/country.type';
import type { GraphQLContext } from '../../graphql/context';
import { Pillar } from '../../pillar/api/pillar.type';
import { type ConnectionShape, toConnection } from '../../relay/api/connection';
import { slugOrId } from '../../relay/global-id';
import { StatusCounts } from '../../stats/api/stats.type';
import { toPartnership } from './partnership.mapper';
import { Partnership, PartnershipMilestone } from './partnership.type';

@Resolver(() => Partnership)
export class PartnershipResolver {
  @Query(() => [Partnership], {
    description: 'All partnerships, by name. The set is small and bounded (one per pair of countries), so it is a list, not a connection.',
  })
  async partnerships(@Ctx() { services }: GraphQLContext): Promise<Partnership[]> {
    return (await services.partnerships.list()).map(toPartnership);
  }

  @Query(() => Partnership, { nullable: true, description: 'One partnership, by slug or by ID (give exactly one); null when there is none.' })
  async partnership(
    @Ctx() { services, loaders }: GraphQLContext,
    @Arg('slug', () => String, { nullable: true, description: 'The partnership\'s slug, e.g. "vietnam-singapore".' }) slug?: string | null,
    @Arg('id', () => ID, { nullable: true, description: 'The partnership\'s global ID.' }) id?: string | null,
  ): Promise<Partnership | undefined> {
    const key = slugOrId(slug, id, 'Partnership');
    if ('id' in key) return loaders.partnership.load(key.id);
    const row = await services.partnerships.findBySlug(key.slug);
    return row && toPartnership(row);
  }

  @FieldResolver(() => [Country], { description: 'The countries that are parties to the partnership (two or more).' })
  parties(@Root() partnership: Partnership, @Ctx() { loaders }: GraphQLContext): Promise<Country[]> {
    return loaders.partiesOfPartnership.load(partnership.id);
  }

  @FieldResolver(() => [PartnershipMilestone], { description: 'The partnership\'s dated history (established, upgraded, frameworks added), oldest first.' })
  milestones(@Root() partnership: Partnership, @Ctx() { loaders }: GraphQLContext): Promise<PartnershipMilestone[]> {
    return loaders.milestonesOfPartnership.load(partnership.id);
  }

  @FieldResolver(() => [Pillar], { description: 'The partnership\'s pillars, in their documents\' order.' })
  pillars(@Root() partnership: Partnership, @Ctx() { loaders }: GraphQLContext): Promise<Pillar[]> {
    return loaders.pillarsOfPartnership.load(partnership.id);
  }

  @FieldResolver(() => CommitmentConnection, { description: 'The partnership\'s commitments, filtered and sorted as in `commitments`.' })
  async commitments(@Root() partnership: Partnership, @Ctx() { loaders }: GraphQLContext, @Args() args: CommitmentConnectionArgs): Promise<ConnectionShape<Commitment>> {
    return toConnection(await loaders.commitmentsOfPartnership.load({ args: args.toPageQuery(), id: partnership.id }));
  }

  @FieldResolver(() => StatusCounts, { description: 'How many of the partnership\'s commitments are in each status.' })
  statusCounts(
    @Root() partnership: Partnership,
    @Ctx() { loaders }: GraphQLContext,
    @Arg('filter', () => CommitmentFilter, { nullable: true, description: 'Which commitments to count; all non-archived ones by default.' }) filter?: CommitmentFilter | null,
  ): Promise<StatusCounts> {
    return loaders.statusCountsOfPartnership.load({ args: decodeCommitmentFilter(filter), id: partnership.id });
  }
}
