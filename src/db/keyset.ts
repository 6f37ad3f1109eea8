// Keyset pagination in SQL for orderings of the form (one sort column, then the primary key), both in the
// same direction, NULLs of the sort column last in both directions. A page is `WHERE (column, id) > cursor
// ORDER BY column, id LIMIT size + 1`: it costs the same on page 1 and page 1,000, unlike OFFSET, and stays
// correct while rows are inserted. The same builder serves top-level connections and connections nested
// under a list (one LATERAL statement for all parents), so that nesting never multiplies statements.
import { lazy } from '../common/batch';
import { toLocalDate } from '../common/dates';
import { InvalidInputError } from '../common/errors';
import { Prisma } from '../generated/prisma/client';
import { encodeCursor, type Page, type PageRequest } from '../common/page';

/** SQL type of the sort column: decides how a cursor value is written, checked and cast back. */
export type SortValueType = 'date' | 'timestamptz' | 'text' | 'int' | 'status';

export type SortValue = Date | string | number | null;

export interface KeysetOrder<Row> {
  /** Names the ordering inside its cursors, so that a cursor taken under another ordering is refused. */
  name: string;
  /** The sort column, qualified with the alias the query gives its table (e.g. `c.deadline`). */
  column: Prisma.Sql;
  /** The primary key column, same alias: the tiebreak that makes the order total. */
  id: Prisma.Sql;
  type: SortValueType;
  nullable: boolean;
  direction: 'ASC' | 'DESC';
  valueOf(row: Row): SortValue;
}

const CASTS: Record<SortValueType, Prisma.Sql> = {
  date: Prisma.raw('::date'),
  timestamptz: Prisma.raw('::timestamptz'),
  text: Prisma.raw('::text'),
  int: Prisma.raw('::int'),
  // A commitment status sorts in the enum's order (the lifecycle), not alphabetically.
  status: Prisma.raw('::commitment_status'),
};

function writeValue(type: SortValueType, value: SortValue): string | number | null {
  if (value instanceof Date) return type === 'date' ? toLocalDate(value) : value.toISOString();
  return value;
}

function isValidValue(type: SortValueType, value: unknown): boolean {
  switch (type) {
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
    case 'timestamptz':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
    case 'text':
      return typeof value === 'string';
    case 'status':
      return typeof value === 'string' && /^[A-Z_]{1,40}$/.test(value);
    case 'int':
      return Number.isSafeInteger(value);
  }
}

/** Where a cursor points: the sort value and id of the row it was taken from. */
interface Position {
  value: string | number | null;
  id: number;
}

export class Keyset<Row extends { id: number }> {
  private readonly position: Position | undefined;
  /** Rows to fetch: one more than the page, to learn whether another page follows. */
  readonly limit: number;

  constructor(
    readonly order: KeysetOrder<Row>,
    private readonly request: PageRequest,
  ) {
    this.position = request.cursor && this.readCursor(request.cursor);
    this.limit = request.size + 1;
  }

  /** Whether the page starts from a cursor (a compiled plan's pageInfo reads it). */
  get hasCursor(): boolean {
    return this.request.cursor !== undefined;
  }

  cursorOf(row: Row): string {
    return encodeCursor([this.order.name, writeValue(this.order.type, this.order.valueOf(row)), row.id]);
  }

  private readCursor(values: unknown[]): Position {
    const [name, value, id] = values;
    const { type, nullable } = this.order;
    const valid =
      values.length === 3 &&
      name === this.order.name &&
      (value === null ? nullable : isValidValue(type, value)) &&
      Number.isSafeInteger(id) &&
      (id as number) > 0;
    if (!valid) {
      const argument = this.request.direction === 'forward' ? 'after' : 'before';
      throw new InvalidInputError(`${argument} is not a valid cursor for this connection and ordering`, [argument]);
    }
    return { value: value as string | number | null, id: id as number };
  }

  /** Reading backward walks the order in reverse from the cursor; the page is flipped back afterwards. */
  private get ascending(): boolean {
    return (this.order.direction === 'ASC') === (this.request.direction === 'forward');
  }

  /** The rows strictly beyond the cursor in reading order; TRUE without a cursor. */
  where(): Prisma.Sql {
    const { position, order } = this;
    if (!position) return Prisma.sql`TRUE`;
    const op = Prisma.raw(this.ascending ? '>' : '<');
    const id = Prisma.sql`${position.id}::int`;
    // NULLs sort last in the requested order, so reading forward they come after every value, and
    // reading backward before every value.
    const nullsAhead = order.nullable && this.request.direction === 'forward';
    if (position.value === null) {
      return nullsAhead
        ? Prisma.sql`(${order.column} IS NULL AND ${order.id} ${op} ${id})`
        : Prisma.sql`(${order.column} IS NOT NULL OR ${order.id} ${op} ${id})`;
    }
    const value = Prisma.sql`${position.value}${CASTS[order.type]}`;
    const beyond = Prisma.sql`(${order.column}, ${order.id}) ${op} (${value}, ${id})`;
    return nullsAhead ? Prisma.sql`(${beyond} OR ${order.column} IS NULL)` : beyond;
  }

  /** ORDER BY in reading order; `column` and `id` default to the order's own, and are given by outer queries. */
  orderBy(column: Prisma.Sql = this.order.column, id: Prisma.Sql = this.order.id): Prisma.Sql {
    const direction = Prisma.raw(this.ascending ? 'ASC' : 'DESC');
    const nulls = Prisma.raw(this.order.nullable ? (this.request.direction === 'forward' ? ' NULLS LAST' : ' NULLS FIRST') : '');
    return Prisma.sql`${column} ${direction}${nulls}, ${id} ${direction}`;
  }

  /** Rows as fetched (`limit` of them, in reading order) to the page of the connection. */
  page(rows: Row[], totalCount: () => Promise<number>): Page<Row> {
    const nodes = rows.slice(0, this.request.size);
    if (this.request.direction === 'backward') nodes.reverse();
    return { nodes, hasMore: rows.length > this.request.size, request: this.request, cursorOf: (row) => this.cursorOf(row), totalCount };
  }
}

/** Runs a statement; services pass one bound to their Prisma client, so that they keep the data access. */
export type RunSql = <T>(sql: Prisma.Sql) => Promise<T[]>;

/** How a service's client runs the pages' statements. */
export const runnerOf = (prisma: { $queryRaw<T>(sql: Prisma.Sql): Promise<T> }): RunSql => (sql) => prisma.$queryRaw(sql);

/** What to page through: the selected columns (the primary key as `id` among them), FROM with the order's aliases, and a filter. */
export interface KeysetSource {
  select: Prisma.Sql;
  from: Prisma.Sql;
  where: Prisma.Sql;
}

/** One page of a top-level connection; the count runs only if a client selects totalCount. */
export async function fetchPage<Item extends { id: number }>(
  run: RunSql,
  keyset: Keyset<Item>,
  { select, from, where }: KeysetSource,
  toNode: (row: Record<string, unknown>) => Item,
): Promise<Page<Item>> {
  const rows = await run<Record<string, unknown>>(
    Prisma.sql`SELECT ${select} FROM ${from} WHERE ${where} AND ${keyset.where()} ORDER BY ${keyset.orderBy()} LIMIT ${keyset.limit}`,
  );
  const count = lazy(async () => (await run<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`))[0]!.n);
  return keyset.page(rows.map(toNode), count);
}

/**
 * One page per parent (a connection nested under a list), in one statement whatever the number of parents:
 * the page query runs for each parent id through LATERAL, each stopping after `limit` rows on its index.
 * The counts, also one statement for all parents, run only if a client selects totalCount.
 */
export async function fetchPagesPerParent<Item extends { id: number }>(
  run: RunSql,
  keyset: Keyset<Item>,
  { select, from, where, parentColumn, parentIds }: KeysetSource & { parentColumn: Prisma.Sql; parentIds: readonly number[] },
  toNode: (row: Record<string, unknown>) => Item,
): Promise<Page<Item>[]> {
  const ids = [...parentIds];
  const rows = await run<{ parentId: number; sortValue: unknown } & Record<string, unknown>>(Prisma.sql`
    SELECT page.* FROM unnest(${ids}::int[]) AS parent(id)
    CROSS JOIN LATERAL (
      SELECT ${parentColumn} AS "parentId", ${keyset.order.column} AS "sortValue", ${select} FROM ${from}
      WHERE ${parentColumn} = parent.id AND ${where} AND ${keyset.where()}
      ORDER BY ${keyset.orderBy()} LIMIT ${keyset.limit}
    ) page
    ORDER BY page."parentId", ${keyset.orderBy(Prisma.raw('page."sortValue"'), Prisma.raw('page.id'))}`);
  const counts = lazy(async () => {
    const totals = await run<{ parentId: number; n: number }>(Prisma.sql`
      SELECT ${parentColumn} AS "parentId", count(*)::int AS n FROM ${from}
      WHERE ${parentColumn} = ANY(${ids}::int[]) AND ${where} GROUP BY 1`);
    return new Map(totals.map(({ parentId, n }) => [parentId, n]));
  });
  const byParent = new Map<number, Item[]>(ids.map((id) => [id, []]));
  for (const { parentId, sortValue: _sortValue, ...row } of rows) byParent.get(parentId)?.push(toNode(row));
  return ids.map((id) => keyset.page(byParent.get(id)!, async () => (await counts()).get(id) ?? 0));
}
