import { ConflictError, NotFoundError } from '../common/errors';
import { conflictOnUnique } from '../common/unique-violation';
import { lockPartnership } from '../db/partnership.sql';
import type { Pillar } from '../generated/prisma/client';
import type { WriteUnit } from '../idempotency/write-unit';
import type { CreatePillarCommand } from './pillar.commands';

export class PillarWriteService {
  constructor(private readonly writes: WriteUnit) {}

  create(command: CreatePillarCommand): Promise<Pillar> {
    const { partnership, slug } = command;
    return this.writes.transaction({ operation: 'createPillar' }, async (tx) => {
      // Locked, so that two pillars added at once without a position get different ones.
      if (!(await lockPartnership(tx, partnership.id))) throw new NotFoundError(`Partnership ${partnership.globalId}`, ['input', 'partnershipId']);
      const last = await tx.pillar.aggregate({ where: { partnershipId: partnership.id }, _max: { position: true } });
      const position = command.position ?? (last._max.position ?? 0) + 1;
      if (await tx.pillar.findUnique({ where: { partnershipId_position: { partnershipId: partnership.id, position } }, select: { id: true } })) {
        throw new ConflictError(`Position ${position} is taken by another pillar of the partnership`, ['input', 'position']);
      }
      return conflictOnUnique(
        tx.pillar.create({ data: { partnershipId: partnership.id, slug, name: command.name.trim(), description: command.description?.trim() || null, position } }),
        `slug "${slug}" is taken by another pillar`,
        ['input', 'slug'],
      );
    });
  }
}
