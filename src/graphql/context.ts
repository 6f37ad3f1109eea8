// The type of the per-request context, and the one module under graphql/ that the domains may name: by
// `import type` only (eslint.config.mjs), so no domain loads the composition root at runtime. It imports
// types only itself (checked by eslint too); createContext, which builds one, is in create-context.ts.
import type { Pool } from 'pg';
import type { Viewer } from '../auth/viewer';
import type { Logger } from '../logger';
import type { Loaders } from './loaders';
import type { Services } from './services';

/** Per-request state, built fresh for each request. */
export interface GraphQLContext {
  requestId: string;
  /** The client's IP address (behind proxies as TRUST_PROXY allows): anonymous callers are rate-limited by it. */
  clientAddress: string;
  logger: Logger;
  viewer: Viewer;
  services: Services;
  /** Where the compiled read path runs this request's statement (db/replicas.ts); unset: the primary. */
  readPool?: Pool;
  /** The operation's rate limit was charged before Apollo saw it (http/compiled-fast-path.ts): not again. */
  rateLimitCharged?: boolean;
  loaders: Loaders;
  /**
   * Replaces `loaders` with new, empty ones and returns them. A subscription runs every event with the
   * context it started with, so it renews the loaders per event, or an event would be served what an
   * earlier one cached.
   */
  renewLoaders(): Loaders;
}
