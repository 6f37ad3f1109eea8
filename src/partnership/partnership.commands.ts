import type { EntityRef } from '../common/commands';
import type { DatePrecision, MilestoneKind, PartnershipLevel } from '../generated/prisma/enums';

export interface CreatePartnershipCommand {
  slug: string;
  name: string;
  description?: string | null;
  level: PartnershipLevel;
  /** ISO 3166-1 alpha-2 codes, as given (duplicates included: errors name a code by its position). */
  partyCodes: string[];
}

export interface RecordPartnershipMilestoneCommand {
  partnership: EntityRef;
  kind: MilestoneKind;
  level?: PartnershipLevel | null;
  title: string;
  occurredOn: Date;
  occurredPrecision: DatePrecision;
  sourceDocument: EntityRef | null;
  quote?: string | null;
}
