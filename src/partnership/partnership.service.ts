import type { PrismaClient } from '../db/prisma';
import { groupByKeys, orderByKeys } from '../common/batch';
import { fromRow } from '../relay/node.interface';
import { Country } from '../country/api/country.type';
import { Partnership, PartnershipMilestone } from './api/partnership.type';

export class PartnershipService {
  constructor(private readonly prisma: PrismaClient) {}

  async list(): Promise<Partnership[]> {
    const rows = await this.prisma.partnership.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }] });
    return rows.map((row) => fromRow(Partnership, row));
  }

  async findByIds(ids: readonly number[]): Promise<(Partnership | undefined)[]> {
    const rows = await this.prisma.partnership.findMany({ where: { id: { in: [...ids] } } });
    return orderByKeys(ids, rows, (row) => row.id).map((row) => row && fromRow(Partnership, row));
  }

  async findBySlug(slug: string): Promise<Partnership | undefined> {
    const row = await this.prisma.partnership.findUnique({ where: { slug } });
    return row ? fromRow(Partnership, row) : undefined;
  }

  async partiesOf(partnershipIds: readonly number[]): Promise<Country[][]> {
    const rows = await this.prisma.partnershipParty.findMany({
      where: { partnershipId: { in: [...partnershipIds] } },
      include: { country: true },
      orderBy: { countryCode: 'asc' },
    });
    return groupByKeys(partnershipIds, rows, (row) => row.partnershipId).map((group) =>
      group.map((row) => row.country),
    );
  }

  async milestonesOf(partnershipIds: readonly number[]): Promise<PartnershipMilestone[][]> {
    const rows = await this.prisma.partnershipMilestone.findMany({
      where: { partnershipId: { in: [...partnershipIds] } },
      orderBy: [{ occurredOn: 'asc' }, { id: 'asc' }],
    });
    return groupByKeys(partnershipIds, rows, (row) => row.partnershipId).map((group) =>
      group.map((row) => fromRow(PartnershipMilestone, row)),
    );
  }
}
