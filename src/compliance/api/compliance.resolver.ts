import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { CommitmentFilter } from '../../commitment/api/commitment.input';
import type { GraphQLContext } from '../../graphql/context';
import { DateTimeScalar, LocalDateScalar } from '../../graphql/scalars';
import { COMPLIANCE_RULES } from '../../db/compliance';
import { ComplianceGroupBy } from '../compliance.model';
import { ComplianceReport, toComplianceReport } from './compliance.type';
import { decodeCommitmentFilter } from '../../commitment/api/commitment-filter.decoder';

@Resolver(() => ComplianceReport)
export class ComplianceResolver {
  @Query(() => ComplianceReport, {
    description: `Compliance scores of the commitments a filter selects, as of a day, overall and per partnership, pillar or party. ${COMPLIANCE_RULES}`,
  })
  async compliance(
    @Ctx() { services }: GraphQLContext,
    @Arg('filter', () => CommitmentFilter, {
      nullable: true,
      description: 'Which commitments to score, as in `commitments`; all non-archived ones by default. With asOf, conditions on the status, overdue and staleness apply as of that day.',
    })
    filter: CommitmentFilter | null | undefined,
    @Arg('groupBy', () => ComplianceGroupBy, { defaultValue: ComplianceGroupBy.NONE, description: 'How to group the scores; NONE by default.' })
    groupBy: ComplianceGroupBy,
    @Arg('asOf', () => LocalDateScalar, {
      nullable: true,
      description: 'Score the commitments as they stood at the end of this day (statuses from the history, deadlines passed by then; commitments announced later left out). Today (UTC) by default.',
    })
    asOf: string | null | undefined,
    @Arg('asKnownOn', () => DateTimeScalar, { nullable: true, description: 'Count only the history recorded by this moment. All of it by default.' })
    asKnownOn: Date | null | undefined,
  ): Promise<ComplianceReport> {
    return toComplianceReport(await services.compliance.report(decodeCommitmentFilter(filter), groupBy, asOf, asKnownOn));
  }
}
