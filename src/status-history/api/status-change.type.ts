import { Field, ID, ObjectType } from 'type-graphql';
import { toGlobalId } from '../../relay/global-id';
import { CommitmentStatus } from '../../common/enums';
import { DateTimeScalar, LocalDateScalar } from '../../graphql/scalars';
import { Node } from '../../relay/api/node.interface';
import { Author, authorFrom, type AuthorColumns } from './author.type';
import { EvidenceReference, evidenceFrom } from './evidence.type';

@ObjectType('StatusChange', { implements: Node, description: 'One entry of a commitment\'s status history. Append-only: a correction is a new entry.' })
export class StatusChange extends Node {
  readonly typename = 'StatusChange';
  commitmentId!: number;
  evidenceUrl!: string | null;
  evidenceDocumentId!: number | null;
  evidenceTitle!: string | null;
  evidenceDate!: Date | null;
  authorKind!: AuthorColumns['authorKind'];
  authorId!: string;
  authorName!: string | null;
  correctsId!: number | null;

  @Field(() => CommitmentStatus, { nullable: true, description: 'The status before; null for the first entry, when the commitment was announced.' })
  fromStatus!: CommitmentStatus | null;

  @Field(() => CommitmentStatus, { description: 'The status from the effective date on.' })
  toStatus!: CommitmentStatus;

  @Field(() => LocalDateScalar, { description: 'When the change happened in the world.' })
  effectiveOn!: Date;

  @Field(() => DateTimeScalar, { description: 'When it was recorded here; set by the database.' })
  recordedAt!: Date;

  @Field({ description: 'Why the status changed, in the editor\'s words.' })
  rationale!: string;

  @Field({ description: 'True for an entry that corrects the history (correctStatusHistory: a status found late) rather than reporting a new change.' })
  correction!: boolean;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description:
      'For a correction dated before entries already recorded: the day the next of them took effect, until which the corrected status held ' +
      '(from then on the recorded history resumes). Null for every other entry.',
  })
  holdsUntil!: Date | null;

  @Field(() => ID, { nullable: true, description: 'The global ID of the entry this correction corrects, when it names one.' })
  get correctsEntryId(): string | null {
    return this.correctsId === null ? null : toGlobalId('StatusChange', this.correctsId);
  }

  @Field(() => EvidenceReference, { nullable: true, description: 'The evidence cited, if any.' })
  get evidence(): EvidenceReference | null {
    return evidenceFrom(this);
  }

  @Field(() => Author, { description: 'Who recorded it.' })
  get author(): Author {
    return authorFrom(this);
  }
}
