// What the write path announces when it changes a commitment. Each write records the change in the outbox
// (db/change-event.sql.ts) in its own transaction; a trigger there NOTIFIES on CHANNEL, LISTENed to by every
// server instance, so a subscriber on any instance hears about a write made on any other.

/** The PostgreSQL notification channel. */
export const CHANNEL = 'commitment_changes';

export enum CommitmentChangeKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  STATUS_CHANGED = 'STATUS_CHANGED',
  PROGRESS_NOTE_ADDED = 'PROGRESS_NOTE_ADDED',
  EVIDENCE_ATTACHED = 'EVIDENCE_ATTACHED',
  ARCHIVED = 'ARCHIVED',
  PARTY_ASSESSED = 'PARTY_ASSESSED',
  TARGET_ADDED = 'TARGET_ADDED',
  TARGET_UPDATED = 'TARGET_UPDATED',
  TARGET_READING_RECORDED = 'TARGET_READING_RECORDED',
}

/**
 * What a write changed: ids only (the notification's payload has an 8000-byte limit); the commitment as
 * the write left it is in the outbox.
 */
export interface CommitmentChange {
  kind: CommitmentChangeKind;
  commitmentId: number;
  partnershipId: number;
  pillarId: number;
  /** The appended history entry, for STATUS_CHANGED; null otherwise. */
  statusChangeId: number | null;
}

/** A change as the outbox recorded it: its id there (commit order) and what it changed. */
export interface CommitmentChangeNotice extends CommitmentChange {
  eventId: bigint;
}

/** A notification's payload, checked: a malformed one (another writer, another version) is dropped. */
export function parseCommitmentChangeNotice(payload: string | undefined): CommitmentChangeNotice | undefined {
  try {
    const value = JSON.parse(payload ?? '') as Partial<Omit<CommitmentChange, 'eventId'>> & { eventId?: unknown };
    const kinds = Object.values(CommitmentChangeKind) as string[];
    const ids = [value.commitmentId, value.partnershipId, value.pillarId];
    if (!kinds.includes(value.kind as string) || !ids.every(Number.isSafeInteger)) return undefined;
    if (value.statusChangeId != null && !Number.isSafeInteger(value.statusChangeId)) return undefined;
    if (typeof value.eventId !== 'string' || !/^[1-9][0-9]{0,18}$/.test(value.eventId)) return undefined;
    return {
      eventId: BigInt(value.eventId),
      kind: value.kind!,
      commitmentId: value.commitmentId!,
      partnershipId: value.partnershipId!,
      pillarId: value.pillarId!,
      statusChangeId: value.statusChangeId ?? null,
    };
  } catch {
    return undefined;
  }
}
