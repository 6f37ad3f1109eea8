import type { ActorKind } from '../generated/prisma/enums';

export interface CreateActorCommand {
  slug: string;
  name: string;
  kind: ActorKind;
  countryCode?: string | null;
}
