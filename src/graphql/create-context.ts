import type { GraphQLContext } from './context';
import { createLoaders, type Loaders } from './loaders';

/** A context for one HTTP request or one WebSocket subscription, with its own DataLoaders. */
export function createContext(parts: Omit<GraphQLContext, 'loaders' | 'renewLoaders'>): GraphQLContext {
  // Made on first use: a query answered by one compiled statement reads no loader and need not build them.
  let loaders: Loaders | undefined;
  return {
    ...parts,
    get loaders() {
      return (loaders ??= createLoaders(parts.services));
    },
    renewLoaders() {
      loaders = createLoaders(parts.services);
      return loaders;
    },
  };
}
