// Which subscriptions a change concerns. A commitmentChanged subscription's filter is the same
// CommitmentFilter as the lists', compiled by the same compiler and evaluated by PostgreSQL against the
// commitment as committed, so "the commitments this filter selects" means the same live as in a query.
import { compileCommitmentFilter, type CommitmentFilterQuery } from '../db/commitment-filter';
import type { PrismaClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import { fromGlobalId } from '../relay/global-id';
import { type CommitmentChange, CommitmentChangeKind } from '../commitment/commitment-change';

export interface StatusChangeScope {
  partnershipId?: string | null;
  pillarId?: string | null;
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
    const [row] = await this.prisma.$queryRaw<{ matches: boolean }[]>(
      Prisma.sql`SELECT EXISTS (SELECT 1 FROM commitment c WHERE c.id = ${change.commitmentId}::int AND ${compileCommitmentFilter(effective)}) AS matches`,
    );
    return row!.matches;
  }

  /** The scope's ids decoded; BAD_USER_INPUT naming the argument for an ID of another type. */
  statusChangeScope({ partnershipId, pillarId }: StatusChangeScope): { partnershipId?: number; pillarId?: number } {
    return {
      partnershipId: partnershipId == null ? undefined : fromGlobalId(partnershipId, 'Partnership', ['partnershipId']),
      pillarId: pillarId == null ? undefined : fromGlobalId(pillarId, 'Pillar', ['pillarId']),
    };
  }

  /** Whether a change is a status change within the scope. Decided on the notification's ids alone: no query. */
  isStatusChangeIn(change: CommitmentChange, scope: StatusChangeScope): boolean {
    const { partnershipId, pillarId } = this.statusChangeScope(scope);
    return (
      change.kind === CommitmentChangeKind.STATUS_CHANGED &&
      (partnershipId === undefined || change.partnershipId === partnershipId) &&
      (pillarId === undefined || change.pillarId === pillarId)
    );
  }
}
