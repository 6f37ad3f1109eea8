import type { Actor } from '../../generated/prisma/client';
import type { Columns } from './columns';

export type ActorRow = Actor;

export const ACTOR_COLUMNS: Columns<ActorRow> = {
  id: 'id',
  slug: 'slug',
  name: 'name',
  kind: 'kind',
  countryCode: 'country_code',
  createdAt: { date: 'created_at' },
  updatedAt: { date: 'updated_at' },
};
