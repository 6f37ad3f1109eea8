// Subscriptions read this instance's ChangeFeed, which the change listener feeds from PostgreSQL (see
// subscription/commitment-change.listener.ts), and, when resumed, the outbox first. Each event is resolved
// afresh: graphql-ws runs every event of a subscription with the context made when it started, so its
// DataLoaders are replaced per event, or a later event would be served what an earlier one cached.
import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { decodeCommitmentFilter } from '../../commitment/api/commitment-filter.decoder';
import { CommitmentFilter } from '../../commitment/api/commitment.input';
import { toCommitment } from '../../commitment/api/commitment.mapper';
import type { GraphQLContext } from '../../graphql/context';
import type { SubscriptionItem } from '../subscription.service';
import type { ChangeEvent } from '../change-feed';
import { type StatusChangedArgs, toStatusChangeScope } from './subscription.mapper';
import { CommitmentChangedEvent, StatusChangedEvent } from './subscription.type';

interface CommitmentChangedArgs {
  filter?: CommitmentFilter | null;
  afterEventId?: string | null;
}

interface ResolverData<Args> {
  args: Args;
  context: GraphQLContext;
}

const AFTER_EVENT_ID = 'Resume after this eventId (the last one received): first the changes since then that this subscription selects, in order, then the live ones. Refused with EVENTS_EXPIRED when older than the server keeps (reload, then subscribe without it).';

/** The event, or the error that ends the stream (falling behind), thrown to be its last result. */
function eventOf(item: SubscriptionItem): ChangeEvent {
  if ('error' in item) throw item.error;
  return item;
}

/** The commitment as the change left it; as it is now only if the outbox has pruned the change meanwhile. */
async function commitmentOf(change: ChangeEvent, context: GraphQLContext) {
  const row = await change.commitment();
  return row ? toCommitment(row) : await context.loaders.commitment.load(change.commitmentId);
}

@Resolver()
export class SubscriptionResolver {
  @Subscription(() => CommitmentChangedEvent, {
    description:
      'Every committed write to a commitment the filter selects, judged on the commitment as that write left it, from any server ' +
      'instance, in commit order. ARCHIVED is delivered to every filter the commitment matches apart from being archived.',
    // Runs once, when the subscription starts: the place to refuse a bad filter or resume point.
    subscribe: async ({ args, context }: ResolverData<CommitmentChangedArgs>) => {
      const filter = decodeCommitmentFilter(args.filter);
      const { subscriptions } = context.services;
      const after = await subscriptions.resumePoint(args.afterEventId);
      return subscriptions.changes(after, (event) => subscriptions.matches(event, filter));
    },
  })
  async commitmentChanged(
    @Root() item: SubscriptionItem,
    @Ctx() context: GraphQLContext,
    @Arg('filter', () => CommitmentFilter, { nullable: true, description: 'Which commitments to hear about, as in `commitments`; all non-archived ones by default.' })
    _filter?: CommitmentFilter | null,
    @Arg('afterEventId', () => String, { nullable: true, description: AFTER_EVENT_ID }) _afterEventId?: string | null,
  ): Promise<CommitmentChangedEvent> {
    const change = eventOf(item);
    const loaders = context.renewLoaders();
    const [commitment, statusChange] = await Promise.all([
      commitmentOf(change, context),
      change.statusChangeId === null ? undefined : loaders.statusChange.load(change.statusChangeId),
    ]);
    return Object.assign(new CommitmentChangedEvent(), { eventId: change.eventId.toString(), kind: change.kind, commitment: commitment!, statusChange: statusChange ?? null });
  }

  @Subscription(() => StatusChangedEvent, {
    description: 'Every committed change of status of a commitment in the partnership and pillar given (both optional), from any server instance, in commit order.',
    subscribe: async ({ args, context }: ResolverData<StatusChangedArgs & { afterEventId?: string | null }>) => {
      const scope = toStatusChangeScope(args);
      const { subscriptions } = context.services;
      const after = await subscriptions.resumePoint(args.afterEventId);
      return subscriptions.changes(after, (event) => Promise.resolve(subscriptions.isStatusChangeIn(event, scope)));
    },
  })
  async statusChanged(
    @Root() item: SubscriptionItem,
    @Ctx() context: GraphQLContext,
    @Arg('partnershipId', () => ID, { nullable: true, description: 'Only commitments of this partnership.' }) _partnershipId?: string | null,
    @Arg('pillarId', () => ID, { nullable: true, description: 'Only commitments under this pillar.' }) _pillarId?: string | null,
    @Arg('afterEventId', () => String, { nullable: true, description: AFTER_EVENT_ID }) _afterEventId?: string | null,
  ): Promise<StatusChangedEvent> {
    const change = eventOf(item);
    const loaders = context.renewLoaders();
    const [commitment, statusChange] = await Promise.all([commitmentOf(change, context), loaders.statusChange.load(change.statusChangeId!)]);
    return Object.assign(new StatusChangedEvent(), { eventId: change.eventId.toString(), commitment: commitment!, statusChange: statusChange! });
  }
}
