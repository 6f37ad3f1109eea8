// Helpers for DataLoader batch functions, which must answer in the order of the keys they were given.
import DataLoader from 'dataloader';

export function orderByKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | undefined)[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => byKey.get(key));
}

export function groupByKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}

export interface KeyWithArgs<A> {
  args: A;
  id: number;
}

/**
 * A DataLoader for a field that takes arguments (a nested connection, counts under a filter): keys are
 * (arguments, parent id), and the batch function runs once per distinct arguments, which is once per
 * request in practice, since sibling fields in one query share their arguments.
 */
export function loaderWithArgs<A, V>(batch: (args: A, ids: readonly number[]) => Promise<V[]>): DataLoader<KeyWithArgs<A>, V, string> {
  return new DataLoader<KeyWithArgs<A>, V, string>(
    async (keys) => {
      const groups = new Map<string, { args: A; positions: number[]; ids: number[] }>();
      keys.forEach((key, position) => {
        const argsKey = JSON.stringify(key.args);
        const group = groups.get(argsKey) ?? { args: key.args, positions: [], ids: [] };
        group.positions.push(position);
        group.ids.push(key.id);
        groups.set(argsKey, group);
      });
      const results = new Array<V>(keys.length);
      await Promise.all(
        [...groups.values()].map(async ({ args, positions, ids }) => {
          const values = await batch(args, ids);
          positions.forEach((position, index) => (results[position] = values[index]!));
        }),
      );
      return results;
    },
    { cacheKeyFn: (key) => `${JSON.stringify(key.args)}|${key.id}` },
  );
}

/** Runs `load` on the first call only; every call shares its promise. For work that one field may never ask for. */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= load());
}
