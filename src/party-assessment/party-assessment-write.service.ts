// Records a party's own assessment of a commitment: appended to party_assessment (append-only; the latest
// per party counts), in the write unit's one transaction, after locking the commitment's row like every
// other write to it. It is an assessment, so it sets lastAssessedAt and bumps the version, as a progress
// note does; the commitment's joint status does not change.
import { authorOf, principalOf, type AuthenticatedViewer } from '../auth/viewer';
import { CommitmentChangeKind } from '../commitment/commitment-change';
import { evidenceColumns, lockCommitment, requireEvidenceDocument } from '../commitment/commitment-write.service';
import { InvalidInputError } from '../common/errors';
import type { WriteUnit } from '../idempotency/write-unit';
import type { CommitmentChangePublisher } from '../subscription/commitment-change.publisher';
import type { AssessPartyCommand } from './party-assessment.commands';

export class PartyAssessmentWriteService {
  constructor(
    private readonly writes: WriteUnit,
    private readonly changes: CommitmentChangePublisher,
  ) {}

  async assess(viewer: AuthenticatedViewer, command: AssessPartyCommand) {
    const { commitment: { id }, countryCode, evidence } = command;
    return this.writes.transaction({ principal: principalOf(viewer), operation: 'assessParty', key: command.idempotencyKey, input: command }, async (tx) => {
      const current = await lockCommitment(tx, command);
      const parties = await tx.partnershipParty.findMany({ where: { partnershipId: current.partnershipId }, orderBy: { countryCode: 'asc' } });
      if (!parties.some((party) => party.countryCode === countryCode)) {
        const codes = parties.map((party) => party.countryCode).join(', ') || 'none recorded';
        throw new InvalidInputError(`${countryCode} is not a party to the commitment's partnership (its parties: ${codes})`, ['input', 'countryCode']);
      }
      await requireEvidenceDocument(tx, evidence);
      const commitment = await tx.commitment.update({ where: { id }, data: { lastAssessedAt: new Date(), version: { increment: 1 } } });
      const partyAssessment = await tx.partyAssessment.create({
        data: {
          commitmentId: id,
          countryCode,
          status: command.status,
          score: command.score ?? null,
          rationale: command.rationale.trim(),
          ...evidenceColumns(evidence),
          ...authorOf(viewer),
        },
      });
      await this.changes.publish(tx, {
        kind: CommitmentChangeKind.PARTY_ASSESSED,
        commitmentId: id,
        partnershipId: commitment.partnershipId,
        pillarId: commitment.pillarId,
        statusChangeId: null,
      });
      return { commitment, partyAssessment };
    });
  }
}
