import type { SeedActor, SeedCountry, SeedDocument } from './seed.dataset';
import type { Report } from './seed.problems';
import { rawKey } from './seed.validation';

export interface Definition<T> {
  file: string;
  value: T;
  /** The partnership whose file defines it; undefined in the shared files. */
  partnership?: string;
}

/** Keys of one kind across all files: each is the seed's identity for a row, so a duplicate is an error. */
export class KeyRegistry<T> {
  private readonly entries = new Map<string, Definition<T>>();
  private readonly invalid = new Set<string>();
  private unreadable = false;

  constructor(
    private readonly kind: string,
    private readonly report: Report,
  ) {}

  define(key: string, definition: Definition<T>): void {
    const existing = this.entries.get(key);
    if (existing) this.report(definition.file, `${this.kind} ${key}`, `duplicate key: already defined in ${existing.file}`);
    else this.entries.set(key, definition);
  }

  /** An item that failed validation: its problems are reported already, so references to it are not. */
  markInvalid(item: unknown): void {
    const key = rawKey(item);
    if (key !== undefined) this.invalid.add(key);
  }

  /** A file that defines these could not be read, so any key may have been in it. */
  markUnreadable(): void {
    this.unreadable = true;
  }

  get(key: string): Definition<T> | undefined {
    return this.entries.get(key);
  }

  /** Whether a reference to `key` is a problem of its own rather than the echo of one already reported. */
  isMissing(key: string): boolean {
    return !this.entries.has(key) && !this.invalid.has(key) && !this.unreadable;
  }

  definitions(): Definition<T>[] {
    return [...this.entries.values()];
  }
}

export class SeedKeys {
  readonly countries: KeyRegistry<SeedCountry>;
  readonly actors: KeyRegistry<SeedActor>;
  readonly documents: KeyRegistry<SeedDocument>;
  readonly partnerships: KeyRegistry<void>;
  readonly pillars: KeyRegistry<void>;
  readonly commitments: KeyRegistry<void>;

  constructor(report: Report) {
    this.countries = new KeyRegistry('country', report);
    this.actors = new KeyRegistry('actor', report);
    this.documents = new KeyRegistry('document', report);
    this.partnerships = new KeyRegistry('partnership', report);
    this.pillars = new KeyRegistry('pillar', report);
    this.commitments = new KeyRegistry('commitment', report);
  }
}
