import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { CommitmentFilter } from '../commitment/commitment.input';
import type { GraphQLContext } from '../graphql/context';
import { CommitmentGroupBy, CommitmentStats } from './stats.type';

@Resolver(() => CommitmentStats)
export class StatsResolver {
  @Query(() => CommitmentStats, {
    description: 'Follow-through statistics: how many of the commitments a filter selects are in each status, overall and by group, with completion and follow-through rates.',
  })
  commitmentStats(
    @Ctx() { services }: GraphQLContext,
    @Arg('filter', () => CommitmentFilter, { nullable: true, description: 'Which commitments to count, as in `commitments`; all non-archived ones by default.' })
    filter: CommitmentFilter | null | undefined,
    @Arg('groupBy', () => CommitmentGroupBy, { defaultValue: CommitmentGroupBy.NONE, description: 'How to group them; NONE by default.' })
    groupBy: CommitmentGroupBy,
  ): Promise<CommitmentStats> {
    return services.stats.commitmentStats(filter, groupBy);
  }
}
