// A commitment's timeline: its announcement, status changes, progress notes and evidence as one list of
// dated events, newest first, a page at a time for many commitments at once (the SQL is
// src/db/commitment-events.sql.ts).
import { groupByKeys, lazy, orderByKeys } from '../common/batch';
import { toLocalDate } from '../common/dates';
import { InvalidInputError } from '../common/errors';
import { encodeCursor, type Page, type PageRequest } from '../common/page';
import { countEvents, type EventPosition, type EventRow, KIND_RANK, readEventPages } from '../db/commitment-events.sql';
import type { PrismaClient } from '../db/prisma';
import type { Evidence, ProgressNote } from '../generated/prisma/client';

const CURSOR_NAME = 'EVENTS';

function readCursor(request: PageRequest): EventPosition | undefined {
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

const cursorOf = (event: EventRow) => encodeCursor([CURSOR_NAME, toLocalDate(event.occurredOn), KIND_RANK[event.kind], event.sourceId]);

export class CommitmentEventService {
  constructor(private readonly prisma: PrismaClient) {}

  /** The same page of events for each commitment, newest first (by day, then kind, then record), in one statement. */
  async pagesOf(commitmentIds: readonly number[], request: PageRequest): Promise<Page<EventRow>[]> {
    const ids = [...commitmentIds];
    // Reading backward walks the order in reverse from the cursor and flips the page after.
    const forward = request.direction === 'forward';
    const rows = await readEventPages(this.prisma, ids, { forward, position: readCursor(request), limit: request.size + 1 });
    const counts = lazy(async () => new Map((await countEvents(this.prisma, ids)).map(({ commitmentId, n }) => [commitmentId, n])));
    return groupByKeys(ids, rows, (row) => row.commitmentId).map((group, index) => {
      const nodes = group.slice(0, request.size).map(({ n: _n, ...row }) => row);
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
    return orderByKeys(ids, rows, (row) => row.id);
  }

  async evidenceByIds(ids: readonly number[]): Promise<(Evidence | undefined)[]> {
    const rows = await this.prisma.evidence.findMany({ where: { id: { in: [...ids] } } });
    return orderByKeys(ids, rows, (row) => row.id);
  }
}
