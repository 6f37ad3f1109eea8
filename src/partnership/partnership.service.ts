import type { PrismaClient } from '../db/prisma';
import { groupByKeys, orderByKeys } from '../common/batch';
import type { Country, Partnership, PartnershipMilestone } from '../generated/prisma/client';

export class PartnershipService {
  constructor(private readonly prisma: PrismaClient) {}

  list(): Promise<Partnership[]> {
    return this.prisma.partnership.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  }

  async findByIds(ids: readonly number[]): Promise<(Partnership | undefined)[]> {
    const rows = await this.prisma.partnership.findMany({ where: { id: { in: [...ids] } } });
    return orderByKeys(ids, rows, (row) => row.id);
  }

  async findBySlug(slug: string): Promise<Partnership | undefined> {
    return (await this.prisma.partnership.findUnique({ where: { slug } })) ?? undefined;
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
    return groupByKeys(partnershipIds, rows, (row) => row.partnershipId);
  }
}
