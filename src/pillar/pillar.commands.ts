import type { EntityRef } from '../common/commands';

export interface CreatePillarCommand {
  partnership: EntityRef;
  slug: string;
  name: string;
  description?: string | null;
  /** Order within the partnership; null or absent: after the last. */
  position?: number | null;
}
