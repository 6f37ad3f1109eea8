// Party assessment inputs as commands, rows as GraphQL objects.
import { countryCode } from '../../common/input';
import type { PartyAssessmentRow } from '../../db/tables/party-assessment';
import { fromRow } from '../../relay/api/node.interface';
import { entityRef } from '../../relay/global-id';
import { evidenceValues } from '../../status-history/api/evidence.mapper';
import type { AssessPartyCommand } from '../party-assessment.commands';
import type { AssessPartyInput } from './party-assessment.input';
import { PartyAssessment } from './party-assessment.type';

export const toPartyAssessment = (row: PartyAssessmentRow): PartyAssessment => fromRow(PartyAssessment, row);

export function assessPartyCommand(input: AssessPartyInput): AssessPartyCommand {
  const commitment = entityRef(input.commitmentId, 'Commitment', ['input', 'commitmentId']);
  const code = countryCode(input.countryCode, ['input', 'countryCode']);
  const evidence = input.evidence ? evidenceValues(input.evidence, ['input', 'evidence']) : undefined;
  const { status, score, rationale, expectedVersion, idempotencyKey } = input;
  return { commitment, countryCode: code, status, score, rationale, evidence, expectedVersion, idempotencyKey };
}

