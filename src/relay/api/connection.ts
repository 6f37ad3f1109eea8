// Relay cursor connections in the schema: the types, the arguments, and how a service's page becomes a
// connection. The page itself (request, cursors, validation) is common/page.ts.
import type { ClassType } from 'type-graphql';
import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page, type PageArgs } from '../../common/page';

@ObjectType('PageInfo', { description: 'Where a page sits in its connection (Relay Cursor Connections).' })
export class PageInfo {
  @Field({ description: 'Whether more items follow the last one of this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'Whether more items precede the first one of this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page; null when the page is empty.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page; null when the page is empty.' })
  endCursor!: string | null;
}

@ArgsType()
export class ConnectionArgs implements PageArgs {
  @Field(() => Int, { nullable: true, description: `Return the first N items after \`after\` (at most ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Return the last N items before \`before\` (at most ${MAX_PAGE_SIZE}).` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items before this cursor.' })
  before?: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: Promise<number>;
}

/** Turns a page fetched as `size + 1` rows (reversed already for backward reads) into a connection. */
export function toConnection<T>(page: Page<T>): ConnectionShape<T> {
  const { nodes, request } = page;
  const forward = request.direction === 'forward';
  // Edges and cursors are built only when a client selects them (graphql-js reads a property only then):
  // a dashboard that asks for `nodes` alone does not pay for encoding a cursor per row.
  let edges: ConnectionShape<T>['edges'] | undefined;
  const edgesOf = () => (edges ??= nodes.map((node) => ({ cursor: page.cursorOf(node), node })));
  return {
    get edges() {
      return edgesOf();
    },
    nodes,
    pageInfo: {
      hasNextPage: forward ? page.hasMore : request.cursor !== undefined,
      hasPreviousPage: forward ? request.cursor !== undefined : page.hasMore,
      get startCursor() {
        return nodes.length > 0 ? page.cursorOf(nodes[0]!) : null;
      },
      get endCursor() {
        return nodes.length > 0 ? page.cursorOf(nodes.at(-1)!) : null;
      },
    },
    // The count query likewise runs only when a client selects totalCount.
    get totalCount() {
      return page.totalCount();
    },
  };
}

/** Declares `<Name>Connection` and `<Name>Edge` for a node type. */
export function Connection<T extends object>(NodeType: ClassType<T>, name: string, nodeDescription: string) {
  @ObjectType(`${name}Edge`, { description: `An edge in a connection of ${nodeDescription}.` })
  class Edge {
    @Field({ description: 'Opaque cursor of this item, for `after` and `before`.' })
    cursor!: string;

    @Field(() => NodeType, { description: 'The item at the end of the edge.' })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${nodeDescription}.` })
  class ConnectionType {
    @Field(() => [Edge], { description: 'The items of this page with their cursors.' })
    edges!: Edge[];

    @Field(() => [NodeType], { description: 'The items of this page, without cursors.' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Where this page sits in the whole connection.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items the whole connection holds, across all pages (counted only when asked for).' })
    totalCount!: number;
  }

  return ConnectionType;
}
