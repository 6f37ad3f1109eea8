import { ConflictError, NotFoundError } from '../common/errors';
import { isUniqueViolation } from '../common/unique-violation';
import type { PrismaClient } from '../db/prisma';
import { fromGlobalId } from '../relay/global-id';
import { fromRow } from '../relay/node.interface';
import type { CreatePillarInput } from './api/pillar.input';
import { Pillar } from './api/pillar.type';

export class PillarWriteService {
  constructor(private readonly prisma: PrismaClient) {}

  async create(input: CreatePillarInput) {
    const partnershipId = fromGlobalId(input.partnershipId, 'Partnership', ['input', 'partnershipId']);
    const row = await this.prisma.$transaction(async (tx) => {
      // Locked, so that two pillars added at once without a position get different ones.
      const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM partnership WHERE id = ${partnershipId} FOR UPDATE`;
      if (locked.length === 0) throw new NotFoundError(`Partnership ${input.partnershipId}`, ['input', 'partnershipId']);
      const last = await tx.pillar.aggregate({ where: { partnershipId }, _max: { position: true } });
      const position = input.position ?? (last._max.position ?? 0) + 1;
      if (await tx.pillar.findUnique({ where: { partnershipId_position: { partnershipId, position } }, select: { id: true } })) {
        throw new ConflictError(`Position ${position} is taken by another pillar of the partnership`, ['input', 'position']);
      }
      return tx.pillar
        .create({ data: { partnershipId, slug: input.slug, name: input.name.trim(), description: input.description?.trim() || null, position } })
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? new ConflictError(`slug "${input.slug}" is taken by another pillar`, ['input', 'slug']) : error;
        });
    });
    return { pillar: fromRow(Pillar, row) };
  }
}
