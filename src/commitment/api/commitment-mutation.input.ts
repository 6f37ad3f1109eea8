// Inputs of the commitment mutations. Bounds are class-validator decorators; failures come back as
// userErrors naming the field (see common/api/payload.ts). Rules that need the database are the service's.
import { ArrayMaxSize, IsOptional, Matches, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ActorRole, CommitmentStatus, DatePrecision, PillarBasis } from '../../common/enums';
import { LocalDateScalar } from '../../graphql/scalars';
import { EvidenceInput } from '../../status-history/api/evidence.input';

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const NOT_BLANK = /\S/;
const MAX_TEXT = 5000;

/** Several decorators applied as one, for fields that several inputs declare alike. */
function composed(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => decorators.forEach((decorate) => decorate(target, property));
}

const IdempotencyKeyField = () =>
  composed(Field(() => String, { nullable: true, description: idempotencyKeyDescription }), IsOptional(), MinLength(1), MaxLength(255));

export const TagsField = (description: string) =>
  composed(
    Field(() => [String], { nullable: true, description }),
    IsOptional(),
    ArrayMaxSize(20),
    MaxLength(60, { each: true }),
    Matches(SLUG, { each: true, message: 'each tag must be lower-case kebab-case, e.g. "digital-economy"' }),
  );

const idempotencyKeyDescription =
  'Any unique string (a UUID, say), at most 255 characters. Sending the same key with the same input again, within 24 hours, ' +
  'returns the first result and writes nothing; the same key with another input is refused. A request that failed stored nothing, so its key may be reused.';

const expectedVersionDescription =
  'The version you read. If the commitment has changed since, nothing is written and a CONFLICT userError tells its current version and status. Omit it to apply the change to whatever the commitment is now.';

@InputType('DeadlineInput', { description: 'A deadline as the source states it.' })
export class DeadlineInput {
  @Field(() => LocalDateScalar, { description: 'Any day in the period; it is stored as the period\'s last day ("by 2030": 2030-01-01 or 2030-12-31 with YEAR).' })
  date!: string;

  @Field(() => DatePrecision, { description: 'How much of the date the source gives.' })
  precision!: DatePrecision;
}

@InputType('CommitmentAmountInput', { description: 'A sum of money a commitment names, as the source writes it and as an exact value.' })
export class CommitmentAmountInput {
  @Field({ description: 'The amount as exact decimal text, greater than 0, at most 2 decimals, e.g. "1000000" or "2.50" (text, so that no precision is lost).' })
  value!: string;

  @Field({ description: 'ISO 4217 code of a currency in use, e.g. "USD" (any case).' })
  currency!: string;

  @Field({ description: 'The amount as the source writes it, e.g. "US$1 million"; not blank, at most 200 characters.' })
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'originalText must not be blank' })
  originalText!: string;
}

const AmountsField = (description: string) =>
  composed(
    Field(() => [CommitmentAmountInput], { nullable: true, description }),
    IsOptional(),
    ArrayMaxSize(20),
    ValidateNested({ each: true }),
  );

@InputType('CommitmentActorInput', { description: 'An actor taking part in a commitment.' })
export class CommitmentActorInput {
  @Field(() => ID, { description: 'The actor\'s global ID.' })
  actorId!: string;

  @Field(() => ActorRole, { description: 'The part the actor plays.' })
  role!: ActorRole;
}

@InputType('UpdateCommitmentStatusInput', { description: 'A change of a commitment\'s status, with its rationale and evidence.' })
export class UpdateCommitmentStatusInput {
  @Field(() => ID, { description: 'The commitment\'s global ID.' })
  commitmentId!: string;

  @Field(() => CommitmentStatus, {
    description: 'The new status; not the current one. STALLED and ABANDONED, and any move away from COMPLETED, require evidence.',
  })
  status!: CommitmentStatus;

  @Field(() => LocalDateScalar, {
    description: 'When the change happened in the world: not in the future, not before the commitment was announced, not before the current status took effect.',
  })
  effectiveOn!: string;

  @Field({ description: `Why the status changes, in a sentence or a paragraph; not blank, at most ${MAX_TEXT} characters.` })
  @MaxLength(MAX_TEXT)
  @Matches(NOT_BLANK, { message: 'rationale must not be blank' })
  rationale!: string;

  @Field(() => EvidenceInput, { nullable: true, description: 'The evidence for the change.' })
  @IsOptional()
  @ValidateNested()
  evidence?: EvidenceInput | null;

  @Field(() => Int, { nullable: true, description: expectedVersionDescription })
  @IsOptional()
  @Min(1)
  expectedVersion?: number | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType('CorrectStatusHistoryInput', {
  description:
    'A correction of a commitment\'s status history, for a status found late: appended (the history stays append-only) as an entry marked ' +
    '`correction`. Dated on or after the latest entry\'s effective date (statusSince), it becomes the current status (on that same day it ' +
    'replaces the latest entry\'s status in every reading of the past). Dated before it, it holds from its day until the next entry took ' +
    'effect (its `holdsUntil`), in as-of reads, timelines and counts alike, and the current status stays; the version is bumped either way.',
})
export class CorrectStatusHistoryInput {
  @Field(() => ID, { description: 'The commitment\'s global ID.' })
  commitmentId!: string;

  @Field(() => CommitmentStatus, {
    description: 'The status found; not the current one. STALLED and ABANDONED, and any move away from COMPLETED, require evidence.',
  })
  status!: CommitmentStatus;

  @Field(() => LocalDateScalar, {
    description: 'From when the status held: not in the future, not before the commitment was announced; not the status already in effect that day.',
  })
  effectiveOn!: string;

  @Field({ description: `What was wrong or missing, and how it was found; not blank, at most ${MAX_TEXT} characters.` })
  @MaxLength(MAX_TEXT)
  @Matches(NOT_BLANK, { message: 'rationale must not be blank' })
  rationale!: string;

  @Field(() => ID, { nullable: true, description: 'The global ID of the history entry (StatusChange) of this commitment that the correction corrects, if it corrects one.' })
  @IsOptional()
  correctsEntryId?: string | null;

  @Field(() => EvidenceInput, { nullable: true, description: 'The evidence for the corrected status.' })
  @IsOptional()
  @ValidateNested()
  evidence?: EvidenceInput | null;

  @Field(() => Int, { nullable: true, description: expectedVersionDescription })
  @IsOptional()
  @Min(1)
  expectedVersion?: number | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType('AddProgressNoteInput', { description: 'A dated assessment of a commitment that does not change its status.' })
export class AddProgressNoteInput {
  @Field(() => ID, { description: 'The commitment\'s global ID.' })
  commitmentId!: string;

  @Field(() => LocalDateScalar, { description: 'The date the assessment is about: not in the future, not before the commitment was announced.' })
  effectiveOn!: string;

  @Field({ description: `The assessment; not blank, at most ${MAX_TEXT} characters.` })
  @MaxLength(MAX_TEXT)
  @Matches(NOT_BLANK, { message: 'note must not be blank' })
  note!: string;

  @Field(() => EvidenceInput, { nullable: true, description: 'The evidence the assessment rests on.' })
  @IsOptional()
  @ValidateNested()
  evidence?: EvidenceInput | null;

  @Field(() => Int, { nullable: true, description: expectedVersionDescription })
  @IsOptional()
  @Min(1)
  expectedVersion?: number | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType('AttachEvidenceInput', { description: 'Evidence to attach to a commitment, without a status change or an assessment.' })
export class AttachEvidenceInput {
  @Field(() => ID, { description: 'The commitment\'s global ID.' })
  commitmentId!: string;

  @Field(() => EvidenceInput, { description: 'The evidence.' })
  @ValidateNested()
  evidence!: EvidenceInput;

  @Field(() => String, { nullable: true, description: `What the evidence shows; at most ${MAX_TEXT} characters.` })
  @IsOptional()
  @MaxLength(MAX_TEXT)
  note?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType('CreateCommitmentInput', { description: 'A new commitment. Its first status history entry is recorded with it, effective when it was announced.' })
export class CreateCommitmentInput {
  @Field(() => ID, { description: 'The pillar it falls under; the commitment belongs to the pillar\'s partnership.' })
  pillarId!: string;

  @Field({ description: 'Stable key: lower-case words joined by hyphens, at most 160 characters, unique.' })
  @MaxLength(160)
  @Matches(SLUG, { message: 'slug must be lower-case letters and digits in words joined by single hyphens' })
  slug!: string;

  @Field({ description: 'Short title; not blank, at most 300 characters.' })
  @MaxLength(300)
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title!: string;

  @Field(() => String, { nullable: true, description: `What was promised; at most ${MAX_TEXT} characters.` })
  @IsOptional()
  @MaxLength(MAX_TEXT)
  description?: string | null;

  @Field(() => LocalDateScalar, { description: 'Date of the document that announced it; not in the future.' })
  announcedOn!: string;

  @Field(() => CommitmentStatus, { nullable: true, description: 'Status when announced (default ANNOUNCED), e.g. COMPLETED for an agreement signed at the summit itself.' })
  @IsOptional()
  status?: CommitmentStatus | null;

  @Field(() => String, { nullable: true, description: `Rationale of the first history entry (default: a standard sentence); at most ${MAX_TEXT} characters.` })
  @IsOptional()
  @MaxLength(MAX_TEXT)
  @Matches(NOT_BLANK, { message: 'rationale must not be blank' })
  rationale?: string | null;

  @Field(() => PillarBasis, { nullable: true, description: 'Whether the source places it under the pillar (STATED, the default) or curators did (ASSIGNED).' })
  @IsOptional()
  pillarBasis?: PillarBasis | null;

  @Field(() => [CommitmentActorInput], { nullable: true, description: 'Who takes part, at most 50, each once.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  actors?: CommitmentActorInput[] | null;

  @Field(() => DeadlineInput, { nullable: true, description: 'The deadline the source states, if any.' })
  @IsOptional()
  @ValidateNested()
  deadline?: DeadlineInput | null;

  @TagsField('Topics in lower-case kebab-case, at most 20 of at most 60 characters.')
  tags?: string[] | null;

  @AmountsField('The sums of money the commitment names, at most 20.')
  amounts?: CommitmentAmountInput[] | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType('UpdateCommitmentInput', {
  description: 'Changes to a commitment\'s descriptive fields. Omitted fields stay as they are; null clears a field that may be empty. The status has its own mutation.',
})
export class UpdateCommitmentInput {
  @Field(() => ID, { description: 'The commitment\'s global ID.' })
  commitmentId!: string;

  @Field(() => Int, { nullable: true, description: expectedVersionDescription })
  @IsOptional()
  @Min(1)
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'New title; not blank, at most 300 characters; cannot be cleared.' })
  @IsOptional()
  @MaxLength(300)
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: `New description, at most ${MAX_TEXT} characters; null removes it.` })
  @IsOptional()
  @MaxLength(MAX_TEXT)
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'Another pillar of the same partnership; cannot be cleared.' })
  @IsOptional()
  pillarId?: string | null;

  @Field(() => PillarBasis, { nullable: true, description: 'Whether the source places it under the pillar; cannot be cleared.' })
  @IsOptional()
  pillarBasis?: PillarBasis | null;

  @Field(() => [CommitmentActorInput], { nullable: true, description: 'The actors, replacing the current ones (at most 50, each once); null or [] removes all.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  actors?: CommitmentActorInput[] | null;

  @Field(() => DeadlineInput, { nullable: true, description: 'The deadline; null removes it.' })
  @IsOptional()
  @ValidateNested()
  deadline?: DeadlineInput | null;

  @TagsField('The tags, replacing the current ones (lower-case kebab-case, at most 20 of at most 60 characters); null or [] removes all.')
  tags?: string[] | null;

  @AmountsField('The amounts, replacing the current ones (at most 20), in the same transaction; null or [] removes all.')
  amounts?: CommitmentAmountInput[] | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType('ArchiveCommitmentInput', { description: 'A commitment to archive: hidden from lists, kept with its history, never deleted.' })
export class ArchiveCommitmentInput {
  @Field(() => ID, { description: 'The commitment\'s global ID.' })
  commitmentId!: string;

  @Field(() => Int, { nullable: true, description: expectedVersionDescription })
  @IsOptional()
  @Min(1)
  expectedVersion?: number | null;
}
