import { ConflictError, NotFoundError } from '../common/errors';
import { isUniqueViolation } from '../common/unique-violation';
import type { PrismaClient } from '../db/prisma';
import { fromRow } from '../relay/node.interface';
import type { CreateActorInput } from './api/actor.input';
import { Actor } from './api/actor.type';

export class ActorWriteService {
  constructor(private readonly prisma: PrismaClient) {}

  async create(input: CreateActorInput) {
    if (input.countryCode && !(await this.prisma.country.findUnique({ where: { code: input.countryCode } }))) {
      throw new NotFoundError(`Country ${input.countryCode}`, ['input', 'countryCode']);
    }
    const row = await this.prisma.actor
      .create({ data: { slug: input.slug, name: input.name.trim(), kind: input.kind, countryCode: input.countryCode ?? null } })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? new ConflictError(`slug "${input.slug}" is taken by another actor`, ['input', 'slug']) : error;
      });
    return { actor: fromRow(Actor, row) };
  }
}
