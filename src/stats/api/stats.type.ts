import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CommitmentGroupBy } from '../stats.commands';

registerEnumType(CommitmentGroupBy, {
  name: 'CommitmentGroupBy',
  description: 'How to group commitments in statistics.',
  valuesConfig: {
    PARTNERSHIP: { description: 'By partnership; key: its slug.' },
    PILLAR: { description: 'By pillar; key: its slug.' },
    COUNTRY: {
      description:
        'By country involved (a party to the partnership, or the country of an actor, as in the `country` filter); key: ISO code. ' +
        'A commitment counts once in each of its countries, so the groups add up to more than the overall total.',
    },
    ACTOR: { description: 'By actor taking part; key: its slug. A commitment counts once per actor; those without actors are in no group.' },
    TAG: { description: 'By tag; key: the tag. A commitment counts once per tag; untagged ones are in no group.' },
    STATUS: { description: 'By current status; key: the status.' },
    NONE: { description: 'No grouping: a single group, key "all", holding every selected commitment.' },
  },
});

const rate = (part: number, total: number) => (total === 0 ? null : part / total);

const FOLLOW_THROUGH =
  '(completed + partiallyCompleted + targetsMet) / total, from 0 to 1; null when total is 0: a commitment is followed through when COMPLETED or ' +
  'PARTIALLY_COMPLETED, or in another status with a measurable target met; one without a met target counts by its status alone.';

@ObjectType('StatusCounts', { description: 'How many commitments are in each status.' })
export class StatusCounts {
  @Field(() => Int, { description: 'ANNOUNCED: pledged, no evidence of action yet.' })
  announced!: number;

  @Field(() => Int, { description: 'IN_PROGRESS: work has visibly started.' })
  inProgress!: number;

  @Field(() => Int, { description: 'PARTIALLY_COMPLETED: part of what was promised has been delivered.' })
  partiallyCompleted!: number;

  @Field(() => Int, { description: 'COMPLETED: delivered as promised.' })
  completed!: number;

  @Field(() => Int, { description: 'STALLED: started, then no visible progress.' })
  stalled!: number;

  @Field(() => Int, { description: 'ABANDONED: dropped by the parties.' })
  abandoned!: number;

  @Field(() => Int, { description: 'SUPERSEDED: replaced by a later commitment.' })
  superseded!: number;

  @Field(() => Int, { description: 'All commitments counted, whatever their status.' })
  total!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Commitments neither COMPLETED nor PARTIALLY_COMPLETED with at least one measurable target met (its latest reading at or beyond the target value; ' +
      'see CommitmentTarget.met): delivery shown by evidence, counted in followThroughRate as partial delivery is. ' +
      'As of a past day, by the readings observed by then. Null in statusTimeline points, which count statuses only.',
  })
  targetsMet!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Of all commitments counted, those never assessed since they were announced (the `assessed: false` filter; as they are now, also under asOf). ' +
      'Null on timeline points, which are counted from the status history alone.',
  })
  unassessed!: number | null;

  @Field(() => Float, { nullable: true, description: 'completed / total, from 0 to 1; null when total is 0.' })
  get completionRate(): number | null {
    return rate(this.completed, this.total);
  }

  @Field(() => Float, {
    nullable: true,
    description: FOLLOW_THROUGH,
  })
  get followThroughRate(): number | null {
    return rate(this.completed + this.partiallyCompleted + (this.targetsMet ?? 0), this.total);
  }
}

@ObjectType('CommitmentStatsGroup', { description: 'The status counts of one group of commitments.' })
export class CommitmentStatsGroup {
  @Field({ description: 'What identifies the group: a partnership\'s, pillar\'s or actor\'s slug, a country code, a tag, a status, or "all".' })
  key!: string;

  @Field({ description: 'A human-readable name for the group: the partnership\'s, pillar\'s, actor\'s or country\'s name, the tag, the status.' })
  label!: string;

  @Field(() => ID, { nullable: true, description: 'The global ID of the partnership, pillar or actor the group stands for; null for other groupings.' })
  nodeId!: string | null;

  @Field(() => StatusCounts, { description: 'How many of the group\'s commitments are in each status.' })
  counts!: StatusCounts;

  @Field(() => Float, { nullable: true, description: 'completed / total, from 0 to 1; null when the group is empty.' })
  get completionRate(): number | null {
    return this.counts.completionRate;
  }

  @Field(() => Float, { nullable: true, description: `${FOLLOW_THROUGH} Null when the group is empty.` })
  get followThroughRate(): number | null {
    return this.counts.followThroughRate;
  }
}

@ObjectType('CommitmentStats', { description: 'Status counts of the commitments a filter selects, overall and by group, computed in the database.' })
export class CommitmentStats {
  @Field(() => CommitmentGroupBy, { description: 'How the groups were formed.' })
  groupBy!: CommitmentGroupBy;

  @Field(() => StatusCounts, { description: 'Every selected commitment, counted once, whatever the grouping.' })
  overall!: StatusCounts;

  @Field(() => [CommitmentStatsGroup], { description: 'The groups, largest first (then by key); groups with no selected commitment are left out.' })
  groups!: CommitmentStatsGroup[];
}
