import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Commitment } from '../../commitment/api/commitment.type';
import { CommitmentStatus } from '../../common/enums';
import type { GraphQLContext } from '../../graphql/context';
import { DateTimeScalar, LocalDateScalar } from '../../graphql/scalars';
import { mapPage, pageRequest } from '../../common/page';
import { ConnectionArgs, type ConnectionShape, toConnection } from '../../relay/api/connection';
import { toCommitmentEvent } from './commitment-event.mapper';
import { type CommitmentEvent, CommitmentEventConnection } from './commitment-event.type';

@Resolver(() => Commitment)
export class CommitmentTimelineResolver {
  @FieldResolver(() => CommitmentStatus, {
    nullable: true,
    description:
      'The status the commitment was in on a day, from its history\'s effective dates (a change effective that day counts); ' +
      'null when it had not been announced by then.',
  })
  async statusAsOf(
    @Root() commitment: Commitment,
    @Ctx() { loaders }: GraphQLContext,
    @Arg('date', () => LocalDateScalar, { description: 'The day.' }) date: string,
    @Arg('asKnownOn', () => DateTimeScalar, {
      nullable: true,
      description: 'Count only history recorded by this moment: the answer as it could have been given then. All of it by default.',
    })
    asKnownOn?: Date | null,
  ): Promise<CommitmentStatus | null> {
    return (await loaders.statusAsOf.load({ args: { date, asKnownOn: asKnownOn ?? null }, id: commitment.id }))?.status ?? null;
  }

  @FieldResolver(() => CommitmentEventConnection, {
    description:
      'What happened to the commitment, newest first: its announcement, status changes, progress notes, evidence and target readings, by the day they ' +
      'happened (on one day: target readings, evidence, notes, status changes, then the announcement; then newest record first), a page at a time.',
  })
  async timeline(@Root() commitment: Commitment, @Ctx() { loaders }: GraphQLContext, @Args() args: ConnectionArgs): Promise<ConnectionShape<CommitmentEvent>> {
    return toConnection(mapPage(await loaders.eventsOfCommitment.load({ args: pageRequest(args), id: commitment.id }), toCommitmentEvent));
  }
}
