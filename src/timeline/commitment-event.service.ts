// A commitment's timeline: its announcement, status changes, progress notes and evidence as one list of
// dated events, newest first. Pages for many commitments come from one statement: the events of all of them
// are numbered per commitment with a window function (row_number), and each keeps its first `size + 1`.
import { groupByKeys, lazy, orderByKeys } from '../common/batch';
import { toLocalDate } from '../common/dates';
import { InvalidInputError } from '../common/errors';
import type { PrismaClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import { encodeCursor, type Page, type PageRequest } from '../relay/connection';
import { fromRow } from '../relay/node.interface';
import { Evidence } from '../status-history/api/evidence.type';
import { ProgressNote } from '../status-history/api/progress-note.type';
import { type CommitmentEvent, CommitmentEventKind, EVENT_TYPES, KIND_RANK } from './commitment-event.type';

const CURSOR_NAME = 'EVENTS';

interface EventRow {
  commitmentId: number;
  kind: CommitmentEventKind;
  occurredOn: Date;
  rank: number;
  sourceId: number;
  provenanceId: number | null;
  statusChangeId: number | null;
}

/** Where a cursor points: an event's (day, kind rank, row id), the order's key. */
type Position = [string, number, number];

function readCursor(request: PageRequest): Position | undefined {
  if (!request.cursor) return undefined;
  const [name, day, rank, id] = request.cursor;
  const valid =
    request.cursor.length === 4 &&
    name === CURSOR_NAME &&
    typeof day === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(day) &&
    !Number.isNaN(Date.parse(day)) &&
    Object.values(KIND_RANK).includes(rank as number) &&
    Number.isSafeInteger(id) &&
    (id as number) > 0;
  if (!valid) throw new InvalidInputError(`${request.direction === 'forward' ? 'after' : 'before'} is not a valid cursor for a timeline`, [request.direction === 'forward' ? 'after' : 'before']);
  return [day, rank as number, id as number];
}

/** Every event of the commitments `ids` as (commitmentId, kind, occurredOn, rank, sourceId, provenanceId, statusChangeId). */
function eventsOf(ids: number[]): Prisma.Sql {
  const event = (kind: CommitmentEventKind) => Prisma.sql`${kind}::text AS kind, ${KIND_RANK[kind]}::int AS rank`;
  return Prisma.sql`
    SELECT c.id AS "commitmentId", ${event(CommitmentEventKind.ANNOUNCED)}, c.announced_on AS "occurredOn", c.id AS "sourceId",
      (SELECT pv.id FROM provenance pv WHERE pv.commitment_id = c.id AND pv.role = 'ORIGIN' ORDER BY pv.id LIMIT 1) AS "provenanceId",
      (SELECT sc.id FROM status_change sc WHERE sc.commitment_id = c.id AND sc.from_status IS NULL ORDER BY sc.id LIMIT 1) AS "statusChangeId"
    FROM commitment c WHERE c.id = ANY(${ids}::int[])
    UNION ALL
    -- The first entry (from no status) is the announcement, shown by the ANNOUNCED event.
    SELECT sc.commitment_id, ${event(CommitmentEventKind.STATUS_CHANGE)}, sc.effective_on, sc.id, NULL, NULL
    FROM status_change sc WHERE sc.commitment_id = ANY(${ids}::int[]) AND sc.from_status IS NOT NULL
    UNION ALL
    SELECT pn.commitment_id, ${event(CommitmentEventKind.PROGRESS_NOTE)}, pn.effective_on, pn.id, NULL, NULL
    FROM progress_note pn WHERE pn.commitment_id = ANY(${ids}::int[])
    UNION ALL
    SELECT ev.commitment_id, ${event(CommitmentEventKind.EVIDENCE)}, coalesce(ev.published_on, (ev.recorded_at AT TIME ZONE 'UTC')::date), ev.id, NULL, NULL
    FROM evidence ev WHERE ev.commitment_id = ANY(${ids}::int[])`;
}

function toEvent(row: EventRow): CommitmentEvent {
  const { provenanceId, statusChangeId, rank: _rank, ...common } = row;
  const event = Object.assign(new EVENT_TYPES[row.kind](), common);
  return row.kind === CommitmentEventKind.ANNOUNCED ? Object.assign(event, { provenanceId, statusChangeId }) : event;
}

export class CommitmentEventService {
  constructor(private readonly prisma: PrismaClient) {}

  /** The same page of events for each commitment, newest first (by day, then kind, then record), in one statement. */
  async pagesOf(commitmentIds: readonly number[], request: PageRequest): Promise<Page<CommitmentEvent>[]> {
    const ids = [...commitmentIds];
    const position = readCursor(request);
    // Newest first; reading backward walks the order in reverse from the cursor and flips the page after.
    const forward = request.direction === 'forward';
    const direction = Prisma.raw(forward ? 'DESC' : 'ASC');
    const beyond = position
      ? Prisma.sql`(e."occurredOn", e.rank, e."sourceId") ${Prisma.raw(forward ? '<' : '>')} (${position[0]}::date, ${position[1]}::int, ${position[2]}::int)`
      : Prisma.sql`TRUE`;
    const rows = await this.prisma.$queryRaw<(EventRow & { n: bigint })[]>(Prisma.sql`
      SELECT w.* FROM (
        SELECT e.*, row_number() OVER (PARTITION BY e."commitmentId" ORDER BY e."occurredOn" ${direction}, e.rank ${direction}, e."sourceId" ${direction}) AS n
        FROM (${eventsOf(ids)}) e
        WHERE ${beyond}
      ) w
      WHERE w.n <= ${request.size + 1}
      ORDER BY w."commitmentId", w.n`);
    const counts = lazy(async () => {
      const totals = await this.prisma.$queryRaw<{ commitmentId: number; n: number }[]>(
        Prisma.sql`SELECT e."commitmentId", count(*)::int AS n FROM (${eventsOf(ids)}) e GROUP BY 1`,
      );
      return new Map(totals.map(({ commitmentId, n }) => [commitmentId, n]));
    });
    const cursorOf = (event: CommitmentEvent) => encodeCursor([CURSOR_NAME, toLocalDate(event.occurredOn), KIND_RANK[event.kind], event.sourceId]);
    return groupByKeys(ids, rows, (row) => row.commitmentId).map((group, index) => {
      const nodes = group.slice(0, request.size).map(({ n: _n, ...row }) => toEvent(row));
      if (!forward) nodes.reverse();
      return {
        nodes,
        hasMore: group.length > request.size,
        request,
        cursorOf,
        totalCount: async () => (await counts()).get(ids[index]!) ?? 0,
      };
    });
  }

  async progressNotesByIds(ids: readonly number[]): Promise<(ProgressNote | undefined)[]> {
    const rows = await this.prisma.progressNote.findMany({ where: { id: { in: [...ids] } } });
    return orderByKeys(ids, rows, (row) => row.id).map((row) => row && fromRow(ProgressNote, row));
  }

  async evidenceByIds(ids: readonly number[]): Promise<(Evidence | undefined)[]> {
    const rows = await this.prisma.evidence.findMany({ where: { id: { in: [...ids] } } });
    return orderByKeys(ids, rows, (row) => row.id).map((row) => row && fromRow(Evidence, row));
  }
}
