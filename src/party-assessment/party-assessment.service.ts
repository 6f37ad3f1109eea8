// Reads of party assessments, batched per commitment (the SQL is db/party-assessment.sql.ts).
import { groupByKeys } from '../common/batch';
import { latestPartyAssessmentsOf, partyAssessmentHistoryOf } from '../db/party-assessment.sql';
import type { PrismaClient } from '../db/prisma';
import type { PartyAssessmentRow } from '../db/tables/party-assessment';

export class PartyAssessmentService {
  constructor(private readonly prisma: PrismaClient) {}

  /** Each party's current (latest) assessment, for each commitment, by country code. */
  async latestOf(commitmentIds: readonly number[]): Promise<PartyAssessmentRow[][]> {
    return groupByKeys(commitmentIds, await latestPartyAssessmentsOf(this.prisma, commitmentIds), (row) => row.commitmentId);
  }

  /** Every assessment, newest first, for each commitment. */
  async historyOf(commitmentIds: readonly number[]): Promise<PartyAssessmentRow[][]> {
    return groupByKeys(commitmentIds, await partyAssessmentHistoryOf(this.prisma, commitmentIds), (row) => row.commitmentId);
  }
}
