// Ties a request to the database its reads use (db/replicas.ts). The context is built before the operation
// is parsed, so it starts on a replica's services; a mutation is moved back to the primary's here, before
// any resolver runs, because its payload reads what it has just written. Once a mutation is answered, its
// caller's reads stay on the primary until a replica has replayed the write.
//
// Across instances, the write's commit position travels with the client, not through a shared store: the
// mutation's response carries it (header x-commit-lsn, and a cookie browsers send back by themselves), and a
// request that brings it back (cookie, or header x-read-after-lsn) is read from a replica only once that
// replica has replayed it, on whichever instance it lands. No instance asks anything of anyone per read.
import type { ApolloServerPlugin } from '@apollo/server';
import { principalOf } from '../auth/viewer';
import { formatLsn, lsnFromClient, type ReplicaRouter } from '../db/replicas';
import type { GraphQLContext } from './context';
import type { Services } from './services';

/** Who "the same client" is for read-your-writes: the key or token subject, or the address when anonymous. */
export function clientOf(context: Pick<GraphQLContext, 'viewer' | 'clientAddress'>): string {
  return context.viewer.kind === 'ANONYMOUS' ? `address:${context.clientAddress}` : principalOf(context.viewer);
}

/** The cookie and headers that carry a write's commit position between the client and any instance. */
export const READ_AFTER_COOKIE = 'ct_read_after_lsn';
export const COMMIT_LSN_HEADER = 'x-commit-lsn';
export const READ_AFTER_HEADER = 'x-read-after-lsn';

/** The commit position a request brings: its x-read-after-lsn header, else the cookie. */
export function readAfterOf(headers: { cookie?: string; [READ_AFTER_HEADER]?: string | string[] }): bigint | undefined {
  const header = headers[READ_AFTER_HEADER];
  const fromHeader = lsnFromClient(Array.isArray(header) ? header[0] : header);
  if (fromHeader !== undefined) return fromHeader;
  const cookie = headers.cookie?.split(';').map((part) => part.trim().split('=')).find(([name]) => name === READ_AFTER_COOKIE);
  return lsnFromClient(cookie?.[1]);
}

export class ReadRouting {
  constructor(
    private readonly router: ReplicaRouter,
    private readonly primaryServices: Services,
    /** One set of read services per replica, in the router's order. */
    private readonly replicaServices: Services[],
  ) {}

  /** The services and pool for a new request's context. */
  route(client: Pick<GraphQLContext, 'viewer' | 'clientAddress'>, readAfter?: bigint): Pick<GraphQLContext, 'services' | 'readPool'> {
    const index = this.router.pick(clientOf(client), readAfter);
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
          willSendResponse: async ({ contextValue, response }) => {
            // Also after a failed mutation: part of it may have committed, and one primary query is cheap.
            if (!mutation) return;
            const lsn = await router.noteWrite(clientOf(contextValue));
            if (lsn === undefined) return;
            const text = formatLsn(lsn);
            response.http.headers.set(COMMIT_LSN_HEADER, text);
            // Only steers where reads go (it grants nothing), so it need not be secret; it lapses with the window.
            response.http.headers.set(
              'set-cookie',
              `${READ_AFTER_COOKIE}=${text}; Max-Age=${Math.max(1, Math.ceil(router.readYourWritesMs / 1000))}; Path=/; HttpOnly; SameSite=Lax`,
            );
          },
        };
      },
    };
  }
}
