import { groupByKeys, orderByKeys } from '../common/batch';
import { countryCode, searchPattern } from '../common/input';
import type { PrismaClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import type { Page, PageRequest } from '../relay/connection';
import { fetchPage, Keyset, type KeysetOrder, type RunSql } from '../relay/keyset';
import { fromRow } from '../relay/node.interface';
import type { ActorFilter } from './api/actor-filter.input';
import { Actor } from './api/actor.type';
import { CommitmentActor } from './api/commitment-actor.type';

export const BY_NAME: KeysetOrder<Actor> = {
  name: 'NAME:ASC',
  column: Prisma.raw('a.name'),
  id: Prisma.raw('a.id'),
  type: 'text',
  nullable: false,
  direction: 'ASC',
  valueOf: (actor) => actor.name,
};

const COLUMNS = Prisma.sql`a.id, a.slug, a.name, a.kind, a.country_code AS "countryCode", a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;

/** The ActorFilter as a condition on `a` (the actor table). */
export function actorCondition(filter: ActorFilter | null | undefined): Prisma.Sql {
  const conditions = [Prisma.sql`TRUE`];
  if (filter?.kind != null) conditions.push(Prisma.sql`a.kind = ${filter.kind}::actor_kind`);
  if (filter?.country != null) conditions.push(Prisma.sql`a.country_code = ${countryCode(filter.country, ['filter', 'country'])}::char(2)`);
  if (filter?.search != null) conditions.push(Prisma.sql`a.name ILIKE ${searchPattern(filter.search, ['filter', 'search'])}`);
  return Prisma.join(conditions, ' AND ');
}

const toActor = (row: object) => fromRow(Actor, row);

export class ActorService {
  private readonly run: RunSql;

  constructor(private readonly prisma: PrismaClient) {
    this.run = (sql) => prisma.$queryRaw(sql);
  }

  async findByIds(ids: readonly number[]): Promise<(Actor | undefined)[]> {
    const rows = await this.prisma.actor.findMany({ where: { id: { in: [...ids] } } });
    return orderByKeys(ids, rows, (row) => row.id).map((row) => row && toActor(row));
  }

  /** Actors by name. */
  page(filter: ActorFilter | null | undefined, request: PageRequest): Promise<Page<Actor>> {
    const where = actorCondition(filter);
    return fetchPage(this.run, new Keyset(BY_NAME, request), { select: COLUMNS, from: Prisma.sql`actor a`, where }, toActor);
  }

  /** The actors of each commitment, leads first. */
  async ofCommitments(commitmentIds: readonly number[]): Promise<CommitmentActor[][]> {
    const rows = await this.prisma.commitmentActor.findMany({
      where: { commitmentId: { in: [...commitmentIds] } },
      orderBy: [{ role: 'asc' }, { actorId: 'asc' }],
    });
    return groupByKeys(commitmentIds, rows, (row) => row.commitmentId).map((group) =>
      group.map((row) => fromRow(CommitmentActor, row)),
    );
  }
}
