import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { decodeCommitmentFilter } from '../../commitment/api/commitment-filter.decoder';
import { CommitmentFilter } from '../../commitment/api/commitment.input';
import type { GraphQLContext } from '../../graphql/context';
import { LocalDateScalar } from '../../graphql/scalars';
import { CommitmentGroupBy } from '../stats.commands';
import { toCommitmentStats } from './stats.mapper';
import { CommitmentStats } from './stats.type';

@Resolver(() => CommitmentStats)
export class StatsResolver {
  @Query(() => CommitmentStats, {
    description: 'Follow-through statistics: how many of the commitments a filter selects are in each status, overall and by group, with completion and follow-through rates.',
  })
  async commitmentStats(
    @Ctx() { services }: GraphQLContext,
    @Arg('filter', () => CommitmentFilter, { nullable: true, description: 'Which commitments to count, as in `commitments`; all non-archived ones by default.' })
    filter: CommitmentFilter | null | undefined,
    @Arg('groupBy', () => CommitmentGroupBy, { defaultValue: CommitmentGroupBy.NONE, description: 'How to group them; NONE by default.' })
    groupBy: CommitmentGroupBy,
    @Arg('asOf', () => LocalDateScalar, {
      nullable: true,
      description:
        'Count the commitments as they stood at the end of this day: each in its status then (from its history; the STATUS grouping too), ' +
        'the status filter, overdue and staleness as of then, and commitments announced later left out. Now by default.',
    })
    asOf?: string | null,
  ): Promise<CommitmentStats> {
    return toCommitmentStats(await services.stats.commitmentStats({ filter: decodeCommitmentFilter(filter), groupBy, asOf }));
  }
}
