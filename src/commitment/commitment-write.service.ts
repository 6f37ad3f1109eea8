// Writes to commitments and their history. Every write runs in one transaction that first locks the
// commitment's row (SELECT … FOR UPDATE), so writers queue, each checks its rules against what the one before
// it committed, and no update is lost; with expectedVersion, a writer whose read is stale is refused instead.
// A status change, the hot path, is all of that in one statement, its idempotency key's claim included
// (see updateStatus): one round trip, the statement being a transaction of its own.
import { CommitmentStatus, PillarBasis } from '../common/enums';
import { endOfPeriod, requireNotFuture, toLocalDate } from '../common/dates';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors';
import { isUniqueViolation } from '../common/unique-violation';
import { authorOf, type AuthenticatedViewer } from '../auth/viewer';
import { Prisma } from '../generated/prisma/client';
import { localDateToDate } from '../common/scalars';
import type { StatementKey } from '../db/idempotency-key.sql';
import type { WriteUnit as IdempotencyService, StatementResult, Transaction } from '../idempotency/write-unit';
import { fromGlobalId } from '../relay/global-id';
import { fromRow } from '../relay/node.interface';
import { evidenceValues } from '../status-history/api/evidence.mapper';
import type { EvidenceValues } from '../status-history/evidence.commands';
import { Evidence } from '../status-history/api/evidence.type';
import { ProgressNote } from '../status-history/api/progress-note.type';
import { checkNotBeforeAnnouncement, checkStatusChange } from '../status-history/status-change.rules';
import { StatusChange } from '../status-history/api/status-change.type';
import { CommitmentChangeKind } from './commitment-change';
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
 * A row's fields as Prisma names them, each with its column; a Date field (a `date` or `timestamptz` column)
 * is marked, so that the JSON of a row tags it as the stored responses of idempotency keys do.
 */
type Columns<Row> = { [Field in keyof Row]-?: NonNullable<Row[Field]> extends Date ? { date: string } : string };

const COMMITMENT_FIELDS: Columns<CommitmentRow> = {
  id: 'id',
  slug: 'slug',
  partnershipId: 'partnership_id',
  pillarId: 'pillar_id',
  pillarBasis: 'pillar_basis',
  title: 'title',
  description: 'description',
  status: 'status',
  statusSince: { date: 'status_since' },
  announcedOn: { date: 'announced_on' },
  lastAssessedAt: { date: 'last_assessed_at' },
  deadline: { date: 'deadline' },
  deadlinePrecision: 'deadline_precision',
  tags: 'tags',
  version: 'version',
  archivedAt: { date: 'archived_at' },
  createdAt: { date: 'created_at' },
  updatedAt: { date: 'updated_at' },
};
const STATUS_CHANGE_FIELDS: Columns<StatusChangeRow> = {
  id: 'id',
  commitmentId: 'commitment_id',
  fromStatus: 'from_status',
  toStatus: 'to_status',
  effectiveOn: { date: 'effective_on' },
  recordedAt: { date: 'recorded_at' },
  rationale: 'rationale',
  evidenceUrl: 'evidence_url',
  evidenceTitle: 'evidence_title',
  evidenceDate: { date: 'evidence_date' },
  evidenceDocumentId: 'evidence_document_id',
  authorKind: 'author_kind',
  authorId: 'author_id',
  authorName: 'author_name',
};

const columnOf = (column: string | { date: string }) => (typeof column === 'string' ? column : column.date);

/**
 * Raw SQL reads and returns rows in the shape Prisma gives them: every column, named as the model names it.
 * (Enums come back as their names, `date` columns as Dates at midnight UTC, int4 as numbers: as from Prisma.)
 */
const COMMITMENT_COLUMNS = Prisma.raw(Object.entries(COMMITMENT_FIELDS).map(([field, column]) => `${columnOf(column)} AS "${field}"`).join(', '));

/**
 * A row of `alias` as jsonb in the shape that idempotency's decode turns back into the row Prisma gives:
 * fields named as the model names them, Dates as {"$date": …} (to_jsonb's ISO text, which Date parses).
 */
function rowJson<Row>(alias: string, fields: Columns<Row>): Prisma.Sql {
  const pairs = Object.entries<string | { date: string }>(fields).map(([field, column]) =>
    typeof column === 'string'
      ? `'${field}', ${alias}.${column}`
      : `'${field}', CASE WHEN ${alias}.${column.date} IS NOT NULL THEN jsonb_build_object('$date', ${alias}.${column.date}) END`,
  );
  return Prisma.raw(`jsonb_build_object(${pairs.join(', ')})`);
}
const STATUS_CHANGE_RESPONSE = Prisma.sql`jsonb_build_object('commitment', ${rowJson('u', COMMITMENT_FIELDS)}, 'statusChange', ${rowJson('i', STATUS_CHANGE_FIELDS)})`;

/** The statement's one result row: the commitment as it found it (under its lock), and what it wrote. */
type StatusChangeResult = StatementResult & { [Field in keyof CommitmentRow]: CommitmentRow[Field] | null };
type StatusChangeRows = { commitment: CommitmentRow; statusChange: StatusChangeRow };

/** A date before any LocalDate: the date rules then hold, and only what the status rules say is left. */
const EARLIEST = new Date('0001-01-01T00:00:00Z');

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
   * Sets a new status and appends its history entry, together or not at all, in one statement (writeStatusChange)
   * that locks the row, checks the rules against it and writes only if they hold; with an idempotency key the
   * same statement claims the key and stores the response (IdempotencyService.oneStatement). A refused change
   * comes back with the row as the statement found it, and the rules, run again on it here, say why.
   */
  async updateStatus(viewer: AuthenticatedViewer, input: UpdateCommitmentStatusInput) {
    const id = fromGlobalId(input.commitmentId, 'Commitment', COMMITMENT_ID);
    requireNotFuture(input.effectiveOn, ['input', 'effectiveOn']);
    const evidence = input.evidence ? evidenceValues(input.evidence, ['input', 'evidence']) : undefined;
    const request = { viewer, operation: 'updateCommitmentStatus', key: input.idempotencyKey, input };
    const change = { status: input.status, effectiveOn: input.effectiveOn, hasEvidence: evidence !== undefined };
    const outcome = await this.writes.oneStatement<StatusChangeRows, StatusChangeResult>(request, (client, key) =>
      this.writeStatusChange(client, key, { viewer, id, input, evidence, refusedFrom: statusesRefusing(change) }),
    );
    if ('response' in outcome) return statusChangePayload(outcome.response);
    const current = checkedCommitment(outcome.refused.id === null ? undefined : commitmentOf(outcome.refused), input);
    checkStatusChange(current, change);
    if (evidence?.sourceDocumentId != null) throw evidenceDocumentNotFound();
    throw new Error(`updateCommitmentStatus: the statement refused a change that the rules allow (commitment ${id})`);
  }

  /**
   * One statement: locks the commitment's row (waiting for any writer ahead of it, then reading the row as
   * that writer committed it), checks expectedVersion and the rules against it, updates it, appends the
   * history entry, announces the change with a NOTIFY and, with a key, stores the response under the key.
   * Data-modifying CTEs all run, on one snapshot; each reads the one before, so each happens only if the one
   * before did, and the update only if the rules held. The rules that depend on the status alone come in as
   * `refusedFrom` (see statusesRefusing); the dates, the version, archiving and the evidence document are
   * checked here. Returns the row as found and, when written, the response as jsonb text.
   */
  private async writeStatusChange(
    client: Transaction,
    key: StatementKey | undefined,
    { viewer, id, input, evidence, refusedFrom }: { viewer: AuthenticatedViewer; id: number; input: UpdateCommitmentStatusInput; evidence: EvidenceValues | undefined; refusedFrom: CommitmentStatus[] },
  ): Promise<StatusChangeResult> {
    const now = new Date().toISOString();
    const documentId = evidence?.sourceDocumentId ?? null;
    const author = authorOf(viewer);
    // The partnership and the pillar come from the row, which only this statement reads.
    const notification = this.changes.notification({
      kind: Prisma.sql`${CommitmentChangeKind.STATUS_CHANGED}::text`,
      commitmentId: Prisma.sql`u.id`,
      partnershipId: Prisma.sql`u.partnership_id`,
      pillarId: Prisma.sql`u.pillar_id`,
      statusChangeId: Prisma.sql`i.id`,
    });
    const [row] = await client.$queryRaw<StatusChangeResult[]>`
      WITH ${key ? key.ctes : Prisma.empty}
      current AS MATERIALIZED (
        SELECT ${COMMITMENT_COLUMNS} FROM commitment
        WHERE id = ${id} ${key ? Prisma.sql`AND ${key.free}` : Prisma.empty}
        FOR UPDATE
      ), allowed AS (
        SELECT c.* FROM current c
        WHERE (${input.expectedVersion ?? null}::int IS NULL OR c.version = ${input.expectedVersion ?? null}::int)
          AND c."archivedAt" IS NULL
          AND c.status <> ALL (${refusedFrom}::commitment_status[])
          AND ${input.effectiveOn}::date >= c."announcedOn" AND ${input.effectiveOn}::date >= c."statusSince"
          AND (${documentId}::int IS NULL OR EXISTS (SELECT FROM source_document WHERE id = ${documentId}::int))
      ), updated AS (
        UPDATE commitment c
        SET status = ${input.status}::commitment_status, status_since = ${input.effectiveOn}::date,
            last_assessed_at = ${now}::timestamptz, version = c.version + 1, updated_at = ${now}::timestamptz
        FROM allowed a
        WHERE c.id = a.id
        RETURNING c.*
      ), inserted AS (
        INSERT INTO status_change (commitment_id, from_status, to_status, effective_on, recorded_at, rationale,
                                   evidence_url, evidence_title, evidence_date, evidence_document_id, author_kind, author_id, author_name)
        SELECT u.id, a.status, ${input.status}::commitment_status, ${input.effectiveOn}::date,
               ${now}::timestamptz, ${input.rationale.trim()}, ${evidence?.url ?? null}, ${evidence?.title ?? null},
               ${evidence ? toLocalDate(evidence.publishedOn) : null}::date, ${documentId}::int,
               ${author.authorKind}::author_kind, ${author.authorId}, ${author.authorName}
        FROM updated u, allowed a
        RETURNING *
      ), written AS (
        SELECT ${STATUS_CHANGE_RESPONSE} AS response FROM updated u, inserted i
      ), ${key ? Prisma.sql`${key.store(Prisma.sql`w.response`, Prisma.sql`written w`)},` : Prisma.empty}
      notified AS (
        SELECT ${notification} FROM updated u, inserted i
      )
      SELECT c.*, (SELECT response::text FROM written) AS response, (SELECT count(*)::int FROM notified) AS notified
             ${key ? Prisma.sql`, ${key.columns}` : Prisma.empty}
      FROM (VALUES (1)) AS one LEFT JOIN current c ON true`;
    return row!;
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

/**
 * The statuses from which the rules refuse a move whatever the dates (the same status, a claim without
 * evidence, …): asked of checkStatusChange itself, so that the statement cannot allow what the rules refuse.
 */
function statusesRefusing(change: { status: CommitmentStatus; effectiveOn: string; hasEvidence: boolean }): CommitmentStatus[] {
  return Object.values(CommitmentStatus).filter((status) => {
    try {
      checkStatusChange({ status, statusSince: EARLIEST, announcedOn: EARLIEST }, change);
      return false;
    } catch (error) {
      if (error instanceof InvalidInputError) return true;
      throw error;
    }
  });
}

/** The commitment's fields of a result row. */
function commitmentOf(row: StatusChangeResult): CommitmentRow {
  return Object.fromEntries(Object.keys(COMMITMENT_FIELDS).map((field) => [field, row[field as keyof CommitmentRow]])) as CommitmentRow;
}

function statusChangePayload(rows: StatusChangeRows) {
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

