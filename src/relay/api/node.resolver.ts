import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { InvalidInputError } from '../../common/errors';
import type { GraphQLContext } from '../../graphql/context';
import { decodeGlobalId } from '../global-id';
import { Node } from './node.interface';

export const MAX_NODES = 100;

type NodeFetcher = (context: GraphQLContext, id: number) => Promise<Node | undefined>;

/** How each type is fetched by its database id; every type implementing Node has an entry. */
const fetchers: Record<string, NodeFetcher> = {
  Partnership: ({ loaders }, id) => loaders.partnership.load(id),
  Pillar: ({ loaders }, id) => loaders.pillar.load(id),
  Commitment: ({ loaders }, id) => loaders.commitment.load(id),
  Actor: ({ loaders }, id) => loaders.actor.load(id),
  SourceDocument: ({ loaders }, id) => loaders.sourceDocument.load(id),
  Provenance: ({ loaders }, id) => loaders.provenance.load(id),
  StatusChange: ({ loaders }, id) => loaders.statusChange.load(id),
  CommitmentTarget: ({ loaders }, id) => loaders.target.load(id),
  ProgressNote: ({ loaders }, id) => loaders.progressNote.load(id),
  Evidence: ({ loaders }, id) => loaders.evidence.load(id),
};

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Fetches any object by its global ID; null when the ID names nothing.' })
  node(
    @Ctx() context: GraphQLContext,
    @Arg('id', () => ID, { description: 'A global ID, as returned by an `id` field.' }) id: string,
  ): Promise<Node | undefined> {
    return fetchNode(context, id);
  }

  @Query(() => [Node], { nullable: 'items', description: 'Fetches several objects by global ID, in the same order; null where an ID names nothing.' })
  nodes(
    @Ctx() context: GraphQLContext,
    @Arg('ids', () => [ID], { description: `Global IDs, at most ${MAX_NODES}.` }) ids: string[],
  ): Promise<(Node | undefined)[]> {
    if (ids.length > MAX_NODES) throw new InvalidInputError(`nodes takes at most ${MAX_NODES} ids (got ${ids.length})`, ['ids']);
    return Promise.all(ids.map((id) => fetchNode(context, id)));
  }
}

async function fetchNode(context: GraphQLContext, globalId: string): Promise<Node | undefined> {
  const decoded = decodeGlobalId(globalId);
  const fetch = decoded && fetchers[decoded.type];
  return fetch ? fetch(context, decoded.id) : undefined;
}
