// Writes to commitments and their history. Every write runs in one transaction that first locks the
// commitment's row (SELECT … FOR UPDATE), so writers queue, each checks its rules against what the one before
// it committed, and no update is lost; with expectedVersion, a writer whose read is stale is refused instead.
// A status change, the hot path, is all of that in one statement, its idempotency key's claim included
// (see updateStatus): one round trip, the statement being a transaction of its own.
import { CommitmentStatus, PillarBasis } from '../common/enums';
import { endOfPeriod, localDateToDate, toLocalDate } from '../common/dates';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { conflictOnUnique } from '../common/unique-violation';
import { authorOf, principalOf, type AuthenticatedViewer } from '../auth/viewer';
import { lockCommitmentRow, writeStatusChange, type StatusChangeResult } from '../db/commitment-write.sql';
import type { StatementKey } from '../db/idempotency-key.sql';
import type { StatementRunner } from '../db/statements';
import type { CommitmentRow } from '../db/tables/commitment';
import type { StatusChangeRow } from '../db/tables/status-change';
import type { Transaction, WriteRequest, WriteUnit } from '../idempotency/write-unit';
import type { EvidenceValues } from '../status-history/evidence.commands';
import { checkNotBeforeAnnouncement, checkStatusChange } from '../status-history/status-change.rules';
import { CommitmentChangeKind } from './commitment-change';
import type { CommitmentChangePublisher } from '../subscription/commitment-change.publisher';
import type { EntityRef } from '../common/commands';
import type {
  ActorCommand,
  AddProgressNoteCommand,
  ArchiveCommitmentCommand,
  AttachEvidenceCommand,
  CorrectStatusCommand,
  CreateCommitmentCommand,
  DeadlineCommand,
  UpdateCommitmentCommand,
  UpdateStatusCommand,
} from './commitment.commands';


type StatusChangeRows = { commitment: CommitmentRow; statusChange: StatusChangeRow };

/** A date before any LocalDate: the date rules then hold, and only what the status rules say is left. */
const EARLIEST = new Date('0001-01-01T00:00:00Z');

const COMMITMENT_ID = ['input', 'commitmentId'];

export class CommitmentWriteService {
  constructor(
    private readonly writes: WriteUnit,
    private readonly changes: CommitmentChangePublisher,
  ) {}

  /**
   * The publish point for subscriptions: every write ends its transaction here, announcing what it did
   * in the outbox, whose NOTIFY PostgreSQL delivers to every server instance when, and only if, the transaction commits.
   * (An idempotent replay runs no transaction work, so it announces nothing again.) A status change, the hot
   * path, records it from its write statement instead (see writeStatusChange).
   */
  private async published<T extends { commitment: CommitmentRow }>(tx: Transaction, kind: CommitmentChangeKind, result: T, statusChangeId: number | null = null): Promise<T> {
    const { id: commitmentId, partnershipId, pillarId } = result.commitment;
    await this.changes.publish(tx, { kind, commitmentId, partnershipId, pillarId, statusChangeId });
    return result;
  }

  /**
   * Sets a new status and appends its history entry, together or not at all, in one statement (writeStatusChange)
   * that locks the row, checks the rules against it and writes only if they hold; with an idempotency key the
   * same statement claims the key and stores the response (WriteUnit.oneStatement). A refused change
   * comes back with the row as the statement found it, and the rules, run again on it here, say why.
   */
  async updateStatus(viewer: AuthenticatedViewer, command: UpdateStatusCommand, correction?: { correctsId: number | null }): Promise<StatusChangeRows> {
    const { evidence } = command;
    const operation = correction ? 'correctStatusHistory' : 'updateCommitmentStatus';
    const request = { principal: principalOf(viewer), operation, key: command.idempotencyKey, input: { ...command, correction } };
    const change = { status: command.status, effectiveOn: command.effectiveOn, hasEvidence: evidence !== undefined };
    const outcome = await this.writes.oneStatement<StatusChangeRows, StatusChangeResult>(request, (statements, key) =>
      this.writeStatusChange(statements, key, { viewer, command, refusedFrom: statusesRefusing(change), correction }),
    );
    if ('response' in outcome) return outcome.response;
    const current = checkedCommitment(outcome.refused.current, command);
    if (correction && command.effectiveOn < toLocalDate(current.statusSince)) return this.backdatedCorrection(viewer, command, correction, request);
    checkStatusChange(current, change);
    if (evidence?.sourceDocumentId != null) throw evidenceDocumentNotFound();
    if (correction?.correctsId != null) {
      throw new NotFoundError(`History entry ${correction.correctsId} of this commitment`, ['input', 'correctsEntryId']);
    }
    throw new Error(`${operation}: the statement refused a change that the rules allow (commitment ${command.commitment.id})`);
  }

  /**
   * Appends a correction: a status change marked as one (an earlier status found late), optionally naming the
   * entry it corrects. Dated on or after the latest entry, it is the latest entry by effective date, so it
   * sets the current status, bumps the version and honours expectedVersion exactly as updateStatus does, in
   * the same one statement. Dated before it, see backdatedCorrection.
   */
  correctStatus(viewer: AuthenticatedViewer, command: CorrectStatusCommand): Promise<StatusChangeRows> {
    const { correctsEntryId, ...change } = command;
    return this.updateStatus(viewer, change, { correctsId: correctsEntryId ?? null });
  }

  /**
   * A correction dated before later entries: the history is append-only, so it is appended with the status
   * it replaced (the one in effect on its day) and holds_until, the day the next entry took effect, where
   * the recorded history resumes (see the backdated_corrections migration for how counts read it). The
   * current status does not change; the version does, since the commitment's history did. Not the hot path:
   * a transaction of a few statements under the row lock.
   */
  private backdatedCorrection(
    viewer: AuthenticatedViewer,
    command: UpdateStatusCommand,
    correction: { correctsId: number | null },
    request: WriteRequest,
  ): Promise<StatusChangeRows> {
    const { commitment: { id }, evidence } = command;
    return this.writes.transaction(request, async (tx) => {
      const current = await lockCommitment(tx, command);
      checkNotBeforeAnnouncement(current, command.effectiveOn);
      const effectiveOn = localDateToDate(command.effectiveOn);
      const [inEffect, next] = await Promise.all([
        tx.statusChange.findFirst({ where: { commitmentId: id, effectiveOn: { lte: effectiveOn } }, orderBy: [{ effectiveOn: 'desc' }, { id: 'desc' }] }),
        tx.statusChange.findFirst({ where: { commitmentId: id, effectiveOn: { gt: effectiveOn } }, orderBy: [{ effectiveOn: 'asc' }, { id: 'asc' }] }),
      ]);
      if (!inEffect || !next) throw new Error(`correctStatusHistory: commitment ${id} has no history around ${command.effectiveOn}`);
      checkStatusChange(
        { status: inEffect.toStatus, statusSince: inEffect.effectiveOn, announcedOn: current.announcedOn },
        { status: command.status, effectiveOn: command.effectiveOn, hasEvidence: evidence !== undefined },
      );
      await requireEvidenceDocument(tx, evidence);
      if (correction.correctsId != null && !(await tx.statusChange.findFirst({ where: { id: correction.correctsId, commitmentId: id }, select: { id: true } }))) {
        throw new NotFoundError(`History entry ${correction.correctsId} of this commitment`, ['input', 'correctsEntryId']);
      }
      const statusChange = await tx.statusChange.create({
        data: {
          commitmentId: id,
          fromStatus: inEffect.toStatus,
          toStatus: command.status,
          effectiveOn,
          rationale: command.rationale.trim(),
          ...evidenceColumns(evidence),
          ...authorOf(viewer),
          correction: true,
          correctsId: correction.correctsId,
          holdsUntil: next.effectiveOn,
        },
      });
      const commitment = await tx.commitment.update({ where: { id }, data: { lastAssessedAt: statusChange.recordedAt, version: { increment: 1 } } });
      return this.published(tx, CommitmentChangeKind.STATUS_CHANGED, { commitment, statusChange }, statusChange.id);
    });
  }

  /** The status change as one statement (db/commitment-write.sql.ts), which also announces it. */
  private writeStatusChange(
    statements: StatementRunner,
    key: StatementKey | undefined,
    {
      viewer,
      command,
      refusedFrom,
      correction,
    }: { viewer: AuthenticatedViewer; command: UpdateStatusCommand; refusedFrom: CommitmentStatus[]; correction?: { correctsId: number | null } },
  ): Promise<StatusChangeResult> {
    const { evidence } = command;
    return writeStatusChange(statements, key, {
      commitmentId: command.commitment.id,
      status: command.status,
      effectiveOn: command.effectiveOn,
      rationale: command.rationale.trim(),
      expectedVersion: command.expectedVersion ?? null,
      evidence: evidence && { url: evidence.url, title: evidence.title, sourceDocumentId: evidence.sourceDocumentId, publishedOn: toLocalDate(evidence.publishedOn) },
      author: authorOf(viewer),
      refusedFrom,
      now: new Date().toISOString(),
      kind: CommitmentChangeKind.STATUS_CHANGED,
      correction,
      announcement: (values, from) => this.changes.announcement(values, from),
    });
  }

  /**
   * Records an assessment. It bumps the version: it changes lastAssessedAt, and an editor about to change the
   * status on the strength of what they read should learn that someone has assessed the commitment since.
   */
  async addProgressNote(viewer: AuthenticatedViewer, input: AddProgressNoteCommand) {
    const { commitment: { id }, evidence } = input;
    return this.writes.transaction({ principal: principalOf(viewer), operation: 'addProgressNote', key: input.idempotencyKey, input }, async (tx) => {
      const current = await lockCommitment(tx, input);
      checkNotBeforeAnnouncement(current, input.effectiveOn);
      await requireEvidenceDocument(tx, evidence);
      const commitment = await tx.commitment.update({ where: { id }, data: { lastAssessedAt: new Date(), version: { increment: 1 } } });
      const progressNote = await tx.progressNote.create({
        data: {
          commitmentId: id,
          effectiveOn: localDateToDate(input.effectiveOn),
          note: input.note.trim(),
          ...evidenceColumns(evidence),
          ...authorOf(viewer),
        },
      });
      return this.published(tx, CommitmentChangeKind.PROGRESS_NOTE_ADDED, { commitment, progressNote });
    });
  }

  /** Attaches evidence. The commitment's own fields do not change, so neither does its version. */
  async attachEvidence(viewer: AuthenticatedViewer, input: AttachEvidenceCommand) {
    const { commitment: { id }, evidence } = input;
    return this.writes.transaction({ principal: principalOf(viewer), operation: 'attachEvidence', key: input.idempotencyKey, input }, async (tx) => {
      const commitment = await tx.commitment.findUnique({ where: { id } });
      if (!commitment) throw new NotFoundError(`Commitment ${input.commitment.globalId}`, COMMITMENT_ID);
      requireNotArchived(commitment);
      await requireEvidenceDocument(tx, evidence);
      const row = await tx.evidence.create({
        data: {
          commitmentId: id,
          url: evidence.url,
          sourceDocumentId: evidence.sourceDocumentId,
          title: evidence.title,
          publishedOn: evidence.publishedOn,
          note: input.note?.trim() || null,
          ...authorOf(viewer),
        },
      });
      return this.published(tx, CommitmentChangeKind.EVIDENCE_ATTACHED, { commitment, evidence: row });
    });
  }

  /** Creates a commitment with its first history entry, effective on the day it was announced. */
  async create(viewer: AuthenticatedViewer, input: CreateCommitmentCommand) {
    return this.writes.transaction({ principal: principalOf(viewer), operation: 'createCommitment', key: input.idempotencyKey, input }, (tx) => this.createIn(tx, viewer, input));
  }

  /**
   * create's work inside a transaction the caller holds, for a write that creates a commitment as one part
   * of it (accepting a reviewed candidate): the same rules, the same first history entry and announcement.
   */
  async createIn(tx: Transaction, viewer: AuthenticatedViewer, input: CreateCommitmentCommand) {
    const { pillar: { id: pillarId }, actors } = input;
    const announcedOn = localDateToDate(input.announcedOn);
    const status = input.status ?? CommitmentStatus.ANNOUNCED;
    const pillar = await tx.pillar.findUnique({ where: { id: pillarId } });
    if (!pillar) throw new NotFoundError(`Pillar ${input.pillar.globalId}`, ['input', 'pillarId']);
    await requireActors(tx, actors);
    if (await tx.commitment.findUnique({ where: { slug: input.slug }, select: { id: true } })) throw new ConflictError(slugTaken(input.slug), SLUG);
    const commitment = await conflictOnUnique(
      tx.commitment.create({
        data: {
          slug: input.slug,
          partnershipId: pillar.partnershipId,
          pillarId,
          pillarBasis: input.pillarBasis ?? PillarBasis.STATED,
          title: input.title.trim(),
          description: input.description?.trim() || null,
          status,
          statusSince: announcedOn,
          announcedOn,
          ...deadlineColumns(input.deadline),
          tags: uniqueTags(input.tags),
          actors: { create: actors.map(({ actor, role }) => ({ actorId: actor.id, role })) },
          amounts: { create: input.amounts },
        },
      }),
      slugTaken(input.slug),
      SLUG,
    );
    await tx.statusChange.create({
      data: {
        commitmentId: commitment.id,
        fromStatus: null,
        toStatus: status,
        effectiveOn: announcedOn,
        rationale: input.rationale?.trim() || 'Status when the commitment was recorded.',
        ...authorOf(viewer),
      },
    });
    return this.published(tx, CommitmentChangeKind.CREATED, { commitment });
  }

  async update(viewer: AuthenticatedViewer, input: UpdateCommitmentCommand) {
    const { commitment: { id }, actors } = input;
    const pillarId = input.pillar?.id;
    return this.writes.transaction({ principal: principalOf(viewer), operation: 'updateCommitment', key: input.idempotencyKey, input }, async (tx) => {
      const current = await lockCommitment(tx, input);
      if (pillarId !== undefined) {
        const pillar = await tx.pillar.findUnique({ where: { id: pillarId } });
        if (!pillar) throw new NotFoundError(`Pillar ${input.pillar!.globalId}`, ['input', 'pillarId']);
        if (pillar.partnershipId !== current.partnershipId) {
          throw new InvalidInputError('pillarId names a pillar of another partnership; a commitment stays in its partnership', ['input', 'pillarId']);
        }
      }
      if (actors !== undefined) {
        await requireActors(tx, actors);
        await tx.commitmentActor.deleteMany({ where: { commitmentId: id } });
        await tx.commitmentActor.createMany({ data: actors.map(({ actor, role }) => ({ commitmentId: id, actorId: actor.id, role })) });
      }
      if (input.amounts !== undefined) {
        await tx.commitmentAmount.deleteMany({ where: { commitmentId: id } });
        await tx.commitmentAmount.createMany({ data: input.amounts.map((amount) => ({ ...amount, commitmentId: id })) });
      }
      const commitment = await tx.commitment.update({
        where: { id },
        data: {
          title: input.title?.trim(),
          description: input.description === undefined ? undefined : input.description?.trim() || null,
          pillarId,
          pillarBasis: input.pillarBasis ?? undefined,
          ...(input.deadline === undefined ? {} : deadlineColumns(input.deadline)),
          tags: input.tags === undefined ? undefined : uniqueTags(input.tags),
          version: { increment: 1 },
        },
      });
      return this.published(tx, CommitmentChangeKind.UPDATED, { commitment });
    });
  }

  /** Archives: the commitment and its history stay; lists leave it out. */
  async archive(viewer: AuthenticatedViewer, input: ArchiveCommitmentCommand) {
    const { id } = input.commitment;
    return this.writes.transaction({ principal: principalOf(viewer), operation: 'archiveCommitment', input }, async (tx) => {
      const current = await lockCommitment(tx, input, { archived: 'allowed' });
      if (current.archivedAt) throw new InvalidInputError(`The commitment was archived already, at ${current.archivedAt.toISOString()}`, COMMITMENT_ID);
      const commitment = await tx.commitment.update({ where: { id }, data: { archivedAt: new Date(), version: { increment: 1 } } });
      return this.published(tx, CommitmentChangeKind.ARCHIVED, { commitment });
    });
  }
}

/** The commitment, locked for the rest of the transaction (lockCommitmentRow), checked against expectedVersion as the lock holder sees it. */
export async function lockCommitment(
  tx: Transaction,
  input: { commitment: EntityRef; expectedVersion?: number | null },
  options: { archived: 'refused' | 'allowed' } = { archived: 'refused' },
): Promise<CommitmentRow> {
  return checkedCommitment(await lockCommitmentRow(tx, input.commitment.id), input, options);
}

function checkedCommitment(
  row: CommitmentRow | undefined,
  input: { commitment: EntityRef; expectedVersion?: number | null },
  options: { archived: 'refused' | 'allowed' } = { archived: 'refused' },
): CommitmentRow {
  if (!row) throw new NotFoundError(`Commitment ${input.commitment.globalId}`, COMMITMENT_ID);
  if (input.expectedVersion != null && input.expectedVersion !== row.version) {
    throw new ConflictError(
      `The commitment has changed since you read it: it is at version ${row.version} (status ${row.status}), not ${input.expectedVersion}. Read it again and decide again.`,
      ['input', 'expectedVersion'],
      { currentVersion: row.version, currentStatus: row.status },
    );
  }
  if (options.archived === 'refused') requireNotArchived(row);
  return row;
}

/**
 * The statuses from which the rules refuse a move whatever the dates (the same status, a claim without
 * evidence, …): asked of checkStatusChange itself, so that the statement cannot allow what the rules refuse.
 * The answer depends on the target status and the evidence alone, and asking throws an error per refusal,
 * so it is worked out once per pair.
 */
const refusing = new Map<string, CommitmentStatus[]>();
function statusesRefusing(change: { status: CommitmentStatus; effectiveOn: string; hasEvidence: boolean }): CommitmentStatus[] {
  const key = `${change.status}|${change.hasEvidence}`;
  let statuses = refusing.get(key);
  if (statuses === undefined) {
    // Dated at the earliest, the commitment's dates never refuse: only the status rules speak.
    const asked = { ...change, effectiveOn: toLocalDate(EARLIEST) };
    statuses = Object.values(CommitmentStatus).filter((status) => {
      try {
        checkStatusChange({ status, statusSince: EARLIEST, announcedOn: EARLIEST }, asked);
        return false;
      } catch (error) {
        if (error instanceof InvalidInputError) return true;
        throw error;
      }
    });
    refusing.set(key, statuses);
  }
  return statuses;
}

export function requireNotArchived(row: CommitmentRow): void {
  if (row.archivedAt) throw new InvalidInputError('The commitment is archived; archived commitments are not changed', COMMITMENT_ID);
}

export async function requireEvidenceDocument(tx: Transaction, evidence: EvidenceValues | undefined): Promise<void> {
  if (evidence?.sourceDocumentId == null) return;
  const document = await tx.sourceDocument.findUnique({ where: { id: evidence.sourceDocumentId }, select: { id: true } });
  if (!document) throw evidenceDocumentNotFound();
}

function evidenceDocumentNotFound(): NotFoundError {
  return new NotFoundError('The evidence\'s source document', ['input', 'evidence', 'sourceDocumentId']);
}

export function evidenceColumns(evidence: EvidenceValues | undefined) {
  return {
    evidenceUrl: evidence?.url ?? null,
    evidenceDocumentId: evidence?.sourceDocumentId ?? null,
    evidenceTitle: evidence?.title ?? null,
    evidenceDate: evidence?.publishedOn ?? null,
  };
}

async function requireActors(tx: Transaction, actors: ActorCommand[]): Promise<void> {
  if (actors.length === 0) return;
  const found = await tx.actor.findMany({ where: { id: { in: actors.map(({ actor }) => actor.id) } }, select: { id: true } });
  const ids = new Set(found.map((row) => row.id));
  const missing = actors.find(({ actor }) => !ids.has(actor.id));
  if (missing) throw new NotFoundError(`Actor ${missing.actor.globalId}`, missing.field);
}

function deadlineColumns(deadline: DeadlineCommand | null | undefined) {
  if (!deadline) return { deadline: null, deadlinePrecision: null };
  return { deadline: localDateToDate(endOfPeriod(deadline.date, deadline.precision)), deadlinePrecision: deadline.precision };
}

function uniqueTags(tags: string[] | null | undefined): string[] {
  return [...new Set(tags ?? [])];
}

/** The conflict when a slug is taken: found by the check, or by the unique index when a writer raced past it. */
const slugTaken = (slug: string) => `slug "${slug}" is taken by another commitment`;
const SLUG = ['input', 'slug'];

