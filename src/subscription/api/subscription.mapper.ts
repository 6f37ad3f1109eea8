import { fromGlobalId } from '../../relay/global-id';
import type { StatusChangeScope } from '../subscription.service';

/** statusChanged's arguments, as global IDs. */
export interface StatusChangedArgs {
  partnershipId?: string | null;
  pillarId?: string | null;
}

/** The scope's ids decoded; BAD_USER_INPUT naming the argument for an ID of another type. */
export function toStatusChangeScope({ partnershipId, pillarId }: StatusChangedArgs): StatusChangeScope {
  return {
    partnershipId: partnershipId == null ? undefined : fromGlobalId(partnershipId, 'Partnership', ['partnershipId']),
    pillarId: pillarId == null ? undefined : fromGlobalId(pillarId, 'Pillar', ['pillarId']),
  };
}
