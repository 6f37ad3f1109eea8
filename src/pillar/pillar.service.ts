import type { PrismaClient } from '../db/prisma';
import { groupByKeys, orderByKeys } from '../common/batch';
import type { Pillar } from '../generated/prisma/client';

export class PillarService {
  constructor(private readonly prisma: PrismaClient) {}

  list(filter: { partnershipId?: number } = {}): Promise<Pillar[]> {
    return this.prisma.pillar.findMany({
      where: { partnershipId: filter.partnershipId },
      orderBy: [{ partnershipId: 'asc' }, { position: 'asc' }],
    });
  }

  async findByIds(ids: readonly number[]): Promise<(Pillar | undefined)[]> {
    const rows = await this.prisma.pillar.findMany({ where: { id: { in: [...ids] } } });
    return orderByKeys(ids, rows, (row) => row.id);
  }

  async findBySlug(slug: string): Promise<Pillar | undefined> {
    return (await this.prisma.pillar.findUnique({ where: { slug } })) ?? undefined;
  }

  async ofPartnerships(partnershipIds: readonly number[]): Promise<Pillar[][]> {
    const rows = await this.prisma.pillar.findMany({
      where: { partnershipId: { in: [...partnershipIds] } },
      orderBy: { position: 'asc' },
    });
    return groupByKeys(partnershipIds, rows, (row) => row.partnershipId);
  }
}
