import type { z } from 'zod';
import { type Report, WHOLE_FILE } from './seed.problems';

/** Checks parsed seed files against their schemas, reporting each issue under the item it is about. */
export class SeedValidator {
  constructor(private readonly report: Report) {}

  /** The value at `at` in the file, checked against `schema`; undefined after reporting each issue. */
  validate<Schema extends z.ZodType>(file: string, raw: unknown, at: PropertyKey[], schema: Schema) {
    const parsed = schema.safeParse(valueAt(raw, at));
    if (parsed.success) return parsed.data as z.output<Schema>;
    for (const issue of parsed.error.issues) {
      const issuePath = [...at, ...issue.path];
      const { item, field } = locateIssue(raw, issuePath);
      const value = valueAt(raw, issuePath);
      let reason = issue.message;
      if (issue.code === 'invalid_type' && value === undefined) reason = 'is required';
      else if (value !== null && value !== undefined && typeof value !== 'object') reason += ` (got ${JSON.stringify(value)})`;
      this.report(file, item, field ? `${field}: ${reason}` : reason);
    }
    return undefined;
  }

  /**
   * Each item of the list at `at`, validated on its own so that one bad item does not hide the others'
   * problems. `onInvalid` receives each item that failed.
   */
  validateEach<Schema extends z.ZodType>(
    file: string,
    raw: unknown,
    at: PropertyKey[],
    schema: Schema,
    onInvalid: (item: unknown) => void,
  ): z.output<Schema>[] {
    const items = valueAt(raw, at);
    if (!Array.isArray(items)) return [];
    return items.flatMap((item, index) => {
      const parsed = this.validate(file, raw, [...at, index], schema);
      if (parsed === undefined) onInvalid(item);
      return parsed === undefined ? [] : [parsed];
    });
  }
}

const COLLECTIONS: Record<string, string> = {
  countries: 'country',
  actors: 'actor',
  pillars: 'pillar',
  commitments: 'commitment',
};

/** Names the item an issue is about by its key ("commitment vn-sg-x"), falling back to its index. */
function locateIssue(raw: unknown, issuePath: PropertyKey[]): { item: string; field: string } {
  const [head, index] = issuePath;
  if (typeof head === 'string' && head in COLLECTIONS && typeof index === 'number') {
    const key = rawKey(valueAt(raw, [head, index]));
    return {
      item: key === undefined ? `${head}[${index}]` : `${COLLECTIONS[head]} ${key}`,
      field: formatPath(issuePath.slice(2)),
    };
  }
  if (head === 'partnership') {
    const slug = valueAt(raw, ['partnership', 'slug']);
    return { item: `partnership ${typeof slug === 'string' ? slug : '(no slug)'}`, field: formatPath(issuePath.slice(1)) };
  }
  const slug = valueAt(raw, ['slug']);
  if (typeof slug === 'string') return { item: `document ${slug}`, field: formatPath(issuePath) };
  return { item: WHOLE_FILE, field: formatPath(issuePath) };
}

function valueAt(raw: unknown, at: PropertyKey[]): unknown {
  return at.reduce<unknown>(
    (value, step) => (value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[step] : undefined),
    raw,
  );
}

/** The key an item is known by, when it has a usable one: `key`, or `code` for countries, `slug` for documents. */
export function rawKey(item: unknown): string | undefined {
  const candidate = (item ?? {}) as { key?: unknown; code?: unknown; slug?: unknown };
  const key = candidate.key ?? candidate.code ?? candidate.slug;
  return typeof key === 'string' ? key : undefined;
}

function formatPath(at: PropertyKey[]): string {
  return at
    .map((step, index) => (typeof step === 'number' ? `[${step}]` : `${index === 0 ? '' : '.'}${String(step)}`))
    .join('');
}
