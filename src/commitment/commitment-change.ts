// What the write path announces when it changes a commitment, and the in-process PubSub that subscriptions
// read it from. The announcement travels through PostgreSQL (NOTIFY on CHANNEL, LISTENed to by every server
// instance), so a subscriber on any instance hears about a write made on any other.
import { createPubSub } from '@graphql-yoga/subscription';

/** The PostgreSQL notification channel. */
export const CHANNEL = 'commitment_changes';

/** The PubSub topic every change is published on; each subscription filters what it wants. */
export const COMMITMENT_CHANGED = 'COMMITMENT_CHANGED';

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
 * The notification's payload: ids only, so that it stays far below PostgreSQL's 8000-byte limit and no
 * subscriber is handed data its own query would not read; subscribers load what they select.
 */
export interface CommitmentChange {
  kind: CommitmentChangeKind;
  commitmentId: number;
  partnershipId: number;
  pillarId: number;
  /** The appended history entry, for STATUS_CHANGED; null otherwise. */
  statusChangeId: number | null;
}

export function createCommitmentPubSub() {
  return createPubSub<{ [COMMITMENT_CHANGED]: [CommitmentChange] }>();
}

export type CommitmentPubSub = ReturnType<typeof createCommitmentPubSub>;

/** A notification's payload, checked: a malformed one (another writer, another version) is dropped. */
export function parseCommitmentChange(payload: string | undefined): CommitmentChange | undefined {
  try {
    const value = JSON.parse(payload ?? '') as Partial<CommitmentChange>;
    const kinds = Object.values(CommitmentChangeKind) as string[];
    const ids = [value.commitmentId, value.partnershipId, value.pillarId];
    if (!kinds.includes(value.kind as string) || !ids.every(Number.isSafeInteger)) return undefined;
    if (value.statusChangeId != null && !Number.isSafeInteger(value.statusChangeId)) return undefined;
    return { kind: value.kind!, commitmentId: value.commitmentId!, partnershipId: value.partnershipId!, pillarId: value.pillarId!, statusChangeId: value.statusChangeId ?? null };
  } catch {
    return undefined;
  }
}
