// Writes to commitments and their history. Every write runs in one transaction that first locks the
// commitment's row (SELECT … FOR UPDATE), so writers queue, each checks its rules against what the one before
// it committed, and no update is lost; with expectedVersion, a writer whose read is stale is refused instead.
// The one exception, a status change without an idempotency key (the hot path), first tries without a
// transaction: read, check, then one statement that writes only if the row's version is still the one read;
// when another writer came first, it takes the locked path (see updateStatus).
import { CommitmentStatus, PillarBasis } from '../common/enums';
import { endOfPeriod, requireNotFuture, toLocalDate } from '../common/dates';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { isUniqueViolation } from '../common/unique-violation';
import { authorOf, type AuthenticatedViewer } from '../auth/viewer';
import { Prisma } from '../generated/prisma/client';
import { localDateToDate } from '../graphql/scalars';
import type { IdempotencyService, Transaction } from '../idempotency/idempotency.service';
import { fromGlobalId } from '../relay/global-id';
import { fromRow } from '../relay/node.interface';
import { evidenceValues, type EvidenceValues } from '../status-history/evidence.input';
import { Evidence } from '../status-history/evidence.type';
import { ProgressNote } from '../status-history/progress-note.type';
import { checkNotBeforeAnnouncement, checkStatusChange } from '../status-history/status-change.rules';
import { StatusChange } from '../status-history/status-change.type';
import { CommitmentChangeKind } from '../subscription/commitment-change';
import type { CommitmentChangePublisher } from '../subscription/commitment-change.publisher';
import type {
  AddProgressNoteInput,
  ArchiveCommitmentInput,
  AttachEvidenceInput,
  CommitmentActorInput,
  CreateCommitmentInput,
  DeadlineInput,
  UpdateCommitmentInput,
  UpdateCommitmentStatusInput,
} from './commitment-mutation.input';
import { Commitment } from './commitment.type';

type CommitmentRow = Prisma.CommitmentGetPayload<object>;
type StatusChangeRow = Prisma.StatusChangeGetPayload<object>;

/**
 * Raw SQL reads and returns rows in the shape Prisma gives them: every column, named as the model names it.
 * (Enums come back as their names, `date` columns as Dates at midnight UTC, int4 as numbers: as from Prisma.)
 */
const COMMITMENT_COLUMNS = Prisma.raw(
  'id, slug, partnership_id AS "partnershipId", pillar_id AS "pillarId", pillar_basis AS "pillarBasis", title, description, status, ' +
    'status_since AS "statusSince", announced_on AS "announcedOn", last_assessed_at AS "lastAssessedAt", deadline, ' +
    'deadline_precision AS "deadlinePrecision", tags, version, archived_at AS "archivedAt", created_at AS "createdAt", updated_at AS "updatedAt"',
);
const STATUS_CHANGE_FIELDS = {
  id: 'id',
  commitmentId: 'commitment_id',
  fromStatus: 'from_status',
  toStatus: 'to_status',
  effectiveOn: 'effective_on',
  recordedAt: 'recorded_at',
  rationale: 'rationale',
  evidenceUrl: 'evidence_url',
  evidenceTitle: 'evidence_title',
  evidenceDate: 'evidence_date',
  evidenceDocumentId: 'evidence_document_id',
  authorKind: 'author_kind',
  authorId: 'author_id',
  authorName: 'author_name',
} satisfies Record<keyof StatusChangeRow, string>;
const STATUS_CHANGE_COLUMNS = Prisma.raw(Object.entries(STATUS_CHANGE_FIELDS).map(([field, column]) => `${column} AS "${field}"`).join(', '));
/** The history row's fields, next to the commitment's in one result row: i."id" AS "statusChange.id", … */
const STATUS_CHANGE_PREFIX = 'statusChange.';
const STATUS_CHANGE_PREFIXED = Prisma.raw(Object.keys(STATUS_CHANGE_FIELDS).map((field) => `i."${field}" AS "${STATUS_CHANGE_PREFIX}${field}"`).join(', '));

const COMMITMENT_ID = ['input', 'commitmentId'];

export class CommitmentWriteService {
  constructor(
    private readonly writes: IdempotencyService,
    private readonly changes: CommitmentChangePublisher,
  ) {}

  /**
   * The publish point for subscriptions: every write ends its transaction here, announcing what it did
   * with a NOTIFY that PostgreSQL delivers to every server instance when, and only if, the transaction commits.
   * (An idempotent replay runs no transaction work, so it announces nothing again.) A status change, the hot
   * path, sends the same NOTIFY from its write statement instead (see writeStatusChange).
   */
  private async published<T extends { commitment: CommitmentRow }>(tx: Transaction, kind: CommitmentChangeKind, result: T, statusChangeId: number | null = null): Promise<T> {
    const { id: commitmentId, partnershipId, pillarId } = result.commitment;
    await this.changes.publish(tx, { kind, commitmentId, partnershipId, pillarId, statusChangeId });
    return result;
  }

  /**
   * Sets a new status and appends its history entry, together or not at all: one statement updates the
   * commitment, appends the history entry and sends the NOTIFY (writeStatusChange), after the rules are checked
   * against the commitment as that statement finds it.
   *
   * Without an idempotency key, optimistically, in two statements and no transaction: the row is read, the rules
   * are checked, and the write applies only if the row is still at the version read (every write bumps it), so
   * the rules held for the very row it changes; if another writer got there first, nothing is written and the
   * locked path below decides. That path (always taken with a key, whose claim must share the write's
   * transaction) locks and reads the row in one statement, then checks and writes: concurrent writers queue.
   */
  async updateStatus(viewer: AuthenticatedViewer, input: UpdateCommitmentStatusInput) {
    const id = fromGlobalId(input.commitmentId, 'Commitment', COMMITMENT_ID);
    requireNotFuture(input.effectiveOn, ['input', 'effectiveOn']);
    const evidence = input.evidence ? evidenceValues(input.evidence, ['input', 'evidence']) : undefined;
    const request = { viewer, operation: 'updateCommitmentStatus', key: input.idempotencyKey, input };
    const change = (current: CommitmentRow) => {
      checkStatusChange(current, { status: input.status, effectiveOn: input.effectiveOn, hasEvidence: evidence !== undefined });
      return { viewer, current, input, evidence };
    };
    if (!input.idempotencyKey) {
      const written = await this.writes.autocommit(request, async (client) =>
        this.writeStatusChange(client, change(await readCommitment(client, id, input)), { ifVersionUnchanged: true }),
      );
      // Undefined: the version moved since the read, or the evidence document does not exist; the locked path tells.
      if (written) return statusChangePayload(written);
    }
    const rows = await this.writes.transaction(request, async (tx) => {
      const written = await this.writeStatusChange(tx, change(await lockCommitment(tx, id, input)));
      // Under the lock only a missing evidence document stops the write.
      if (!written) throw evidenceDocumentNotFound();
      return written;
    });
    return statusChangePayload(rows);
  }

  /**
   * One statement: updates the commitment, appends its history entry and announces the change (the
   * publisher's NOTIFY, with the new entry's id). Data-modifying CTEs all run, on one snapshot; the history
   * insert reads the updated row, so it happens only if the update did. The update applies only if the
   * evidence document exists, when one is given, and with `ifVersionUnchanged` only if the row is still at
   * the version of `current` (checked under the row lock the update takes, after any concurrent writer
   * commits): otherwise nothing is written or announced, and undefined is returned. Rows come back in the
   * shape Prisma gives them.
   */
  private async writeStatusChange(
    tx: Transaction,
    { viewer, current, input, evidence }: { viewer: AuthenticatedViewer; current: CommitmentRow; input: UpdateCommitmentStatusInput; evidence: EvidenceValues | undefined },
    { ifVersionUnchanged = false } = {},
  ): Promise<{ commitment: CommitmentRow; statusChange: StatusChangeRow } | undefined> {
    const now = new Date().toISOString();
    const documentId = evidence?.sourceDocumentId ?? null;
    const version = ifVersionUnchanged ? current.version : null;
    const author = authorOf(viewer);
    const notification = this.changes.notification(
      { kind: CommitmentChangeKind.STATUS_CHANGED, commitmentId: current.id, partnershipId: current.partnershipId, pillarId: current.pillarId },
      Prisma.sql`i.id`,
    );
    const [row] = await tx.$queryRaw<Record<string, unknown>[]>`
      WITH updated AS (
        UPDATE commitment
        SET status = ${input.status}::commitment_status, status_since = ${input.effectiveOn}::date,
            last_assessed_at = ${now}::timestamptz, version = version + 1, updated_at = ${now}::timestamptz
        WHERE id = ${current.id} AND (${version}::int IS NULL OR version = ${version}::int)
          AND (${documentId}::int IS NULL OR EXISTS (SELECT FROM source_document WHERE id = ${documentId}::int))
        RETURNING ${COMMITMENT_COLUMNS}
      ), inserted AS (
        INSERT INTO status_change (commitment_id, from_status, to_status, effective_on, recorded_at, rationale,
                                   evidence_url, evidence_title, evidence_date, evidence_document_id, author_kind, author_id, author_name)
        SELECT u.id, ${current.status}::commitment_status, ${input.status}::commitment_status, ${input.effectiveOn}::date,
               ${now}::timestamptz, ${input.rationale.trim()}, ${evidence?.url ?? null}, ${evidence?.title ?? null},
               ${evidence ? toLocalDate(evidence.publishedOn) : null}::date, ${documentId}::int,
               ${author.authorKind}::author_kind, ${author.authorId}, ${author.authorName}
        FROM updated u
        RETURNING ${STATUS_CHANGE_COLUMNS}
      ), notified AS (
        SELECT ${notification} FROM inserted i
      )
      SELECT u.*, ${STATUS_CHANGE_PREFIXED} FROM updated u, inserted i, notified`;
    if (!row) return undefined;
    const commitment: Record<string, unknown> = {};
    const statusChange: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(row)) {
      if (name.startsWith(STATUS_CHANGE_PREFIX)) statusChange[name.slice(STATUS_CHANGE_PREFIX.length)] = value;
      else commitment[name] = value;
    }
    return { commitment: commitment as CommitmentRow, statusChange: statusChange as StatusChangeRow };
  }

  /**
   * Records an assessment. It bumps the version: it changes lastAssessedAt, and an editor about to change the
   * status on the strength of what they read should learn that someone has assessed the commitment since.
   */
  async addProgressNote(viewer: AuthenticatedViewer, input: AddProgressNoteInput) {
    const id = fromGlobalId(input.commitmentId, 'Commitment', COMMITMENT_ID);
    requireNotFuture(input.effectiveOn, ['input', 'effectiveOn']);
    const evidence = input.evidence ? evidenceValues(input.evidence, ['input', 'evidence']) : undefined;
    const rows = await this.writes.transaction({ viewer, operation: 'addProgressNote', key: input.idempotencyKey, input }, async (tx) => {
      const current = await lockCommitment(tx, id, input);
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
    return { commitment: fromRow(Commitment, rows.commitment), progressNote: fromRow(ProgressNote, rows.progressNote) };
  }

  /** Attaches evidence. The commitment's own fields do not change, so neither does its version. */
  async attachEvidence(viewer: AuthenticatedViewer, input: AttachEvidenceInput) {
    const id = fromGlobalId(input.commitmentId, 'Commitment', COMMITMENT_ID);
    const evidence = evidenceValues(input.evidence, ['input', 'evidence']);
    const rows = await this.writes.transaction({ viewer, operation: 'attachEvidence', key: input.idempotencyKey, input }, async (tx) => {
      const commitment = await tx.commitment.findUnique({ where: { id } });
      if (!commitment) throw new NotFoundError(`Commitment ${input.commitmentId}`, COMMITMENT_ID);
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
    return { commitment: fromRow(Commitment, rows.commitment), evidence: fromRow(Evidence, rows.evidence) };
  }

  /** Creates a commitment with its first history entry, effective on the day it was announced. */
  async create(viewer: AuthenticatedViewer, input: CreateCommitmentInput) {
    const pillarId = fromGlobalId(input.pillarId, 'Pillar', ['input', 'pillarId']);
    requireNotFuture(input.announcedOn, ['input', 'announcedOn']);
    const actors = actorValues(input.actors ?? []);
    const announcedOn = localDateToDate(input.announcedOn);
    const status = input.status ?? CommitmentStatus.ANNOUNCED;
    const rows = await this.writes.transaction({ viewer, operation: 'createCommitment', key: input.idempotencyKey, input }, async (tx) => {
      const pillar = await tx.pillar.findUnique({ where: { id: pillarId } });
      if (!pillar) throw new NotFoundError(`Pillar ${input.pillarId}`, ['input', 'pillarId']);
      await requireActors(tx, actors);
      if (await tx.commitment.findUnique({ where: { slug: input.slug }, select: { id: true } })) throw slugTaken(input.slug);
      const commitment = await tx.commitment
        .create({
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
            actors: { create: actors.map(({ actorId, role }) => ({ actorId, role })) },
          },
        })
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? slugTaken(input.slug) : error;
        });
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
    });
    return { commitment: fromRow(Commitment, rows.commitment) };
  }

  async update(viewer: AuthenticatedViewer, input: UpdateCommitmentInput) {
    const id = fromGlobalId(input.commitmentId, 'Commitment', COMMITMENT_ID);
    if (input.title === null) throw new InvalidInputError('title cannot be removed', ['input', 'title']);
    if (input.pillarId === null) throw new InvalidInputError('pillarId cannot be removed', ['input', 'pillarId']);
    if (input.pillarBasis === null) throw new InvalidInputError('pillarBasis cannot be removed', ['input', 'pillarBasis']);
    const changes = (['title', 'description', 'pillarId', 'pillarBasis', 'actors', 'deadline', 'tags'] as const).filter((name) => input[name] !== undefined);
    if (changes.length === 0) throw new InvalidInputError('Nothing to change: give at least one field besides commitmentId');
    const pillarId = input.pillarId == null ? undefined : fromGlobalId(input.pillarId, 'Pillar', ['input', 'pillarId']);
    const actors = input.actors === undefined ? undefined : actorValues(input.actors ?? []);
    const rows = await this.writes.transaction({ viewer, operation: 'updateCommitment', key: input.idempotencyKey, input }, async (tx) => {
      const current = await lockCommitment(tx, id, input);
      if (pillarId !== undefined) {
        const pillar = await tx.pillar.findUnique({ where: { id: pillarId } });
        if (!pillar) throw new NotFoundError(`Pillar ${input.pillarId}`, ['input', 'pillarId']);
        if (pillar.partnershipId !== current.partnershipId) {
          throw new InvalidInputError('pillarId names a pillar of another partnership; a commitment stays in its partnership', ['input', 'pillarId']);
        }
      }
      if (actors !== undefined) {
        await requireActors(tx, actors);
        await tx.commitmentActor.deleteMany({ where: { commitmentId: id } });
        await tx.commitmentActor.createMany({ data: actors.map(({ actorId, role }) => ({ commitmentId: id, actorId, role })) });
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
    return { commitment: fromRow(Commitment, rows.commitment) };
  }

  /** Archives: the commitment and its history stay; lists leave it out. */
  async archive(viewer: AuthenticatedViewer, input: ArchiveCommitmentInput) {
    const id = fromGlobalId(input.commitmentId, 'Commitment', COMMITMENT_ID);
    const rows = await this.writes.transaction({ viewer, operation: 'archiveCommitment', input }, async (tx) => {
      const current = await lockCommitment(tx, id, input, { archived: 'allowed' });
      if (current.archivedAt) throw new InvalidInputError(`The commitment was archived already, at ${current.archivedAt.toISOString()}`, COMMITMENT_ID);
      const commitment = await tx.commitment.update({ where: { id }, data: { archivedAt: new Date(), version: { increment: 1 } } });
      return this.published(tx, CommitmentChangeKind.ARCHIVED, { commitment });
    });
    return { commitment: fromRow(Commitment, rows.commitment) };
  }
}

/**
 * Locks the commitment's row for the rest of the transaction and reads it, in one statement: concurrent
 * writers to the same commitment wait here for each other, and each reads the row as the one before it
 * committed it. Checks expectedVersion against what the lock holder sees.
 */
async function lockCommitment(
  tx: Transaction,
  id: number,
  input: { commitmentId: string; expectedVersion?: number | null },
  options: { archived: 'refused' | 'allowed' } = { archived: 'refused' },
): Promise<CommitmentRow> {
  const [row] = await tx.$queryRaw<CommitmentRow[]>`SELECT ${COMMITMENT_COLUMNS} FROM commitment WHERE id = ${id} FOR UPDATE`;
  return checkedCommitment(row, input, options);
}

/** Reads the commitment as last committed, without a lock, and checks it as lockCommitment does. */
async function readCommitment(client: Transaction, id: number, input: { commitmentId: string; expectedVersion?: number | null }): Promise<CommitmentRow> {
  const [row] = await client.$queryRaw<CommitmentRow[]>`SELECT ${COMMITMENT_COLUMNS} FROM commitment WHERE id = ${id}`;
  return checkedCommitment(row, input);
}

function checkedCommitment(
  row: CommitmentRow | undefined,
  input: { commitmentId: string; expectedVersion?: number | null },
  options: { archived: 'refused' | 'allowed' } = { archived: 'refused' },
): CommitmentRow {
  if (!row) throw new NotFoundError(`Commitment ${input.commitmentId}`, COMMITMENT_ID);
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

function statusChangePayload(rows: { commitment: CommitmentRow; statusChange: StatusChangeRow }) {
  return { commitment: fromRow(Commitment, rows.commitment), statusChange: fromRow(StatusChange, rows.statusChange) };
}

function requireNotArchived(row: CommitmentRow): void {
  if (row.archivedAt) throw new InvalidInputError('The commitment is archived; archived commitments are not changed', COMMITMENT_ID);
}

async function requireEvidenceDocument(tx: Transaction, evidence: EvidenceValues | undefined): Promise<void> {
  if (evidence?.sourceDocumentId == null) return;
  const document = await tx.sourceDocument.findUnique({ where: { id: evidence.sourceDocumentId }, select: { id: true } });
  if (!document) throw evidenceDocumentNotFound();
}

function evidenceDocumentNotFound(): NotFoundError {
  return new NotFoundError('The evidence\'s source document', ['input', 'evidence', 'sourceDocumentId']);
}

function evidenceColumns(evidence: EvidenceValues | undefined) {
  return {
    evidenceUrl: evidence?.url ?? null,
    evidenceDocumentId: evidence?.sourceDocumentId ?? null,
    evidenceTitle: evidence?.title ?? null,
    evidenceDate: evidence?.publishedOn ?? null,
  };
}

interface ActorValue {
  actorId: number;
  role: CommitmentActorInput['role'];
  /** The input's global ID, for messages. */
  globalId: string;
  field: string[];
}

function actorValues(actors: CommitmentActorInput[]): ActorValue[] {
  const values = actors.map((actor, index) => {
    const field = ['input', 'actors', String(index), 'actorId'];
    return { actorId: fromGlobalId(actor.actorId, 'Actor', field), role: actor.role, globalId: actor.actorId, field };
  });
  const seen = new Set<number>();
  for (const value of values) {
    if (seen.has(value.actorId)) throw new InvalidInputError('An actor is listed twice; give each actor once, with one role', value.field);
    seen.add(value.actorId);
  }
  return values;
}

async function requireActors(tx: Transaction, actors: ActorValue[]): Promise<void> {
  if (actors.length === 0) return;
  const found = await tx.actor.findMany({ where: { id: { in: actors.map((actor) => actor.actorId) } }, select: { id: true } });
  const ids = new Set(found.map((row) => row.id));
  const missing = actors.find((actor) => !ids.has(actor.actorId));
  if (missing) throw new NotFoundError(`Actor ${missing.globalId}`, missing.field);
}

function deadlineColumns(deadline: DeadlineInput | null | undefined) {
  if (!deadline) return { deadline: null, deadlinePrecision: null };
  return { deadline: localDateToDate(endOfPeriod(deadline.date, deadline.precision)), deadlinePrecision: deadline.precision };
}

function uniqueTags(tags: string[] | null | undefined): string[] {
  return [...new Set(tags ?? [])];
}

function slugTaken(slug: string): ConflictError {
  return new ConflictError(`slug "${slug}" is taken by another commitment`, ['input', 'slug']);
}

