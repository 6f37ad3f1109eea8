import type { StatusCountsRow } from '../../db/status-counts';
import { toGlobalId } from '../../relay/global-id';
import { CommitmentGroupBy } from '../stats.commands';
import type { CommitmentStatsRow } from '../stats.service';
import { CommitmentStats, CommitmentStatsGroup, StatusCounts } from './stats.type';

/** The type of node a group's id names, for the groupings whose groups are nodes. */
const NODE_TYPES: Partial<Record<CommitmentGroupBy, string>> = {
  [CommitmentGroupBy.PARTNERSHIP]: 'Partnership',
  [CommitmentGroupBy.PILLAR]: 'Pillar',
  [CommitmentGroupBy.ACTOR]: 'Actor',
};

export const toStatusCounts = (row: StatusCountsRow): StatusCounts => Object.assign(new StatusCounts(), row);

export function toCommitmentStats({ groupBy, overall, groups }: CommitmentStatsRow): CommitmentStats {
  const nodeType = NODE_TYPES[groupBy];
  return Object.assign(new CommitmentStats(), {
    groupBy,
    overall: toStatusCounts(overall),
    groups: groups.map((group) =>
      Object.assign(new CommitmentStatsGroup(), {
        key: group.key,
        label: group.label,
        nodeId: nodeType && group.nodeId !== null ? toGlobalId(nodeType, group.nodeId) : null,
        counts: toStatusCounts(group.counts),
      }),
    ),
  });
}
