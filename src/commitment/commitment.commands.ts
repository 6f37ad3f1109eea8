// The writes to commitments as the write service takes them: ids decoded, dates as LocalDate text, every
// value as the client sent it otherwise (the service trims and defaults), so that a command hashes the same
// as the request it came from when an idempotency key is checked.
import type { ActorRole, CommitmentStatus, DatePrecision, PillarBasis } from '../common/enums';
import type { EntityRef } from '../common/commands';
import type { EvidenceValues } from '../status-history/evidence.commands';


export interface ActorCommand {
  actor: EntityRef;
  role: ActorRole;
  /** The input field that named the actor, for errors (input.actors.2.actorId). */
  field: string[];
}

/** A sum of money, checked: exact decimal text greater than 0, an ISO 4217 code. */
export interface AmountCommand {
  value: string;
  currency: string;
  originalText: string;
}

export interface DeadlineCommand {
  /** LocalDate. */
  date: string;
  precision: DatePrecision;
}

interface Keyed {
  idempotencyKey?: string | null;
}

interface Versioned {
  commitment: EntityRef;
  expectedVersion?: number | null;
}

export interface UpdateStatusCommand extends Versioned, Keyed {
  status: CommitmentStatus;
  effectiveOn: string;
  rationale: string;
  evidence?: EvidenceValues;
}

/** A correction of the history: a status change marked as one, optionally naming the entry it corrects. */
export interface CorrectStatusCommand extends UpdateStatusCommand {
  correctsEntryId?: number | null;
}

export interface AddProgressNoteCommand extends Versioned, Keyed {
  effectiveOn: string;
  note: string;
  evidence?: EvidenceValues;
}

export interface AttachEvidenceCommand extends Keyed {
  commitment: EntityRef;
  evidence: EvidenceValues;
  note?: string | null;
}

export interface CreateCommitmentCommand extends Keyed {
  pillar: EntityRef;
  slug: string;
  title: string;
  description?: string | null;
  announcedOn: string;
  status?: CommitmentStatus | null;
  rationale?: string | null;
  pillarBasis?: PillarBasis | null;
  actors: ActorCommand[];
  deadline?: DeadlineCommand | null;
  tags?: string[] | null;
  amounts: AmountCommand[];
}

/** Fields left undefined stay as they are; null clears the field where it may be cleared. */
export interface UpdateCommitmentCommand extends Versioned, Keyed {
  title?: string;
  description?: string | null;
  pillar?: EntityRef;
  pillarBasis?: PillarBasis;
  actors?: ActorCommand[];
  deadline?: DeadlineCommand | null;
  tags?: string[] | null;
  /** Replaces every amount; [] removes them all. */
  amounts?: AmountCommand[];
}

export type ArchiveCommitmentCommand = Versioned;
