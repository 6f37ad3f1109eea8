// The rules a status change must keep, checked against the commitment as it is under its row lock.
import { CommitmentStatus } from '../generated/prisma/enums';
import { InvalidInputError } from '../common/errors';
import { toLocalDate } from '../common/dates';

/** Statuses that are claims against the parties: they need evidence, not only an editor's word. */
const NEEDS_EVIDENCE = new Set<CommitmentStatus>([CommitmentStatus.STALLED, CommitmentStatus.ABANDONED]);

export interface CurrentStatus {
  status: CommitmentStatus;
  statusSince: Date;
  announcedOn: Date;
}

export function checkStatusChange(
  current: CurrentStatus,
  change: { status: CommitmentStatus; effectiveOn: string; hasEvidence: boolean },
): void {
  if (change.status === current.status) {
    throw new InvalidInputError(`The commitment is already ${current.status}; record a progress note to add an assessment`, ['input', 'status']);
  }
  checkNotBeforeAnnouncement(current, change.effectiveOn);
  // statusSince is the effective date of the latest change: a change dated before it would not be the latest.
  const since = toLocalDate(current.statusSince);
  if (change.effectiveOn < since) {
    throw new InvalidInputError(
      `effectiveOn ${change.effectiveOn} is before the current status took effect (${since}); a status change cannot be dated before the latest one`,
      ['input', 'effectiveOn'],
    );
  }
  if (!change.hasEvidence) {
    if (current.status === CommitmentStatus.COMPLETED) {
      throw new InvalidInputError(`Moving a COMPLETED commitment back to ${change.status} requires evidence`, ['input', 'evidence']);
    }
    if (NEEDS_EVIDENCE.has(change.status)) {
      throw new InvalidInputError(`Recording a commitment as ${change.status} requires evidence`, ['input', 'evidence']);
    }
  }
}

/** Nothing can have happened to a commitment before the document that announced it. */
export function checkNotBeforeAnnouncement(current: { announcedOn: Date }, effectiveOn: string): void {
  const announced = toLocalDate(current.announcedOn);
  if (effectiveOn < announced) {
    throw new InvalidInputError(`effectiveOn ${effectiveOn} is before the commitment was announced (${announced})`, ['input', 'effectiveOn']);
  }
}
