import type { Actor } from '../../generated/prisma/client';
import type { ColumnMap } from './columns';

export type ActorRow = Actor;

export const ACTOR_COLUMNS: ColumnMap<ActorRow> = {
  id: 'id',
  slug: 'slug',
  name: 'name',
  kind: 'kind',
  countryCode: 'country_code',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};
