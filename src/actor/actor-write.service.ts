import { NotFoundError } from '../common/errors';
import { conflictOnUnique } from '../common/unique-violation';
import type { ActorRow } from '../db/tables/actor';
import type { WriteUnit } from '../idempotency/write-unit';
import type { CreateActorCommand } from './actor.commands';

export class ActorWriteService {
  constructor(private readonly writes: WriteUnit) {}

  create(command: CreateActorCommand): Promise<ActorRow> {
    return this.writes.transaction({ operation: 'createActor' }, async (tx) => {
      if (command.countryCode && !(await tx.country.findUnique({ where: { code: command.countryCode } }))) {
        throw new NotFoundError(`Country ${command.countryCode}`, ['input', 'countryCode']);
      }
      return conflictOnUnique(
        tx.actor.create({ data: { slug: command.slug, name: command.name.trim(), kind: command.kind, countryCode: command.countryCode ?? null } }),
        `slug "${command.slug}" is taken by another actor`,
        ['input', 'slug'],
      );
    });
  }
}
