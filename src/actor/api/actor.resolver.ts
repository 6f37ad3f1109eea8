import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { CommitmentConnection } from '../../commitment/api/commitment-connection.type';
import { CommitmentConnectionArgs } from '../../commitment/api/commitment.input';
import type { Commitment } from '../../commitment/api/commitment.type';
import { Country } from '../../country/api/country.type';
import type { GraphQLContext } from '../../graphql/context';
import { ConnectionArgs, type ConnectionShape, toConnection } from '../../relay/api/connection';
import { pageRequest } from '../../common/page';
import { mapPage } from '../../common/page';
import { ActorConnection } from './actor-connection.type';
import { ActorFilter } from './actor-filter.input';
import { toActor } from './actor.mapper';
import { Actor } from './actor.type';

@Resolver(() => Actor)
export class ActorResolver {
  @Query(() => ActorConnection, { description: 'Actors by name, a page at a time.' })
  async actors(
    @Ctx() { services }: GraphQLContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => ActorFilter, { nullable: true, description: 'Which actors to include; all by default.' }) filter?: ActorFilter | null,
  ): Promise<ConnectionShape<Actor>> {
    return toConnection(mapPage(await services.actors.page(filter, pageRequest(args)), toActor));
  }

  @FieldResolver(() => Country, { nullable: true, description: 'The country the actor belongs to; null for international organisations.' })
  async country(@Root() actor: Actor, @Ctx() { loaders }: GraphQLContext): Promise<Country | null> {
    return actor.countryCode === null ? null : ((await loaders.country.load(actor.countryCode)) ?? null);
  }

  @FieldResolver(() => CommitmentConnection, { description: 'The commitments the actor takes part in, in any role.' })
  async commitments(@Root() actor: Actor, @Ctx() { loaders }: GraphQLContext, @Args() args: CommitmentConnectionArgs): Promise<ConnectionShape<Commitment>> {
    return toConnection(await loaders.commitmentsOfActor.load({ args: args.toPageQuery(), id: actor.id }));
  }
}
