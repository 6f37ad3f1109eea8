// Ties a request to the database its reads use (db/replicas.ts). The context is built before the operation
// is parsed, so it starts on a replica's services; a mutation is moved back to the primary's here, before
// any resolver runs, because its payload reads what it has just written. Once a mutation is answered, its
// caller's reads stay on the primary until a replica has replayed the write.
import type { ApolloServerPlugin } from '@apollo/server';
import { principalOf } from '../auth/viewer';
import type { ReplicaRouter } from '../db/replicas';
import type { GraphQLContext } from './context';
import type { Services } from './services';

/** Who "the same client" is for read-your-writes: the key or token subject, or the address when anonymous. */
export function clientOf(context: Pick<GraphQLContext, 'viewer' | 'clientAddress'>): string {
  return context.viewer.kind === 'ANONYMOUS' ? `address:${context.clientAddress}` : principalOf(context.viewer);
}

export class ReadRouting {
  constructor(
    private readonly router: ReplicaRouter,
    private readonly primaryServices: Services,
    /** One set of read services per replica, in the router's order. */
    private readonly replicaServices: Services[],
  ) {}

  /** The services and pool for a new request's context. */
  route(client: Pick<GraphQLContext, 'viewer' | 'clientAddress'>): Pick<GraphQLContext, 'services' | 'readPool'> {
    const index = this.router.pick(clientOf(client));
    this.router.countRead(index);
    return { services: index < 0 ? this.primaryServices : this.replicaServices[index]!, readPool: this.router.poolOf(index) };
  }

  plugin(): ApolloServerPlugin<GraphQLContext> {
    const { router, primaryServices } = this;
    return {
      requestDidStart: async () => {
        let mutation = false;
        return {
          didResolveOperation: async ({ operation, contextValue }) => {
            if (operation?.operation !== 'mutation') return;
            mutation = true;
            contextValue.services = primaryServices;
            contextValue.readPool = router.poolOf(-1);
          },
          willSendResponse: async ({ contextValue }) => {
            // Also after a failed mutation: part of it may have committed, and one primary query is cheap.
            if (mutation) await router.noteWrite(clientOf(contextValue));
          },
        };
      },
    };
  }
}
