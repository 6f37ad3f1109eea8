import { ArgsType, Field } from 'type-graphql';
import { CommitmentFilter } from '../../commitment/api/commitment.input';
import { DateTimeScalar, LocalDateScalar } from '../../graphql/scalars';
import { MAX_BUCKETS, TimelineInterval } from '../timeline-buckets';
import { TimelineGroupBy, type StatusTimelineCommand } from '../timeline.commands';

@ArgsType()
export class StatusTimelineArgs implements Omit<StatusTimelineCommand, 'filter'> {
  @Field(() => CommitmentFilter, {
    nullable: true,
    description: 'Which commitments to follow, as in `commitments`; all non-archived ones by default. Conditions on the status apply to the current status.',
  })
  filter?: CommitmentFilter | null;

  @Field(() => LocalDateScalar, { description: 'The first period is the one containing this day.' })
  from!: string;

  @Field(() => LocalDateScalar, { description: 'The last period is the one containing this day; not before `from`.' })
  to!: string;

  @Field(() => TimelineInterval, { description: `The length of the periods; at most ${MAX_BUCKETS} periods per request.` })
  interval!: TimelineInterval;

  @Field(() => TimelineGroupBy, { defaultValue: TimelineGroupBy.NONE, description: 'How to split the timeline into groups; NONE by default.' })
  groupBy!: TimelineGroupBy;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Count only the history recorded by this moment: the timeline as it could have been drawn then. All of it by default.',
  })
  asKnownOn?: Date | null;
}
