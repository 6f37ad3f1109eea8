// Subscriptions read the in-process PubSub that the change listener feeds from PostgreSQL (see
// subscription/commitment-change.listener.ts). Each event is resolved afresh: graphql-ws runs every event of a
// subscription with the context made when it started, so its DataLoaders are replaced per event, or a
// later event would be served what an earlier one cached.
import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { decodeCommitmentFilter } from '../../commitment/api/commitment-filter.decoder';
import { CommitmentFilter } from '../../commitment/api/commitment.input';
import type { GraphQLContext } from '../../graphql/context';
import { COMMITMENT_CHANGED, type CommitmentChange } from '../../commitment/commitment-change';
import { type StatusChangedArgs, toStatusChangeScope } from './subscription.mapper';
import { CommitmentChangedEvent, StatusChangedEvent } from './subscription.type';

interface CommitmentChangedArgs {
  filter?: CommitmentFilter | null;
}

@Resolver()
export class SubscriptionResolver {
  @Subscription(() => CommitmentChangedEvent, {
    description:
      'Every committed write to a commitment the filter selects, judged on the commitment as it is after the write, from any server ' +
      'instance. ARCHIVED is delivered to every filter the commitment matches apart from being archived.',
    // The topic function runs once, when the subscription starts: the place to refuse a bad filter.
    topics: ({ args }: { args: CommitmentChangedArgs }) => {
      decodeCommitmentFilter(args.filter);
      return COMMITMENT_CHANGED;
    },
    filter: ({ payload, args, context }: { payload: CommitmentChange; args: CommitmentChangedArgs; context: GraphQLContext }) =>
      context.services.subscriptions.matches(payload, decodeCommitmentFilter(args.filter)),
  })
  async commitmentChanged(
    @Root() change: CommitmentChange,
    @Ctx() context: GraphQLContext,
    @Arg('filter', () => CommitmentFilter, { nullable: true, description: 'Which commitments to hear about, as in `commitments`; all non-archived ones by default.' })
    _filter?: CommitmentFilter | null,
  ): Promise<CommitmentChangedEvent> {
    const loaders = context.renewLoaders();
    const [commitment, statusChange] = await Promise.all([
      loaders.commitment.load(change.commitmentId),
      change.statusChangeId === null ? undefined : loaders.statusChange.load(change.statusChangeId),
    ]);
    return Object.assign(new CommitmentChangedEvent(), { kind: change.kind, commitment: commitment!, statusChange: statusChange ?? null });
  }

  @Subscription(() => StatusChangedEvent, {
    description: 'Every committed change of status of a commitment in the partnership and pillar given (both optional), from any server instance.',
    topics: ({ args }: { args: StatusChangedArgs }) => {
      toStatusChangeScope(args);
      return COMMITMENT_CHANGED;
    },
    filter: ({ payload, args, context }: { payload: CommitmentChange; args: StatusChangedArgs; context: GraphQLContext }) =>
      context.services.subscriptions.isStatusChangeIn(payload, toStatusChangeScope(args)),
  })
  async statusChanged(
    @Root() change: CommitmentChange,
    @Ctx() context: GraphQLContext,
    @Arg('partnershipId', () => ID, { nullable: true, description: 'Only commitments of this partnership.' }) _partnershipId?: string | null,
    @Arg('pillarId', () => ID, { nullable: true, description: 'Only commitments under this pillar.' }) _pillarId?: string | null,
  ): Promise<StatusChangedEvent> {
    const loaders = context.renewLoaders();
    const [commitment, statusChange] = await Promise.all([loaders.commitment.load(change.commitmentId), loaders.statusChange.load(change.statusChangeId!)]);
    return Object.assign(new StatusChangedEvent(), { commitment: commitment!, statusChange: statusChange! });
  }
}
