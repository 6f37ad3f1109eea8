// Writes of measurable targets: a target is added and corrected (updateTarget); its readings are appended
// only (a trigger refuses updates and deletes). Each write runs in the write unit's one transaction, locks
// the commitment's row as every write to a commitment does (so it queues behind them and an archived
// commitment is refused), and announces itself to subscriptions. None changes the commitment's own fields,
// so none bumps its version.
import { authorOf, principalOf, type AuthenticatedViewer } from '../auth/viewer';
import { CommitmentChangeKind } from '../commitment/commitment-change';
import { lockCommitment } from '../commitment/commitment-write.service';
import { localDateToDate } from '../common/dates';
import { InvalidInputError, NotFoundError } from '../common/errors';
import type { CommitmentRow } from '../db/tables/commitment';
import { readingsByIds, targetsByIds } from '../db/target.sql';
import type { Transaction, WriteUnit } from '../idempotency/write-unit';
import type { CommitmentChangePublisher } from '../subscription/commitment-change.publisher';
import type { AddTargetCommand, RecordTargetReadingCommand, UpdateTargetCommand } from './target.commands';
import { requireRange } from './target.rules';

const TARGET_ID = ['input', 'targetId'];

export class TargetWriteService {
  constructor(
    private readonly writes: WriteUnit,
    private readonly changes: CommitmentChangePublisher,
  ) {}

  async add(viewer: AuthenticatedViewer, command: AddTargetCommand) {
    return this.writes.transaction({ principal: principalOf(viewer), operation: 'addTarget', key: command.idempotencyKey, input: command }, async (tx) => {
      const commitment = await lockCommitment(tx, command);
      requireRange(command.baseline, command.targetValue, ['input', 'targetValue']);
      const { id } = await tx.commitmentTarget.create({
        data: {
          commitmentId: commitment.id,
          description: command.description.trim(),
          unit: command.unit.trim(),
          baseline: command.baseline,
          targetValue: command.targetValue,
          dueOn: command.dueOn ? localDateToDate(command.dueOn) : null,
        },
      });
      return this.published(tx, CommitmentChangeKind.TARGET_ADDED, commitment, { target: await readTarget(tx, id) });
    });
  }

  async update(viewer: AuthenticatedViewer, command: UpdateTargetCommand) {
    return this.writes.transaction({ principal: principalOf(viewer), operation: 'updateTarget', key: command.idempotencyKey, input: command }, async (tx) => {
      const { commitment, target } = await this.lockTarget(tx, command.target);
      const unit = command.unit?.trim();
      if (unit !== undefined && unit !== target.unit && (await tx.targetReading.count({ where: { targetId: target.id } })) > 0) {
        throw new InvalidInputError(`unit cannot change once readings are recorded (they are in ${target.unit}); add a new target instead`, ['input', 'unit']);
      }
      const changesRange = command.baseline !== undefined || command.targetValue !== undefined;
      if (changesRange) requireRange(command.baseline ?? target.baseline.toString(), command.targetValue ?? target.targetValue.toString(), ['input', command.targetValue !== undefined ? 'targetValue' : 'baseline']);
      await tx.commitmentTarget.update({
        where: { id: target.id },
        data: {
          description: command.description?.trim(),
          unit,
          baseline: command.baseline,
          targetValue: command.targetValue,
          dueOn: command.dueOn === undefined ? undefined : command.dueOn === null ? null : localDateToDate(command.dueOn),
        },
      });
      return this.published(tx, CommitmentChangeKind.TARGET_UPDATED, commitment, { target: await readTarget(tx, target.id) });
    });
  }

  async recordReading(viewer: AuthenticatedViewer, command: RecordTargetReadingCommand) {
    const operation = 'recordTargetReading';
    return this.writes.transaction({ principal: principalOf(viewer), operation, key: command.idempotencyKey, input: command }, async (tx) => {
      const { commitment, target } = await this.lockTarget(tx, command.target);
      const unit = command.unit?.trim();
      if (unit != null && unit.toLowerCase() !== target.unit.toLowerCase()) {
        throw new InvalidInputError(`unit "${unit}" is not the target's unit (${target.unit}); record the value in ${target.unit}`, ['input', 'unit']);
      }
      if (command.sourceDocumentId != null && !(await tx.sourceDocument.findUnique({ where: { id: command.sourceDocumentId }, select: { id: true } }))) {
        throw new NotFoundError('The reading\'s source document', ['input', 'sourceDocumentId']);
      }
      const { id } = await tx.targetReading.create({
        data: {
          targetId: target.id,
          value: command.value,
          observedOn: localDateToDate(command.observedOn),
          sourceUrl: command.sourceUrl,
          sourceDocumentId: command.sourceDocumentId,
          note: command.note?.trim() || null,
          ...authorOf(viewer),
        },
      });
      const [reading] = await readingsByIds(tx, [id]);
      return this.published(tx, CommitmentChangeKind.TARGET_READING_RECORDED, commitment, { reading: reading!, target: await readTarget(tx, target.id) });
    });
  }

  /** The target and its commitment, the commitment's row locked first (the order every write to it takes). */
  private async lockTarget(tx: Transaction, ref: UpdateTargetCommand['target']) {
    const found = await tx.commitmentTarget.findUnique({ where: { id: ref.id }, select: { commitmentId: true } });
    if (!found) throw new NotFoundError(`CommitmentTarget ${ref.globalId}`, TARGET_ID);
    const commitment = await lockCommitment(tx, { commitment: { id: found.commitmentId, globalId: ref.globalId } });
    const target = await tx.commitmentTarget.findUniqueOrThrow({ where: { id: ref.id } });
    return { commitment, target };
  }

  private async published<T extends object>(tx: Transaction, kind: CommitmentChangeKind, commitment: CommitmentRow, result: T): Promise<T & { commitment: CommitmentRow }> {
    await this.changes.publish(tx, { kind, commitmentId: commitment.id, partnershipId: commitment.partnershipId, pillarId: commitment.pillarId, statusChangeId: null });
    return { commitment, ...result };
  }
}

async function readTarget(tx: Transaction, id: number) {
  const [target] = await targetsByIds(tx, [id]);
  return target!;
}
