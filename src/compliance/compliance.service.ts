// Compliance scores, computed by PostgreSQL: each selected commitment is scored as of the day (its status
// then, its deadline against that day) and the scores are rolled up with GROUPING SETS, so the overall score
// and the groups' come from one statement and no commitment row is loaded into Node (src/db/compliance.ts).
import { toLocalDate } from '../common/dates';
import { commitmentsAsOf } from '../db/as-of';
import { compileCommitmentFilter, type CommitmentFilterQuery } from '../db/commitment-filter';
import { type ComplianceCountsRow, scoreCommitments, scoreCommitmentsByGroup } from '../db/compliance';
import type { PrismaClient } from '../db/prisma';
import { ComplianceGroupBy, type ComplianceReportRow, type ComplianceScoreRow } from './compliance.model';

const NODE_TYPES: Partial<Record<ComplianceGroupBy, 'Partnership' | 'Pillar'>> = { PARTNERSHIP: 'Partnership', PILLAR: 'Pillar' };

const toScore = (row: ComplianceCountsRow | undefined): ComplianceScoreRow => ({
  scored: row?.scored ?? 0,
  compliant: row?.compliant ?? 0,
  neutral: row?.neutral ?? 0,
  nonCompliant: row?.nonCompliant ?? 0,
  averageScore: row?.averageScore ?? null,
  percentage: row?.percentage ?? null,
});

export class ComplianceService {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Scores as of `asOf` (today, in UTC, by default) with what had been recorded by `asKnownOn` (everything
   * by default). Today with everything recorded reads the commitments' current status; any other point reads
   * the history.
   */
  async report(
    filter: CommitmentFilterQuery | undefined,
    groupBy: ComplianceGroupBy,
    asOf: string | null | undefined,
    asKnownOn: Date | null | undefined,
  ): Promise<ComplianceReportRow> {
    const date = asOf ?? toLocalDate(new Date());
    const commitments = {
      from: asOf != null || asKnownOn ? commitmentsAsOf({ date, asKnownOn }) : null,
      where: compileCommitmentFilter(filter, date),
      date,
      asKnownOn,
    };
    if (groupBy === ComplianceGroupBy.NONE) {
      const overall = toScore(await scoreCommitments(this.prisma, commitments));
      return { asOf: date, groupBy, overall, groups: [{ key: 'all', label: 'All commitments', node: null, score: overall }] };
    }
    const { overall, groups } = await scoreCommitmentsByGroup(this.prisma, commitments, groupBy);
    const nodeType = NODE_TYPES[groupBy];
    return {
      asOf: date,
      groupBy,
      overall: toScore(overall),
      groups: groups.map((row) => ({
        key: row.key,
        label: row.label,
        node: nodeType && row.nodeId !== null ? { type: nodeType, id: row.nodeId } : null,
        score: toScore(row),
      })),
    };
  }
}
