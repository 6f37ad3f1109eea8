// The commitment mutations' inputs as the write service's commands: global IDs decoded and the inputs'
// shape checked, in the order the fields are read, so that the first thing wrong is the error a client sees.
import { requireNotFuture } from '../../common/dates';
import { InvalidInputError } from '../../common/errors';
import { currencyCode, positiveAmount } from '../../common/input';
import { entityRef, fromGlobalId } from '../../relay/global-id';
import { evidenceValues } from '../../status-history/api/evidence.mapper';
import type { ActorCommand, AmountCommand, CorrectStatusCommand, AddProgressNoteCommand, ArchiveCommitmentCommand, AttachEvidenceCommand, CreateCommitmentCommand, UpdateCommitmentCommand, UpdateStatusCommand } from '../commitment.commands';
import type { AddProgressNoteInput, CommitmentAmountInput, CorrectStatusHistoryInput, ArchiveCommitmentInput, AttachEvidenceInput, CommitmentActorInput, CreateCommitmentInput, UpdateCommitmentInput, UpdateCommitmentStatusInput } from './commitment-mutation.input';

const commitmentOf = (input: { commitmentId: string }) => entityRef(input.commitmentId, 'Commitment', ['input', 'commitmentId']);

export function updateStatusCommand(input: UpdateCommitmentStatusInput | CorrectStatusHistoryInput): UpdateStatusCommand {
  const commitment = commitmentOf(input);
  requireNotFuture(input.effectiveOn, ['input', 'effectiveOn']);
  const evidence = input.evidence ? evidenceValues(input.evidence, ['input', 'evidence']) : undefined;
  const { status, effectiveOn, rationale, expectedVersion, idempotencyKey } = input;
  return { commitment, status, effectiveOn, rationale, evidence, expectedVersion, idempotencyKey };
}

export function correctStatusCommand(input: CorrectStatusHistoryInput): CorrectStatusCommand {
  const change = updateStatusCommand(input);
  const correctsEntryId = input.correctsEntryId == null ? null : fromGlobalId(input.correctsEntryId, 'StatusChange', ['input', 'correctsEntryId']);
  return { ...change, correctsEntryId };
}

export function addProgressNoteCommand(input: AddProgressNoteInput): AddProgressNoteCommand {
  const commitment = commitmentOf(input);
  requireNotFuture(input.effectiveOn, ['input', 'effectiveOn']);
  const evidence = input.evidence ? evidenceValues(input.evidence, ['input', 'evidence']) : undefined;
  const { effectiveOn, note, expectedVersion, idempotencyKey } = input;
  return { commitment, effectiveOn, note, evidence, expectedVersion, idempotencyKey };
}

export function attachEvidenceCommand(input: AttachEvidenceInput): AttachEvidenceCommand {
  const commitment = commitmentOf(input);
  const evidence = evidenceValues(input.evidence, ['input', 'evidence']);
  return { commitment, evidence, note: input.note, idempotencyKey: input.idempotencyKey };
}

export function createCommitmentCommand(input: CreateCommitmentInput): CreateCommitmentCommand {
  const pillar = entityRef(input.pillarId, 'Pillar', ['input', 'pillarId']);
  requireNotFuture(input.announcedOn, ['input', 'announcedOn']);
  const actors = actorCommands(input.actors ?? []);
  const amounts = amountCommands(input.amounts ?? []);
  const { slug, title, description, announcedOn, status, rationale, pillarBasis, deadline, tags, idempotencyKey } = input;
  return { pillar, slug, title, description, announcedOn, status, rationale, pillarBasis, actors, deadline, tags, amounts, idempotencyKey };
}

export function updateCommitmentCommand(input: UpdateCommitmentInput): UpdateCommitmentCommand {
  const commitment = commitmentOf(input);
  if (input.title === null) throw new InvalidInputError('title cannot be removed', ['input', 'title']);
  if (input.pillarId === null) throw new InvalidInputError('pillarId cannot be removed', ['input', 'pillarId']);
  if (input.pillarBasis === null) throw new InvalidInputError('pillarBasis cannot be removed', ['input', 'pillarBasis']);
  const changes = (['title', 'description', 'pillarId', 'pillarBasis', 'actors', 'deadline', 'tags', 'amounts'] as const).filter((name) => input[name] !== undefined);
  if (changes.length === 0) throw new InvalidInputError('Nothing to change: give at least one field besides commitmentId');
  return {
    commitment,
    expectedVersion: input.expectedVersion,
    title: input.title,
    description: input.description,
    pillar: input.pillarId === undefined ? undefined : entityRef(input.pillarId, 'Pillar', ['input', 'pillarId']),
    pillarBasis: input.pillarBasis,
    actors: input.actors === undefined ? undefined : actorCommands(input.actors ?? []),
    deadline: input.deadline,
    tags: input.tags,
    amounts: input.amounts === undefined ? undefined : amountCommands(input.amounts ?? []),
    idempotencyKey: input.idempotencyKey,
  };
}

export function archiveCommitmentCommand(input: ArchiveCommitmentInput): ArchiveCommitmentCommand {
  return { commitment: commitmentOf(input), expectedVersion: input.expectedVersion };
}

function actorCommands(actors: CommitmentActorInput[]): ActorCommand[] {
  const commands = actors.map((actor, index) => {
    const field = ['input', 'actors', String(index), 'actorId'];
    return { actor: entityRef(actor.actorId, 'Actor', field), role: actor.role, field };
  });
  const seen = new Set<number>();
  for (const command of commands) {
    if (seen.has(command.actor.id)) throw new InvalidInputError('An actor is listed twice; give each actor once, with one role', command.field);
    seen.add(command.actor.id);
  }
  return commands;
}

function amountCommands(amounts: CommitmentAmountInput[]): AmountCommand[] {
  return amounts.map((amount, index) => {
    const at = (field: string) => ['input', 'amounts', String(index), field];
    return { value: positiveAmount(amount.value, at('value')), currency: currencyCode(amount.currency, at('currency')), originalText: amount.originalText.trim() };
  });
}
