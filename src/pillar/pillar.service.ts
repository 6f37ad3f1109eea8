import type { PrismaClient } from '../db/prisma';
import { groupByKeys, orderByKeys } from '../common/batch';
import { fromRow } from '../relay/node.interface';
import { Pillar } from './api/pillar.type';

export class PillarService {
  constructor(private readonly prisma: PrismaClient) {}

  async list(filter: { partnershipId?: number } = {}): Promise<Pillar[]> {
    const rows = await this.prisma.pillar.findMany({
      where: { partnershipId: filter.partnershipId },
      orderBy: [{ partnershipId: 'asc' }, { position: 'asc' }],
    });
    return rows.map((row) => fromRow(Pillar, row));
  }

  async findByIds(ids: readonly number[]): Promise<(Pillar | undefined)[]> {
    const rows = await this.prisma.pillar.findMany({ where: { id: { in: [...ids] } } });
    return orderByKeys(ids, rows, (row) => row.id).map((row) => row && fromRow(Pillar, row));
  }

  async findBySlug(slug: string): Promise<Pillar | undefined> {
    const row = await this.prisma.pillar.findUnique({ where: { slug } });
    return row ? fromRow(Pillar, row) : undefined;
  }

  async ofPartnerships(partnershipIds: readonly number[]): Promise<Pillar[][]> {
    const rows = await this.prisma.pillar.findMany({
      where: { partnershipId: { in: [...partnershipIds] } },
      orderBy: { position: 'asc' },
    });
    return groupByKeys(partnershipIds, rows, (row) => row.partnershipId).map((group) =>
      group.map((row) => fromRow(Pillar, row)),
    );
  }
}
