// Overdue and stale counts on partnerships and pillars. They are the status counts under the `overdue` and
// `staleForDays` filters, through the same batched loaders as `statusCounts`: one grouped statement for all
// the partnerships (or pillars) of a response, whatever their number.
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context';
import { Partnership } from '../../partnership/api/partnership.type';
import { Pillar } from '../../pillar/api/pillar.type';
import { staleFilter } from '../follow-through.commands';

const OVERDUE = {
  description:
    'How many of its commitments are overdue: a deadline before today (UTC) and a status other than COMPLETED, SUPERSEDED and ABANDONED, as the `overdue` filter. ' +
    'List them with `commitments(filter: { overdue: true })`.',
};
const STALE = {
  description:
    'How many of its commitments are stale: their status has not changed for more than `days` days, as the `staleForDays` filter. ' +
    'List them with `commitments(filter: { staleForDays: N })`.',
};
const DAYS = { description: 'The number of days without a status change, from 0 to 36500.' };

@Resolver(() => Partnership)
export class PartnershipFollowThroughResolver {
  @FieldResolver(() => Int, OVERDUE)
  async overdueCount(@Root() partnership: Partnership, @Ctx() { loaders }: GraphQLContext): Promise<number> {
    return (await loaders.statusCountsOfPartnership.load({ args: { overdue: true }, id: partnership.id })).total;
  }

  @FieldResolver(() => Int, STALE)
  async staleCount(@Root() partnership: Partnership, @Ctx() { loaders }: GraphQLContext, @Arg('days', () => Int, DAYS) days: number): Promise<number> {
    return (await loaders.statusCountsOfPartnership.load({ args: staleFilter(days), id: partnership.id })).total;
  }
}

@Resolver(() => Pillar)
export class PillarFollowThroughResolver {
  @FieldResolver(() => Int, OVERDUE)
  async overdueCount(@Root() pillar: Pillar, @Ctx() { loaders }: GraphQLContext): Promise<number> {
    return (await loaders.statusCountsOfPillar.load({ args: { overdue: true }, id: pillar.id })).total;
  }

  @FieldResolver(() => Int, STALE)
  async staleCount(@Root() pillar: Pillar, @Ctx() { loaders }: GraphQLContext, @Arg('days', () => Int, DAYS) days: number): Promise<number> {
    return (await loaders.statusCountsOfPillar.load({ args: staleFilter(days), id: pillar.id })).total;
  }
}
