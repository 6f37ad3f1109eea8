// The target writes as the write service takes them: ids decoded, decimals checked and kept as the client
// wrote them (text), dates as LocalDate text, so that a command hashes as its request does.
import type { EntityRef } from '../common/commands';

interface Keyed {
  idempotencyKey?: string | null;
}

export interface AddTargetCommand extends Keyed {
  commitment: EntityRef;
  description: string;
  unit: string;
  /** Decimal text. */
  baseline: string;
  targetValue: string;
  /** LocalDate. */
  dueOn?: string | null;
}

/** Fields left undefined stay as they are; a null dueOn removes the due date. */
export interface UpdateTargetCommand extends Keyed {
  target: EntityRef;
  description?: string;
  unit?: string;
  baseline?: string;
  targetValue?: string;
  dueOn?: string | null;
}

export interface RecordTargetReadingCommand extends Keyed {
  target: EntityRef;
  /** Decimal text, in the target's unit. */
  value: string;
  /** When given, it must be the target's unit. */
  unit?: string | null;
  /** LocalDate. */
  observedOn: string;
  sourceUrl: string | null;
  sourceDocumentId: number | null;
  note?: string | null;
}
