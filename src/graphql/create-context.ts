import type { GraphQLContext } from './context';
import { createLoaders } from './loaders';

/** A context for one HTTP request or one WebSocket subscription, with its own DataLoaders. */
export function createContext(parts: Omit<GraphQLContext, 'loaders' | 'renewLoaders'>): GraphQLContext {
  return {
    ...parts,
    loaders: createLoaders(parts.services),
    renewLoaders() {
      this.loaders = createLoaders(this.services);
      return this.loaders;
    },
  };
}
