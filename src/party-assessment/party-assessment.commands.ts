// A party's assessment as the write service takes it: ids decoded, the country code upper-cased, every
// other value as the client sent it (the service trims), so that it hashes as its request does.
import type { CommitmentStatus } from '../common/enums';
import type { EntityRef } from '../common/commands';
import type { EvidenceValues } from '../status-history/evidence.commands';

export interface AssessPartyCommand {
  commitment: EntityRef;
  /** ISO 3166-1 alpha-2, upper case. */
  countryCode: string;
  status: CommitmentStatus;
  /** -1, 0 or +1; absent: the status is scored by the compliance rules. */
  score?: number | null;
  rationale: string;
  evidence?: EvidenceValues;
  expectedVersion?: number | null;
  idempotencyKey?: string | null;
}
