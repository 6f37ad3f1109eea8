import { orderByKeys } from '../common/batch';
import type { PrismaClient } from '../db/prisma';
import type { Country } from '../generated/prisma/client';

export class CountryService {
  constructor(private readonly prisma: PrismaClient) {}

  list(): Promise<Country[]> {
    return this.prisma.country.findMany({ orderBy: { name: 'asc' } });
  }

  async findByCodes(codes: readonly string[]): Promise<(Country | undefined)[]> {
    const rows = await this.prisma.country.findMany({ where: { code: { in: [...codes] } } });
    return orderByKeys(codes, rows, (row) => row.code);
  }
}
