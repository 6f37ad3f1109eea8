// Keyset pages as services and SQL see them: the request a connection's arguments become, the page that comes
// back, and the cursor format. Here rather than in relay/ because src/db/ builds pages and imports no domain;
// the GraphQL side (PageInfo, ConnectionArgs, the connection types) is relay/api/connection.ts.
import { InvalidInputError } from './errors';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** A connection's arguments, as the client sent them. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** A page request in one direction, validated: what a service needs to run one keyset query. */
export interface PageRequest {
  /** 'forward' reads in the requested order from `cursor`; 'backward' reads the reverse order from it. */
  direction: 'forward' | 'backward';
  size: number;
  cursor?: unknown[];
}

export function pageRequest(args: PageArgs): PageRequest {
  const { first, last, after, before } = args;
  if (first != null && last != null) throw new InvalidInputError('Give first or last, not both', ['last']);
  for (const [name, value] of [['first', first], ['last', last]] as const) {
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw new InvalidInputError(`${name} must be between 0 and ${MAX_PAGE_SIZE} (got ${value}); page through larger results with cursors`, [name]);
    }
  }
  if (last != null || (before != null && first == null)) {
    if (after != null) throw new InvalidInputError('after cannot be combined with last; use before', ['after']);
    return { direction: 'backward', size: last ?? DEFAULT_PAGE_SIZE, cursor: before == null ? undefined : decodeCursor(before, 'before') };
  }
  if (before != null) throw new InvalidInputError('before cannot be combined with first; use after', ['before']);
  return { direction: 'forward', size: first ?? DEFAULT_PAGE_SIZE, cursor: after == null ? undefined : decodeCursor(after, 'after') };
}

/** Cursors are opaque to clients: base64url of the JSON array of the row's sort key values, id last. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, argument: string): unknown[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length > 0) return values;
  } catch {
    // fall through to the error below
  }
  throw new InvalidInputError(`${argument} is not a valid cursor for this connection`, [argument]);
}

/**
 * What a service returns for a page: rows in the requested order, one more row fetched than asked to
 * learn whether another page follows, and a lazy count (run only when a client asks for totalCount).
 */
export interface Page<T> {
  nodes: T[];
  cursorOf(node: T): string;
  hasMore: boolean;
  request: PageRequest;
  totalCount(): Promise<number>;
}

/** The same page with its rows mapped (to the API's types): cursors are still read from the rows. */
export function mapPage<T, U extends object>(page: Page<T>, map: (row: T) => U): Page<U> {
  const rows = new WeakMap<U, T>();
  const nodes = page.nodes.map((row) => {
    const node = map(row);
    rows.set(node, row);
    return node;
  });
  return { ...page, nodes, cursorOf: (node) => page.cursorOf(rows.get(node)!) };
}
