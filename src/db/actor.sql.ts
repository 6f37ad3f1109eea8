import { countryCode, searchPattern } from '../common/input';
import { Prisma } from '../generated/prisma/client';
import type { KeysetOrder } from './keyset';
import type { ActorKind } from '../generated/prisma/enums';
import { ACTOR_COLUMNS, type ActorRow } from './tables/actor';
import { selectList } from './tables/columns';

/** Which actors to include, as a client gives it: the country and the search are checked here. */
export interface ActorFilterValues {
  kind?: ActorKind | null;
  country?: string | null;
  search?: string | null;
}

/**
 * Actors by name, then id: a keyset order over `a`, the actor table.
 */
export const ACTORS_BY_NAME: KeysetOrder<ActorRow> = {
  name: 'NAME:ASC',
  column: Prisma.raw('a.name'),
  id: Prisma.raw('a.id'),
  type: 'text',
  nullable: false,
  direction: 'ASC',
  valueOf: (actor: ActorRow) => actor.name,
};

/** The filter as a condition on `a` (the actor table). */
export function actorCondition(filter: ActorFilterValues | null | undefined): Prisma.Sql {
  const conditions = [Prisma.sql`TRUE`];
  if (filter?.kind != null) conditions.push(Prisma.sql`a.kind = ${filter.kind}::actor_kind`);
  if (filter?.country != null) conditions.push(Prisma.sql`a.country_code = ${countryCode(filter.country, ['filter', 'country'])}::char(2)`);
  if (filter?.search != null) conditions.push(Prisma.sql`a.name ILIKE ${searchPattern(filter.search, ['filter', 'search'])}`);
  return Prisma.join(conditions, ' AND ');
}

/** What a page of actors reads: every column of `actor a`, under the filter. */
export function actorSource(filter: ActorFilterValues | null | undefined) {
  return { select: selectList('a', ACTOR_COLUMNS), from: Prisma.sql`actor a`, where: actorCondition(filter) };
}
