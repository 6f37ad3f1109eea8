import { IsOptional, Matches, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { LocalDateScalar, UrlScalar } from '../../graphql/scalars';

const NUMBER = 'a plain decimal number as a string, e.g. "1250" or "-3.5" (at most 18 digits before the point and 6 after), without the unit';
const KEY = 'Any unique string, at most 255 characters: the same key with the same input within 24 hours returns the first result and writes nothing.';

@InputType('AddTargetInput', { description: 'A measurable target to add to a commitment.' })
export class AddTargetInput {
  @Field(() => ID, { description: 'The commitment\'s global ID.' })
  commitmentId!: string;

  @Field({ description: 'What is measured; not blank, at most 1000 characters.' })
  @MaxLength(1000)
  @Matches(/\S/, { message: 'description must not be blank' })
  description!: string;

  @Field({ description: 'What the values count, e.g. "MW" or "students"; required (not blank), at most 60 characters. Readings are in this unit.' })
  @MaxLength(60)
  unit!: string;

  @Field({ description: `The starting value: ${NUMBER}.` })
  baseline!: string;

  @Field({ description: `The value to reach: ${NUMBER}; not the baseline.` })
  targetValue!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'When the target is to be reached, if the source says.' })
  @IsOptional()
  dueOn?: string | null;

  @Field(() => String, { nullable: true, description: KEY })
  @IsOptional()
  @MinLength(1)
  @MaxLength(255)
  idempotencyKey?: string | null;
}

@InputType('UpdateTargetInput', { description: 'Corrections to a target. Omitted fields stay as they are; readings are never changed.' })
export class UpdateTargetInput {
  @Field(() => ID, { description: 'The target\'s global ID (CommitmentTarget.id).' })
  targetId!: string;

  @Field(() => String, { nullable: true, description: 'New description; not blank, at most 1000 characters; cannot be cleared.' })
  @IsOptional()
  @MaxLength(1000)
  @Matches(/\S/, { message: 'description must not be blank' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'New unit; cannot be cleared, nor changed once readings are recorded.' })
  @IsOptional()
  @MaxLength(60)
  unit?: string | null;

  @Field(() => String, { nullable: true, description: `New baseline: ${NUMBER}; cannot be cleared.` })
  @IsOptional()
  baseline?: string | null;

  @Field(() => String, { nullable: true, description: `New target value: ${NUMBER}; cannot be cleared.` })
  @IsOptional()
  targetValue?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'New due date; null removes it.' })
  @IsOptional()
  dueOn?: string | null;

  @Field(() => String, { nullable: true, description: KEY })
  @IsOptional()
  @MinLength(1)
  @MaxLength(255)
  idempotencyKey?: string | null;
}

@InputType('RecordTargetReadingInput', { description: 'A value of a target\'s indicator observed on a day, with its source. Readings are append-only.' })
export class RecordTargetReadingInput {
  @Field(() => ID, { description: 'The target\'s global ID (CommitmentTarget.id).' })
  targetId!: string;

  @Field({ description: `The value observed, in the target's unit: ${NUMBER}.` })
  value!: string;

  @Field(() => String, { nullable: true, description: 'The unit of the value, to be checked: when given it must be the target\'s unit (any case).' })
  @IsOptional()
  @MaxLength(60)
  unit?: string | null;

  @Field(() => LocalDateScalar, { description: 'The day the value was observed; not in the future.' })
  observedOn!: string;

  @Field(() => UrlScalar, { nullable: true, description: 'Where the value can be read. Give this, sourceDocumentId, or both.' })
  @IsOptional()
  @MaxLength(2000)
  sourceUrl?: string | null;

  @Field(() => ID, { nullable: true, description: 'A stored source document the value comes from.' })
  @IsOptional()
  sourceDocumentId?: string | null;

  @Field(() => String, { nullable: true, description: 'A note about the reading; at most 5000 characters.' })
  @IsOptional()
  @MaxLength(5000)
  note?: string | null;

  @Field(() => String, { nullable: true, description: KEY })
  @IsOptional()
  @MinLength(1)
  @MaxLength(255)
  idempotencyKey?: string | null;
}
