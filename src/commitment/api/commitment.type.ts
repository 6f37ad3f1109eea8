import { Field, Int, ObjectType } from 'type-graphql';
import { CommitmentStatus, DatePrecision, PillarBasis } from '../../common/enums';
import { DateTimeScalar, LocalDateScalar } from '../../graphql/scalars';
import { Node } from '../../relay/api/node.interface';

@ObjectType('Deadline', { description: 'A deadline as its source states it: "by 2030" is 2030-12-31 with precision YEAR.' })
export class Deadline {
  @Field(() => LocalDateScalar, { description: 'The last day of the period the source gives.' })
  date!: Date;

  @Field(() => DatePrecision, { description: 'How much of the date the source gives.' })
  precision!: DatePrecision;
}

@ObjectType('Commitment', {
  implements: Node,
  description: 'One concrete promise made in a partnership: an agreement to sign, a programme to launch, a dialogue to hold, a target to reach.',
})
export class Commitment extends Node {
  readonly typename = 'Commitment';
  partnershipId!: number;
  pillarId!: number;
  deadlinePrecision!: DatePrecision | null;

  @Field({ description: 'Stable, human-readable key, e.g. "vn-sg-transnational-crime-agreement".' })
  slug!: string;

  @Field({ description: 'Short title.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What was promised, in a sentence or two.' })
  description!: string | null;

  @Field(() => CommitmentStatus, { description: 'Where the commitment stands now.' })
  status!: CommitmentStatus;

  @Field(() => LocalDateScalar, { description: 'Effective date of the latest status change.' })
  statusSince!: Date;

  @Field(() => LocalDateScalar, { description: 'Date of the document that announced the commitment.' })
  announcedOn!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When an editor last recorded a status change or progress note; null if never assessed since it was announced.' })
  lastAssessedAt!: Date | null;

  @Field({ description: 'False while the commitment has never been assessed since it was announced.' })
  get assessed(): boolean {
    return this.lastAssessedAt !== null;
  }

  @Field(() => PillarBasis, { description: 'Whether the source places the commitment under its pillar or curators assigned it.' })
  pillarBasis!: PillarBasis;

  /** The database column; exposed as the `deadline` object. */
  deadline!: Date | null;

  @Field(() => Deadline, { name: 'deadline', nullable: true, description: 'The deadline the source states, if any.' })
  get deadlineAsStated(): Deadline | null {
    return this.deadline && this.deadlinePrecision ? { date: this.deadline, precision: this.deadlinePrecision } : null;
  }

  @Field(() => [String], { description: 'Topics, lower-case kebab-case (e.g. "digital-economy").' })
  tags!: string[];

  @Field(() => Int, { description: 'Bumped by every change; send it back as expectedVersion to avoid overwriting someone else\'s change.' })
  version!: number;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the commitment was archived; archived commitments are hidden from lists unless asked for.' })
  archivedAt!: Date | null;

  @Field(() => DateTimeScalar, { description: 'When this record was created.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When this record was last changed.' })
  updatedAt!: Date;
}
