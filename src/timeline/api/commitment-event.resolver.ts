// The contents of timeline events, each through a per-request DataLoader: a page of events for a list of
// commitments costs one statement per kind of content, not one per event.
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { Provenance } from '../../source-document/api/provenance.type';
import { Evidence } from '../../status-history/api/evidence.type';
import { ProgressNote } from '../../status-history/api/progress-note.type';
import { StatusChange } from '../../status-history/api/status-change.type';
import { CommitmentTarget, TargetReading } from '../../target/api/target.type';
import { CommitmentAnnouncedEvent, EvidenceEvent, ProgressNoteEvent, StatusChangeEvent, TargetReadingEvent } from './commitment-event.type';

@Resolver(() => CommitmentAnnouncedEvent)
export class CommitmentAnnouncedEventResolver {
  @FieldResolver(() => Provenance, { nullable: true, description: 'The document that announced the commitment, with its verbatim quote; null if none is recorded.' })
  async origin(@Root() event: CommitmentAnnouncedEvent, @Ctx() { loaders }: GraphQLContext): Promise<Provenance | null> {
    return event.provenanceId === null ? null : ((await loaders.provenance.load(event.provenanceId)) ?? null);
  }

  // Not `statusChange`: StatusChangeEvent's is non-null, and one selection on both would fail validation.
  @FieldResolver(() => StatusChange, { nullable: true, description: 'The first entry of the status history, giving the status it was announced in; null if none is recorded.' })
  async firstStatusChange(@Root() event: CommitmentAnnouncedEvent, @Ctx() { loaders }: GraphQLContext): Promise<StatusChange | null> {
    return event.statusChangeId === null ? null : ((await loaders.statusChange.load(event.statusChangeId)) ?? null);
  }
}

@Resolver(() => StatusChangeEvent)
export class StatusChangeEventResolver {
  @FieldResolver(() => StatusChange, { description: 'The history entry: from and to which status, why, on what evidence, by whom.' })
  async statusChange(@Root() event: StatusChangeEvent, @Ctx() { loaders }: GraphQLContext): Promise<StatusChange> {
    return (await loaders.statusChange.load(event.sourceId))!;
  }
}

@Resolver(() => ProgressNoteEvent)
export class ProgressNoteEventResolver {
  @FieldResolver(() => ProgressNote, { description: 'The assessment.' })
  async progressNote(@Root() event: ProgressNoteEvent, @Ctx() { loaders }: GraphQLContext): Promise<ProgressNote> {
    return (await loaders.progressNote.load(event.sourceId))!;
  }
}

@Resolver(() => EvidenceEvent)
export class EvidenceEventResolver {
  @FieldResolver(() => Evidence, { description: 'The evidence.' })
  async evidence(@Root() event: EvidenceEvent, @Ctx() { loaders }: GraphQLContext): Promise<Evidence> {
    return (await loaders.evidence.load(event.sourceId))!;
  }
}

@Resolver(() => TargetReadingEvent)
export class TargetReadingEventResolver {
  @FieldResolver(() => TargetReading, { description: 'The reading: its value, the day it was observed, its source.' })
  async reading(@Root() event: TargetReadingEvent, @Ctx() { loaders }: GraphQLContext): Promise<TargetReading> {
    return (await loaders.targetReading.load(event.sourceId))!;
  }

  @FieldResolver(() => CommitmentTarget, { description: 'The target the reading measures, with its current progress.' })
  async target(@Root() event: TargetReadingEvent, @Ctx() { loaders }: GraphQLContext): Promise<CommitmentTarget> {
    const reading = (await loaders.targetReading.load(event.sourceId))!;
    return (await loaders.target.load(reading.targetId))!;
  }
}
