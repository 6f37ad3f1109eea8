import { localDateToDate } from '../../common/dates';
import type { Partnership as PartnershipRow, PartnershipMilestone as PartnershipMilestoneRow } from '../../generated/prisma/client';
import { entityRef } from '../../relay/global-id';
import { fromRow } from '../../relay/api/node.interface';
import type { CreatePartnershipCommand, RecordPartnershipMilestoneCommand } from '../partnership.commands';
import type { CreatePartnershipInput, RecordPartnershipMilestoneInput } from './partnership.input';
import { Partnership, PartnershipMilestone } from './partnership.type';

export const toPartnership = (row: PartnershipRow): Partnership => fromRow(Partnership, row);

export const toPartnershipMilestone = (row: PartnershipMilestoneRow): PartnershipMilestone => fromRow(PartnershipMilestone, row);

export function createPartnershipCommand(input: CreatePartnershipInput): CreatePartnershipCommand {
  return { slug: input.slug, name: input.name, description: input.description, level: input.level, partyCodes: input.partyCodes };
}

export function recordPartnershipMilestoneCommand(input: RecordPartnershipMilestoneInput): RecordPartnershipMilestoneCommand {
  return {
    partnership: entityRef(input.partnershipId, 'Partnership', ['input', 'partnershipId']),
    sourceDocument: input.sourceDocumentId == null ? null : entityRef(input.sourceDocumentId, 'SourceDocument', ['input', 'sourceDocumentId']),
    kind: input.kind,
    level: input.level,
    title: input.title,
    occurredOn: localDateToDate(input.occurredOn),
    occurredPrecision: input.occurredPrecision,
    quote: input.quote,
  };
}
