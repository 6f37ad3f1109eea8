// Which subscriptions a change concerns. A commitmentChanged subscription's filter is the same
// CommitmentFilter as the lists', compiled by the same compiler and evaluated by PostgreSQL against the
// commitment as committed, so "the commitments this filter selects" means the same live as in a query.
import { type CommitmentChange, CommitmentChangeKind } from '../commitment/commitment-change';
import { compileCommitmentFilter, type CommitmentFilterQuery } from '../db/commitment-filter';
import type { PrismaClient } from '../db/prisma';
import { commitmentMatches } from '../db/subscription.sql';

/** The partnership and pillar a statusChanged subscription is limited to (database ids). */
export interface StatusChangeScope {
  partnershipId?: number;
  pillarId?: number;
}

export class SubscriptionService {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Whether the changed commitment is one the filter selects. An archived commitment is left out of every
   * filter without includeArchived, but the news that one was archived is what a subscriber watching it
   * needs: for ARCHIVED, archived commitments are included.
   */
  async matches(change: CommitmentChange, filter: CommitmentFilterQuery | undefined): Promise<boolean> {
    if (!filter) return true;
    const effective = change.kind === CommitmentChangeKind.ARCHIVED ? { ...filter, includeArchived: true } : filter;
    return commitmentMatches(this.prisma, change.commitmentId, compileCommitmentFilter(effective));
  }

  /** Whether a change is a status change within the scope. Decided on the notification's ids alone: no query. */
  isStatusChangeIn(change: CommitmentChange, { partnershipId, pillarId }: StatusChangeScope): boolean {
    return (
      change.kind === CommitmentChangeKind.STATUS_CHANGED &&
      (partnershipId === undefined || change.partnershipId === partnershipId) &&
      (pillarId === undefined || change.pillarId === pillarId)
    );
  }
}
