import { groupByKeys, orderByKeys } from '../common/batch';
import { ACTORS_BY_NAME, actorSource, type ActorFilterValues } from '../db/actor.sql';
import type { PrismaClient } from '../db/prisma';
import type { ActorRow } from '../db/tables/actor';
import type { CommitmentActor } from '../generated/prisma/client';
import type { Page, PageRequest } from '../common/page';
import { fetchPage, Keyset, type RunSql, runnerOf } from '../db/keyset';

export class ActorService {
  private readonly run: RunSql;

  constructor(private readonly prisma: PrismaClient) {
    this.run = runnerOf(prisma);
  }

  async findByIds(ids: readonly number[]): Promise<(ActorRow | undefined)[]> {
    const rows = await this.prisma.actor.findMany({ where: { id: { in: [...ids] } } });
    return orderByKeys(ids, rows, (row) => row.id);
  }

  /** Actors by name. */
  page(filter: ActorFilterValues | null | undefined, request: PageRequest): Promise<Page<ActorRow>> {
    return fetchPage(this.run, new Keyset(ACTORS_BY_NAME, request), actorSource(filter), (row) => row as ActorRow);
  }

  /** The actors of each commitment, leads first. */
  async ofCommitments(commitmentIds: readonly number[]): Promise<CommitmentActor[][]> {
    const rows = await this.prisma.commitmentActor.findMany({
      where: { commitmentId: { in: [...commitmentIds] } },
      orderBy: [{ role: 'asc' }, { actorId: 'asc' }],
    });
    return groupByKeys(commitmentIds, rows, (row) => row.commitmentId);
  }
}
