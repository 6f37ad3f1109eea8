import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { decodeCommitmentFilter } from '../../commitment/api/commitment-filter.decoder';
import type { GraphQLContext } from '../../graphql/context';
import { StatusTimelineArgs } from './timeline.input';
import { toStatusTimeline } from './timeline.mapper';
import { StatusTimeline } from './timeline.type';

@Resolver(() => StatusTimeline)
export class TimelineResolver {
  @Query(() => StatusTimeline, {
    description:
      'How the statuses of the commitments a filter selects evolved over time: for each week, month, quarter or year from `from` to `to`, ' +
      'how many were in each status at its end, with completion, follow-through and compliance, overall and by group.',
  })
  async statusTimeline(@Ctx() { services }: GraphQLContext, @Args() args: StatusTimelineArgs): Promise<StatusTimeline> {
    return toStatusTimeline(await services.timeline.statusTimeline({ ...args, filter: decodeCommitmentFilter(args.filter) }));
  }
}
