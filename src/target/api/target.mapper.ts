// Target inputs as commands (global IDs decoded, numbers and units checked, in the order the fields are
// read), rows as GraphQL objects.
import { requireNotFuture } from '../../common/dates';
import { InvalidInputError } from '../../common/errors';
import type { TargetReadingRow, TargetRow } from '../../db/tables/target';
import { fromRow } from '../../relay/api/node.interface';
import { entityRef, fromGlobalId } from '../../relay/global-id';
import type { AddTargetCommand, RecordTargetReadingCommand, UpdateTargetCommand } from '../target.commands';
import { decimal, unitOf } from '../target.rules';
import type { AddTargetInput, RecordTargetReadingInput, UpdateTargetInput } from './target.input';
import { CommitmentTarget, TargetReading } from './target.type';

export const toTarget = (row: TargetRow): CommitmentTarget => fromRow(CommitmentTarget, row);
export const toTargetReading = (row: TargetReadingRow): TargetReading => fromRow(TargetReading, row);

const targetOf = (input: { targetId: string }) => entityRef(input.targetId, 'CommitmentTarget', ['input', 'targetId']);

export function addTargetCommand(input: AddTargetInput): AddTargetCommand {
  return {
    commitment: entityRef(input.commitmentId, 'Commitment', ['input', 'commitmentId']),
    description: input.description,
    unit: unitOf(input.unit, ['input', 'unit']),
    baseline: decimal(input.baseline, ['input', 'baseline']),
    targetValue: decimal(input.targetValue, ['input', 'targetValue']),
    dueOn: input.dueOn,
    idempotencyKey: input.idempotencyKey,
  };
}

export function updateTargetCommand(input: UpdateTargetInput): UpdateTargetCommand {
  const target = targetOf(input);
  for (const name of ['description', 'unit', 'baseline', 'targetValue'] as const) {
    if (input[name] === null) throw new InvalidInputError(`${name} cannot be removed`, ['input', name]);
  }
  const changes = (['description', 'unit', 'baseline', 'targetValue', 'dueOn'] as const).filter((name) => input[name] !== undefined);
  if (changes.length === 0) throw new InvalidInputError('Nothing to change: give at least one field besides targetId');
  return {
    target,
    description: input.description ?? undefined,
    unit: input.unit == null ? undefined : unitOf(input.unit, ['input', 'unit']),
    baseline: input.baseline == null ? undefined : decimal(input.baseline, ['input', 'baseline']),
    targetValue: input.targetValue == null ? undefined : decimal(input.targetValue, ['input', 'targetValue']),
    dueOn: input.dueOn,
    idempotencyKey: input.idempotencyKey,
  };
}

export function recordTargetReadingCommand(input: RecordTargetReadingInput): RecordTargetReadingCommand {
  const target = targetOf(input);
  const value = decimal(input.value, ['input', 'value']);
  requireNotFuture(input.observedOn, ['input', 'observedOn']);
  if (input.sourceUrl == null && input.sourceDocumentId == null) {
    throw new InvalidInputError('A reading needs its source: give sourceUrl or sourceDocumentId', ['input', 'sourceUrl']);
  }
  const sourceDocumentId = input.sourceDocumentId == null ? null : fromGlobalId(input.sourceDocumentId, 'SourceDocument', ['input', 'sourceDocumentId']);
  return {
    target,
    value,
    unit: input.unit,
    observedOn: input.observedOn,
    sourceUrl: input.sourceUrl ?? null,
    sourceDocumentId,
    note: input.note,
    idempotencyKey: input.idempotencyKey,
  };
}
