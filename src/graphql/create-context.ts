import type { GraphQLContext } from './context';
import { createLoaders, type Loaders } from './loaders';

/** A context for one HTTP request or one WebSocket subscription, with its own DataLoaders. */
export function createContext(parts: Omit<GraphQLContext, 'loaders' | 'renewLoaders'>): GraphQLContext {
  // Made on first use: a query answered by one compiled statement reads no loader and need not build them.
  let loaders: Loaders | undefined;
  // `services` may be switched to the primary's before any loader is made (graphql/read-routing.ts).
  const context: GraphQLContext = {
    ...parts,
    get loaders() {
      return (loaders ??= createLoaders(context.services));
    },
    renewLoaders() {
      loaders = createLoaders(context.services);
      return loaders;
    },
  };
  return context;
}
