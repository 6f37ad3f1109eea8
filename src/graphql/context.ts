import type { Viewer } from '../auth/viewer';
import type { Logger } from '../logger';
import { createLoaders, type Loaders } from './loaders';
import type { Services } from './services';

/** Per-request state, built fresh for each request. */
export interface GraphQLContext {
  requestId: string;
  /** The client's IP address (behind proxies as TRUST_PROXY allows): anonymous callers are rate-limited by it. */
  clientAddress: string;
  logger: Logger;
  viewer: Viewer;
  services: Services;
  loaders: Loaders;
}

export function createContext(parts: Omit<GraphQLContext, 'loaders'>): GraphQLContext {
  return { ...parts, loaders: createLoaders(parts.services) };
}
