// The partnership tables: partnerships, their parties and milestones, their pillars; and the countries.
import type { Country, Partnership, PartnershipMilestone, PartnershipParty, Pillar } from '../../generated/prisma/client';
import type { Columns } from './columns';

export const PARTNERSHIP_COLUMNS: Columns<Partnership> = {
  id: 'id',
  slug: 'slug',
  name: 'name',
  description: 'description',
  level: 'level',
  createdAt: { date: 'created_at' },
  updatedAt: { date: 'updated_at' },
};

export const PARTNERSHIP_PARTY_COLUMNS: Columns<PartnershipParty> = {
  partnershipId: 'partnership_id',
  countryCode: 'country_code',
};

export const PARTNERSHIP_MILESTONE_COLUMNS: Columns<PartnershipMilestone> = {
  id: 'id',
  partnershipId: 'partnership_id',
  kind: 'kind',
  level: 'level',
  title: 'title',
  occurredOn: { date: 'occurred_on' },
  occurredPrecision: 'occurred_precision',
  sourceDocumentId: 'source_document_id',
  quote: 'quote',
  createdAt: { date: 'created_at' },
};

export const PILLAR_COLUMNS: Columns<Pillar> = {
  id: 'id',
  slug: 'slug',
  partnershipId: 'partnership_id',
  position: 'position',
  name: 'name',
  description: 'description',
  createdAt: { date: 'created_at' },
  updatedAt: { date: 'updated_at' },
};

export const COUNTRY_COLUMNS: Columns<Country> = {
  code: 'code',
  name: 'name',
};
