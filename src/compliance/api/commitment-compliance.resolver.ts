import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Commitment } from '../../commitment/api/commitment.type';
import { toLocalDate } from '../../common/dates';
import type { GraphQLContext } from '../../graphql/context';
import { DateTimeScalar, LocalDateScalar } from '../../graphql/scalars';
import { COMPLIANCE_RULES } from '../../db/compliance';

@Resolver(() => Commitment)
export class CommitmentComplianceResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description: `The commitment's compliance score on a day: +1, 0 or -1, the same for every party; null when it had not been announced by then. ${COMPLIANCE_RULES}`,
  })
  async complianceScore(
    @Root() commitment: Commitment,
    @Ctx() { loaders }: GraphQLContext,
    @Arg('asOf', () => LocalDateScalar, { nullable: true, description: 'The day; today (UTC) by default.' }) asOf?: string | null,
    @Arg('asKnownOn', () => DateTimeScalar, { nullable: true, description: 'Count only the history recorded by this moment. All of it by default.' })
    asKnownOn?: Date | null,
  ): Promise<number | null> {
    const date = asOf ?? toLocalDate(new Date());
    return (await loaders.statusAsOf.load({ args: { date, asKnownOn: asKnownOn ?? null }, id: commitment.id }))?.score ?? null;
  }
}
