// The API layer's side of the services' plain commands and rows: global IDs in, GraphQL objects out.
import type { EntityRef } from '../common/commands';
import type { Page } from './connection';
import { fromGlobalId } from './global-id';

/** A global ID argument decoded for a command, refused as `field` when it is not an ID of `type`. */
export function entityRef(globalId: string, type: string, field: string[]): EntityRef {
  return { id: fromGlobalId(globalId, type, field), globalId };
}

/** A page of rows as a page of the GraphQL objects built from them; a node's cursor is its row's. */
export function mapPage<Row, Node extends object>(page: Page<Row>, toNode: (row: Row) => Node): Page<Node> {
  const nodes = page.nodes.map(toNode);
  const rows = new Map(nodes.map((node, index) => [node, page.nodes[index]!]));
  return { ...page, nodes, cursorOf: (node) => page.cursorOf(rows.get(node)!) };
}
