// Follow-through statistics. Every count honours the same filter compiler as the lists; the counting itself
// is SQL in src/db/stats.sql.ts.
import { compileCommitmentFilter, type CommitmentFilterQuery, filterUsesOnly } from '../db/commitment-filter';
import { commitmentsAsOf } from '../db/as-of';
import type { PrismaClient } from '../db/prisma';
import { countCommitments, countCommitmentsByGroup, countCommitmentsOfParents, type CountedCommitments } from '../db/stats.sql';
import { type StatusCountsRow, statusCountsOf } from '../db/status-counts';
import { CommitmentGroupBy, type CommitmentStatsCommand } from './stats.commands';

export interface StatsGroupRow {
  key: string;
  label: string;
  /** The database id of the partnership, pillar or actor the group stands for; null for other groupings. */
  nodeId: number | null;
  counts: StatusCountsRow;
}

export interface CommitmentStatsRow {
  groupBy: CommitmentGroupBy;
  overall: StatusCountsRow;
  groups: StatsGroupRow[];
}

/** "PARTIALLY_COMPLETED" → "Partially completed" (execution/stats-sql.ts writes the same in SQL). */
const statusLabel = (status: string) => status.charAt(0) + status.slice(1).toLowerCase().replaceAll('_', ' ');

/**
 * The commitments a command counts: with `asOf` (a LocalDate), as they stood that day (statuses then, those
 * announced later left out). BAD_USER_INPUT for a bad filter. The compiled path counts the same ones.
 */
export function countedCommitments({ filter, asOf }: Pick<CommitmentStatsCommand, 'filter' | 'asOf'>): CountedCommitments {
  return { where: compileCommitmentFilter(filter, asOf ?? undefined), from: asOf ? commitmentsAsOf({ date: asOf }) : null, date: asOf ?? undefined };
}

export class StatsService {
  constructor(private readonly prisma: PrismaClient) {}

  /** With `asOf` (a LocalDate), the commitments as they stood that day: statuses then, those announced later left out. */
  async commitmentStats({ filter, groupBy, asOf }: CommitmentStatsCommand): Promise<CommitmentStatsRow> {
    const commitments = countedCommitments({ filter, asOf });
    if (groupBy === CommitmentGroupBy.NONE) {
      const overall = statusCountsOf(await countCommitments(this.prisma, commitments));
      return { groupBy, overall, groups: [{ key: 'all', label: 'All commitments', nodeId: null, counts: overall }] };
    }
    const { overall, groups } = await countCommitmentsByGroup(this.prisma, groupBy, commitments);
    return {
      groupBy,
      overall: statusCountsOf(overall),
      groups: groups.map((row) => ({
        key: row.key,
        label: groupBy === CommitmentGroupBy.STATUS ? statusLabel(row.label) : row.label,
        nodeId: row.nodeId,
        counts: statusCountsOf(row),
      })),
    };
  }

  /** Status counts of the commitments of each partnership or pillar, in the order of `parentIds`, in one statement. */
  async statusCountsOf(scope: 'partnership' | 'pillar', parentIds: readonly number[], filter: CommitmentFilterQuery | undefined): Promise<StatusCountsRow[]> {
    // Unfiltered (the dashboard) reads the trigger-kept counts.
    const rows = await countCommitmentsOfParents(this.prisma, scope, parentIds, filterUsesOnly(filter) ? null : compileCommitmentFilter(filter));
    const byParent = new Map(rows.map((row) => [row.parentId, row]));
    return parentIds.map((id) => statusCountsOf(byParent.get(id)));
  }
}
