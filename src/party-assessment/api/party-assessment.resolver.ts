import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { authenticated } from '../../auth/viewer';
import { toCommitment } from '../../commitment/api/commitment.mapper';
import { Commitment } from '../../commitment/api/commitment.type';
import { mutate } from '../../common/api/payload';
import { Role } from '../../common/enums';
import { Country } from '../../country/api/country.type';
import type { GraphQLContext } from '../../graphql/context';
import { AssessPartyInput } from './party-assessment.input';
import { assessPartyCommand, toPartyAssessment } from './party-assessment.mapper';
import { AssessPartyPayload } from './party-assessment.payload';
import { PartyAssessment } from './party-assessment.type';

@Resolver(() => PartyAssessment)
export class PartyAssessmentResolver {
  @Authorized(Role.EDITOR)
  @Mutation(() => AssessPartyPayload, {
    description:
      'Records one party\'s own assessment of a commitment (its status and compliance score for that party) beside the joint status, which stays; ' +
      'sets lastAssessedAt and bumps the version. Compliance by country counts it for that party. Editors and admins.',
  })
  assessParty(
    @Ctx() { services, viewer }: GraphQLContext,
    @Arg('input', () => AssessPartyInput, { validate: false, description: 'The assessment.' }) input: AssessPartyInput,
  ): Promise<AssessPartyPayload> {
    return mutate(AssessPartyPayload, input, async () => {
      const rows = await services.partyAssessmentWrites.assess(authenticated(viewer), assessPartyCommand(input));
      return { commitment: toCommitment(rows.commitment), partyAssessment: toPartyAssessment(rows.partyAssessment) };
    });
  }

  @FieldResolver(() => Country, { description: 'The party assessed.' })
  async country(@Root() assessment: PartyAssessment, @Ctx() { loaders }: GraphQLContext): Promise<Country> {
    return (await loaders.country.load(assessment.countryCode))!;
  }
}

@Resolver(() => Commitment)
export class CommitmentPartyAssessmentResolver {
  @FieldResolver(() => [PartyAssessment], {
    description:
      'Each party\'s current (latest) own assessment, by country code; parties never assessed on their own are left out and share the joint status. ' +
      'Compliance by country (compliance(groupBy: COUNTRY)) scores a party by its assessment where it has one.',
  })
  partyAssessments(@Root() commitment: Commitment, @Ctx() { loaders }: GraphQLContext): Promise<PartyAssessment[]> {
    return loaders.partyAssessmentsOfCommitment.load(commitment.id);
  }

  @FieldResolver(() => [PartyAssessment], { description: 'Every party assessment ever recorded for the commitment, newest first (append-only).' })
  partyAssessmentHistory(@Root() commitment: Commitment, @Ctx() { loaders }: GraphQLContext): Promise<PartyAssessment[]> {
    return loaders.partyAssessmentHistoryOfCommitment.load(commitment.id);
  }
}
