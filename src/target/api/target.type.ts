import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar, LocalDateScalar } from '../../graphql/scalars';
import { Node } from '../../relay/api/node.interface';
import { toGlobalId } from '../../relay/global-id';
import { Author, authorFrom, type AuthorColumns } from '../../status-history/api/author.type';

const DECIMAL = 'an exact decimal string without trailing zeros, e.g. "12.5" (a string, so that no precision is lost)';

@ObjectType('TargetReading', { description: 'A value of a target\'s indicator observed on a day, with its source. Append-only.' })
export class TargetReading {
  id!: number;
  targetId!: number;
  sourceDocumentId!: number | null;
  authorKind!: AuthorColumns['authorKind'];
  authorId!: string;
  authorName!: string | null;

  @Field(() => ID, { name: 'id', description: 'Opaque identifier of this reading.' })
  get globalId(): string {
    return toGlobalId('TargetReading', this.id);
  }

  @Field(() => Int, { description: 'The primary key of this reading in the database.' })
  get databaseId(): number {
    return this.id;
  }

  @Field({ description: `The value observed, in the target's unit: ${DECIMAL}.` })
  value!: string;

  @Field(() => LocalDateScalar, { description: 'The day the value was observed (or reported as of).' })
  observedOn!: Date;

  @Field(() => String, { nullable: true, description: 'Where the value can be read, if it is on the web.' })
  sourceUrl!: string | null;

  @Field(() => ID, { name: 'sourceDocumentId', nullable: true, description: 'The global ID of the stored source document it comes from, if any.' })
  get sourceDocumentGlobalId(): string | null {
    return this.sourceDocumentId === null ? null : toGlobalId('SourceDocument', this.sourceDocumentId);
  }

  @Field(() => String, { nullable: true, description: 'What the editor noted about the reading.' })
  note!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was recorded here; set by the database.' })
  recordedAt!: Date;

  @Field(() => Author, { description: 'Who recorded it.' })
  get author(): Author {
    return authorFrom(this);
  }
}

export const PROGRESS_RULE =
  'progress = (latest reading - baseline) / (targetValue - baseline), the latest reading being the one observed last (then recorded last): ' +
  '0 at the baseline, 1 at the target value, below 0 or above 1 outside that range (not clamped); it works alike for targets below their baseline (reductions).';

@ObjectType('CommitmentTarget', {
  implements: Node,
  description: 'A measurable target (indicator) of a commitment: from a baseline to a target value, in a unit, by an optional due date, with dated readings.',
})
export class CommitmentTarget extends Node {
  readonly typename = 'CommitmentTarget';
  commitmentId!: number;

  @Field({ description: 'What is measured, e.g. "Renewable generation capacity added".' })
  description!: string;

  @Field({ description: 'What the values count, e.g. "MW"; every reading is in it.' })
  unit!: string;

  @Field({ description: `The value the commitment starts from: ${DECIMAL}.` })
  baseline!: string;

  @Field({ description: `The value to reach: ${DECIMAL}.` })
  targetValue!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'When the target is to be reached, if the source says.' })
  dueOn!: Date | null;

  @Field(() => Float, { nullable: true, description: `How far the latest reading has come, as a fraction; null without a reading. ${PROGRESS_RULE}` })
  progress!: number | null;

  @Field({
    description:
      'Whether the latest reading has reached the target value (at or beyond it, in the target\'s direction); false without a reading. ' +
      'A commitment with a target met counts as followed through (StatusCounts.targetsMet).',
  })
  met!: boolean;

  @Field(() => DateTimeScalar, { description: 'When the target was added.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the target was last changed (updateTarget); readings do not change it.' })
  updatedAt!: Date;
}
