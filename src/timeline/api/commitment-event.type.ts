import { type ClassType, Field, ID, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateScalar } from '../../graphql/scalars';
import { Connection } from '../../relay/api/connection';
import { toGlobalId } from '../../relay/global-id';
import { CommitmentEventKind } from '../../db/commitment-events.sql';

registerEnumType(CommitmentEventKind, {
  name: 'CommitmentEventKind',
  description: 'What happened to a commitment on a day of its timeline.',
  valuesConfig: {
    ANNOUNCED: { description: 'The commitment was announced (its announcedOn date and its origin document).' },
    STATUS_CHANGE: { description: 'Its status changed (every history entry after the first; the first is the announcement).' },
    PROGRESS_NOTE: { description: 'An editor recorded an assessment that changed no status.' },
    EVIDENCE: { description: 'Evidence about it was published (dated by its publication, or by when it was attached if undated).' },
    TARGET_READING: { description: 'A value of one of its measurable targets was observed (dated by observedOn).' },
  },
});

@InterfaceType('CommitmentEvent', {
  description: 'A dated event of a commitment\'s timeline. Select the fields of each kind with `... on StatusChangeEvent { … }` and so on.',
  resolveType: (event: CommitmentEvent) => event.typename,
})
export abstract class CommitmentEvent {
  /** The GraphQL type name; also the prefix of the event's ID. */
  abstract readonly typename: string;
  commitmentId!: number;
  /** The primary key of the row the event stands for (the commitment's own, for ANNOUNCED). */
  sourceId!: number;

  @Field(() => ID, { name: 'id', description: 'Opaque identifier of the event, stable across requests.' })
  get globalId(): string {
    return toGlobalId(this.typename, this.sourceId);
  }

  @Field(() => CommitmentEventKind, { description: 'What happened.' })
  kind!: CommitmentEventKind;

  @Field(() => LocalDateScalar, { description: 'The day it happened in the world.' })
  occurredOn!: Date;
}

@ObjectType('CommitmentAnnouncedEvent', { implements: CommitmentEvent, description: 'The commitment was announced.' })
export class CommitmentAnnouncedEvent extends CommitmentEvent {
  readonly typename = 'CommitmentAnnouncedEvent';
  /** The first ORIGIN mention, if any. */
  provenanceId!: number | null;
  /** The first history entry (from no status), if any. */
  statusChangeId!: number | null;
}

@ObjectType('StatusChangeEvent', { implements: CommitmentEvent, description: 'The commitment\'s status changed.' })
export class StatusChangeEvent extends CommitmentEvent {
  readonly typename = 'StatusChangeEvent';
}

@ObjectType('ProgressNoteEvent', { implements: CommitmentEvent, description: 'An editor assessed the commitment without changing its status.' })
export class ProgressNoteEvent extends CommitmentEvent {
  readonly typename = 'ProgressNoteEvent';
}

@ObjectType('EvidenceEvent', { implements: CommitmentEvent, description: 'Evidence about the commitment was published or attached.' })
export class EvidenceEvent extends CommitmentEvent {
  readonly typename = 'EvidenceEvent';
}

@ObjectType('TargetReadingEvent', { implements: CommitmentEvent, description: 'A reading of one of the commitment\'s measurable targets was observed.' })
export class TargetReadingEvent extends CommitmentEvent {
  readonly typename = 'TargetReadingEvent';
}

export const EVENT_TYPES = {
  ANNOUNCED: CommitmentAnnouncedEvent,
  STATUS_CHANGE: StatusChangeEvent,
  PROGRESS_NOTE: ProgressNoteEvent,
  EVIDENCE: EvidenceEvent,
  TARGET_READING: TargetReadingEvent,
} as const satisfies Record<CommitmentEventKind, new () => CommitmentEvent>;

// An interface is an abstract class: the connection factory only needs it as the GraphQL type of its nodes.
export const CommitmentEventConnection = Connection(CommitmentEvent as unknown as ClassType<CommitmentEvent>, 'CommitmentEvent', 'a commitment\'s dated events, newest first');
