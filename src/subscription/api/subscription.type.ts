import { Field, ObjectType } from 'type-graphql';
import { Commitment } from '../../commitment/api/commitment.type';
import { StatusChange } from '../../status-history/api/status-change.type';
import { CommitmentChangeKind } from '../../commitment/commitment-change';

@ObjectType('CommitmentChangedEvent', { description: 'A committed write to a commitment.' })
export class CommitmentChangedEvent {
  @Field({ description: 'The change\'s position among all changes, in commit order: pass the last one received as `afterEventId` to resume after it.' })
  eventId!: string;

  @Field(() => CommitmentChangeKind, { description: 'What the write did.' })
  kind!: CommitmentChangeKind;

  @Field(() => Commitment, { description: 'The commitment as this write left it (a later write is a later event); its related objects (partnership, actors, ...) as they are now.' })
  commitment!: Commitment;

  @Field(() => StatusChange, { nullable: true, description: 'The history entry the write appended, for STATUS_CHANGED; null otherwise.' })
  statusChange!: StatusChange | null;
}

@ObjectType('StatusChangedEvent', { description: 'A committed change of a commitment\'s status.' })
export class StatusChangedEvent {
  @Field({ description: 'The change\'s position among all changes, in commit order: pass the last one received as `afterEventId` to resume after it.' })
  eventId!: string;

  @Field(() => Commitment, { description: 'The commitment as this write left it (a later write is a later event); its related objects (partnership, actors, ...) as they are now.' })
  commitment!: Commitment;

  @Field(() => StatusChange, { description: 'The history entry: from and to which status, when, why, by whom.' })
  statusChange!: StatusChange;
}
