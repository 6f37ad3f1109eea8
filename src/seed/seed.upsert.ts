// Idempotent writes: rows are matched with the stored ones by their stable keys, missing ones are created,
// changed fields updated, and nothing is written when nothing differs (so a re-seed leaves versions and
// updated_at alone). Rows only stored, never in the dataset, are left alone.
import { Prisma } from '../generated/prisma/client';
import type { SeedCounts } from './seed.counts';

/** Creates missing rows and updates changed fields; returns every wanted row as now stored, by key. */
export async function upsert<Data extends object, Row extends object>(
  counts: SeedCounts,
  wanted: Data[],
  existing: Row[],
  keyOf: (item: Data | Row) => string,
  create: (rows: Data[]) => Promise<Row[]>,
  update: (row: Row, changes: Partial<Data>) => Promise<Row>,
): Promise<Map<string, Row>> {
  const rows = byKey(existing, keyOf);
  const planned = plan(counts, byKey(wanted, keyOf), rows);
  for (const { row, changes } of planned.update) rows.set(keyOf(row), await update(row, changes));
  if (planned.create.length > 0) for (const row of await create(planned.create)) rows.set(keyOf(row), row);
  return rows;
}

export interface Planned<Data, Row> {
  create: Data[];
  update: { row: Row; changes: Partial<Data> }[];
}

/** Compares wanted rows with stored ones by key and counts the outcome; rows only stored are left alone. */
export function plan<Data extends object, Row extends object>(
  counts: SeedCounts,
  wanted: Map<string, Data>,
  stored: Map<string, Row>,
): Planned<Data, Row> {
  const planned: Planned<Data, Row> = { create: [], update: [] };
  for (const [key, data] of wanted) {
    const row = stored.get(key);
    if (!row) {
      planned.create.push(data);
      counts.created++;
      continue;
    }
    const changes = changedFields(data, row);
    if (Object.keys(changes).length === 0) {
      counts.unchanged++;
    } else {
      planned.update.push({ row, changes });
      counts.updated++;
    }
  }
  return planned;
}

export function changedFields<Data extends object>(wanted: Data, stored: object): Partial<Data> {
  const changes: Partial<Data> = {};
  for (const [field, value] of Object.entries(wanted) as [keyof Data & string, unknown][]) {
    if (!sameValue(value, (stored as Record<string, unknown>)[field])) changes[field] = value as Data[typeof field];
  }
  return changes;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (Prisma.Decimal.isDecimal(a) || Prisma.Decimal.isDecimal(b)) {
    return Prisma.Decimal.isDecimal(a) && Prisma.Decimal.isDecimal(b) && a.equals(b);
  }
  return (a ?? null) === (b ?? null);
}

export function byKey<T>(items: T[], keyOf: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [keyOf(item), item]));
}

export function groupBy<T, K>(items: T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}

export function ids(rows: Map<string, { id: number }>): Map<string, number> {
  return new Map([...rows].map(([key, row]) => [key, row.id]));
}
