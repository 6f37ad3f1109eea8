import type { ActorRow } from '../../db/tables/actor';
import type { CommitmentActorRow } from '../../db/tables/commitment';
import { fromRow } from '../../relay/api/node.interface';
import type { CreateActorCommand } from '../actor.commands';
import type { CreateActorInput } from './actor.input';
import { Actor } from './actor.type';
import { CommitmentActor } from './commitment-actor.type';

export const toActor = (row: ActorRow): Actor => fromRow(Actor, row);

export const toCommitmentActor = (row: CommitmentActorRow): CommitmentActor => fromRow(CommitmentActor, row);

export function createActorCommand(input: CreateActorInput): CreateActorCommand {
  return { slug: input.slug, name: input.name, kind: input.kind, countryCode: input.countryCode };
}
