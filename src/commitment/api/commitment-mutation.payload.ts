import { Field, ObjectType } from 'type-graphql';
import { Payload } from '../../common/api/payload';
import { Evidence } from '../../status-history/api/evidence.type';
import { ProgressNote } from '../../status-history/api/progress-note.type';
import { StatusChange } from '../../status-history/api/status-change.type';
import { Commitment } from './commitment.type';

@ObjectType('UpdateCommitmentStatusPayload', { description: 'The result of updateCommitmentStatus.' })
export class UpdateCommitmentStatusPayload extends Payload {
  @Field(() => Commitment, { nullable: true, description: 'The commitment with its new status and version; null when nothing was written.' })
  commitment?: Commitment;

  @Field(() => StatusChange, { nullable: true, description: 'The history entry recorded; null when nothing was written.' })
  statusChange?: StatusChange;
}

@ObjectType('CorrectStatusHistoryPayload', { description: 'The result of correctStatusHistory.' })
export class CorrectStatusHistoryPayload extends Payload {
  @Field(() => Commitment, { nullable: true, description: 'The commitment with its corrected status and new version; null when nothing was written.' })
  commitment?: Commitment;

  @Field(() => StatusChange, { nullable: true, description: 'The correction entry appended to the history; null when nothing was written.' })
  statusChange?: StatusChange;
}

@ObjectType('AddProgressNotePayload', { description: 'The result of addProgressNote.' })
export class AddProgressNotePayload extends Payload {
  @Field(() => Commitment, { nullable: true, description: 'The commitment with its new version and lastAssessedAt; null when nothing was written.' })
  commitment?: Commitment;

  @Field(() => ProgressNote, { nullable: true, description: 'The note recorded; null when nothing was written.' })
  progressNote?: ProgressNote;
}

@ObjectType('AttachEvidencePayload', { description: 'The result of attachEvidence.' })
export class AttachEvidencePayload extends Payload {
  @Field(() => Commitment, { nullable: true, description: 'The commitment (unchanged: evidence does not bump its version); null when nothing was written.' })
  commitment?: Commitment;

  @Field(() => Evidence, { nullable: true, description: 'The evidence attached; null when nothing was written.' })
  evidence?: Evidence;
}

@ObjectType('CommitmentPayload', { description: 'The result of createCommitment, updateCommitment or archiveCommitment.' })
export class CommitmentPayload extends Payload {
  @Field(() => Commitment, { nullable: true, description: 'The commitment as written; null when nothing was written.' })
  commitment?: Commitment;
}
