import type { Pillar as PillarRow } from '../../generated/prisma/client';
import { entityRef } from '../../relay/global-id';
import { fromRow } from '../../relay/api/node.interface';
import type { CreatePillarCommand } from '../pillar.commands';
import type { CreatePillarInput } from './pillar.input';
import { Pillar } from './pillar.type';

export const toPillar = (row: PillarRow): Pillar => fromRow(Pillar, row);

export function createPillarCommand(input: CreatePillarInput): CreatePillarCommand {
  return {
    partnership: entityRef(input.partnershipId, 'Partnership', ['input', 'partnershipId']),
    slug: input.slug,
    name: input.name,
    description: input.description,
    position: input.position,
  };
}
