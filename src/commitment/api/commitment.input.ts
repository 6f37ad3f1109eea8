import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { CommitmentStatus } from '../../common/enums';
import { DateTimeScalar, LocalDateScalar } from '../../graphql/scalars';
import { ConnectionArgs } from '../../relay/api/connection';
import { pageRequest } from '../../common/page';
import { CommitmentOrderField, type CommitmentPageQuery, OrderDirection } from '../commitment.queries';
import { decodeCommitmentFilter } from './commitment-filter.decoder';

@InputType('CommitmentFilter', {
  description:
    'Which commitments to include. All conditions given in one object must hold (AND); compose with `and`, `or` and `not`. ' +
    'An empty list matches nothing (`partnershipIds: []`, `or: []`), an empty `and` everything. Archived commitments are ' +
    'left out unless `includeArchived` is true at the top level. Dates are calendar dates; "today" is the current date in UTC.',
})
export class CommitmentFilter {
  @Field(() => [CommitmentFilter], { nullable: true, description: 'Every one of these filters must match.' })
  and?: CommitmentFilter[] | null;

  @Field(() => [CommitmentFilter], { nullable: true, description: 'At least one of these filters must match.' })
  or?: CommitmentFilter[] | null;

  @Field(() => CommitmentFilter, { nullable: true, description: 'This filter must not match.' })
  not?: CommitmentFilter | null;

  @Field(() => ID, { nullable: true, description: 'Only commitments of this partnership.' })
  partnershipId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Only commitments of any of these partnerships.' })
  partnershipIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Only commitments under this pillar.' })
  pillarId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Only commitments under any of these pillars.' })
  pillarIds?: string[] | null;

  @Field(() => [CommitmentStatus], { nullable: true, description: 'Only commitments whose current status is one of these.' })
  status?: CommitmentStatus[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'ISO 3166-1 alpha-2 code. Only commitments involving this country: it is a party to the commitment\'s partnership, ' +
      'or one of the commitment\'s actors belongs to it (so a Japanese company taking part in a Viet Nam–Singapore commitment makes it match "JP").',
  })
  country?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only commitments this actor takes part in, in any role.' })
  actorId?: string | null;

  @Field(() => [String], { nullable: true, description: 'Only commitments carrying at least one of these tags.' })
  tags?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Case-insensitive substring match on the title, the description and the verbatim quotes of the commitment\'s sources. ' +
      '`%` and `_` match themselves. 1 to 200 characters.',
  })
  search?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Only commitments with a deadline on or after this date.' })
  deadlineFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Only commitments with a deadline on or before this date.' })
  deadlineTo?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only commitments with a deadline; false: only those without one.' })
  hasDeadline?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only overdue commitments, i.e. with a deadline before today (the deadline day itself is not overdue) and a status ' +
      'other than COMPLETED, SUPERSEDED and ABANDONED (STALLED ones are overdue). false: only those that are not overdue, ' +
      'including those without a deadline.',
  })
  overdue?: boolean | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Only commitments whose status last changed (statusSince) on or after this date.' })
  changedSince?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Only stale commitments: not reviewed for more than this many days, i.e. statusSince is before today minus N days and no progress note ' +
      'is effective from that day to today (a progress note counts as a review). At least 0.',
  })
  staleForDays?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only assessed commitments, those with at least one status history entry after the first (the announcement), a status change or a ' +
      'correction, or at least one progress note, whoever recorded it; false: only those never assessed since they were announced. ' +
      'The same as `Commitment.assessed`, i.e. `lastAssessedAt` is set.',
  })
  assessed?: boolean | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Only commitments whose latest assessment (lastAssessedAt) was recorded at or after this moment; never-assessed commitments do not match.',
  })
  lastAssessedFrom?: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      'Only commitments whose latest assessment (lastAssessedAt) was recorded before this moment; never-assessed commitments do not match ' +
      '(add them with `or: [{ assessed: false }]`).',
  })
  lastAssessedBefore?: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'Include archived commitments (default false). Only allowed at the top level of a filter.' })
  includeArchived?: boolean | null;
}

registerEnumType(CommitmentOrderField, {
  name: 'CommitmentOrderField',
  description: 'What to sort commitments by. Ties are broken by ID, in the same direction, so the order is stable.',
  valuesConfig: {
    UPDATED_AT: { description: 'When the record was last changed.' },
    DEADLINE: { description: 'The deadline; commitments without one come last in both directions.' },
    TITLE: { description: 'The title, in the database\'s collation.' },
    STATUS_SINCE: { description: 'The effective date of the latest status change.' },
    ANNOUNCED_ON: { description: 'The date of the document that announced the commitment.' },
    LAST_ASSESSED_AT: {
      description: 'When the latest assessment was recorded (lastAssessedAt); never-assessed commitments (null) come last in both directions.',
    },
    STATUS: { description: 'The current status, in lifecycle order: ANNOUNCED, IN_PROGRESS, PARTIALLY_COMPLETED, COMPLETED, STALLED, ABANDONED, SUPERSEDED.' },
    PILLAR: { description: 'The pillar, by its databaseId: each pillar\'s commitments together.' },
    PARTNERSHIP: { description: 'The partnership, by its databaseId: each partnership\'s commitments together.' },
  },
});

registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Sort direction.',
  valuesConfig: {
    ASC: { description: 'Smallest, earliest or A first.' },
    DESC: { description: 'Largest, latest or Z first.' },
  },
});

@InputType('CommitmentOrder', { description: 'How to sort commitments. Default: most recently updated first (UPDATED_AT, DESC).' })
export class CommitmentOrder {
  @Field(() => CommitmentOrderField, { description: 'The value to sort by.' })
  field!: CommitmentOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'The direction; ASC by default.' })
  direction!: OrderDirection;
}

@ArgsType()
export class CommitmentConnectionArgs extends ConnectionArgs {
  @Field(() => CommitmentFilter, { nullable: true, description: 'Which commitments to include; all non-archived ones by default.' })
  filter?: CommitmentFilter | null;

  @Field(() => CommitmentOrder, { nullable: true, description: 'How to sort them; most recently updated first by default.' })
  orderBy?: CommitmentOrder | null;

  /** The arguments as the commitment service takes them: the page size and cursors checked, the filter decoded. */
  toPageQuery(): CommitmentPageQuery {
    const request = pageRequest(this);
    return { filter: decodeCommitmentFilter(this.filter), orderBy: this.orderBy, request };
  }
}
