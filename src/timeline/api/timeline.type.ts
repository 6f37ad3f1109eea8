import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { COMPLIANCE_RULES } from '../../db/compliance';
import { ComplianceScore } from '../../compliance/api/compliance.type';
import { DateTimeScalar, LocalDateScalar } from '../../graphql/scalars';
import { StatusCounts } from '../../stats/api/stats.type';
import { TimelineInterval } from '../timeline-buckets';
import { TimelineGroupBy } from '../timeline.commands';

registerEnumType(TimelineInterval, {
  name: 'TimelineInterval',
  description: 'The length of a status timeline\'s periods. Periods are calendar periods; each is reported as of its last day.',
  valuesConfig: {
    WEEK: { description: 'ISO weeks, Monday to Sunday.' },
    MONTH: { description: 'Calendar months.' },
    QUARTER: { description: 'Calendar quarters (January–March, …).' },
    YEAR: { description: 'Calendar years.' },
  },
});

registerEnumType(TimelineGroupBy, {
  name: 'TimelineGroupBy',
  description: 'How to split a status timeline into series.',
  valuesConfig: {
    PARTNERSHIP: { description: 'One series per partnership; key: its slug.' },
    PILLAR: { description: 'One series per pillar (its current pillar, for a commitment that was moved); key: its slug.' },
    NONE: { description: 'A single series, key "all".' },
  },
});

@ObjectType('TimelinePoint', { description: 'Where the selected commitments stood at the end of one period.' })
export class TimelinePoint {
  @Field(() => LocalDateScalar, { description: 'The first day of the period.' })
  periodStart!: string;

  @Field(() => LocalDateScalar, {
    description: 'The last day of the period: the date the counts are as of. A change effective on this day counts; one effective the next day does not.',
  })
  asOf!: string;

  @Field(() => StatusCounts, { description: 'How many commitments were in each status as of that day; commitments not announced yet are not counted.' })
  counts!: StatusCounts;

  @Field(() => Float, { nullable: true, description: 'completed / total as of that day, from 0 to 1; null when total is 0.' })
  get completionRate(): number | null {
    return this.counts.completionRate;
  }

  @Field(() => Float, { nullable: true, description: '(completed + partiallyCompleted) / total as of that day, from 0 to 1; null when total is 0.' })
  get followThroughRate(): number | null {
    return this.counts.followThroughRate;
  }

  @Field(() => ComplianceScore, { description: `The compliance score as of that day. ${COMPLIANCE_RULES}` })
  compliance!: ComplianceScore;
}

@ObjectType('StatusTimelineGroup', { description: 'The timeline of one group of commitments.' })
export class StatusTimelineGroup {
  @Field({ description: 'What identifies the group: a partnership\'s or pillar\'s slug, or "all".' })
  key!: string;

  @Field({ description: 'A human-readable name for the group.' })
  label!: string;

  @Field(() => ID, { nullable: true, description: 'The global ID of the partnership or pillar the group stands for; null for "all".' })
  nodeId!: string | null;

  @Field(() => [TimelinePoint], { description: 'One point per period, oldest first.' })
  points!: TimelinePoint[];
}

@ObjectType('StatusTimeline', {
  description:
    'How the statuses of the commitments a filter selects evolved: for each period, the counts as of its last day, computed from the ' +
    'status history\'s effective dates.',
})
export class StatusTimeline {
  @Field(() => TimelineInterval, { description: 'The length of the periods.' })
  interval!: TimelineInterval;

  @Field(() => TimelineGroupBy, { description: 'How the groups were formed.' })
  groupBy!: TimelineGroupBy;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only history recorded by this moment was counted; null: all of it.' })
  asKnownOn!: Date | null;

  @Field(() => [TimelinePoint], { description: 'Every selected commitment, one point per period, oldest first.' })
  points!: TimelinePoint[];

  @Field(() => [StatusTimelineGroup], {
    description: 'The groups, by key; groups with no commitment at any of the periods\' ends are left out. NONE gives one group, "all".',
  })
  groups!: StatusTimelineGroup[];
}
