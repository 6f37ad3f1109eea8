import { ComplianceScore } from '../../compliance/api/compliance.type';
import { toGlobalId } from '../../relay/global-id';
import { toStatusCounts } from '../../stats/api/stats.mapper';
import { TimelineGroupBy } from '../timeline.commands';
import type { StatusTimelineRow, TimelinePoint as PointRow } from '../timeline.service';
import { StatusTimeline, StatusTimelineGroup, TimelinePoint } from './timeline.type';

const NODE_TYPES: Record<TimelineGroupBy, string | undefined> = {
  [TimelineGroupBy.PARTNERSHIP]: 'Partnership',
  [TimelineGroupBy.PILLAR]: 'Pillar',
  [TimelineGroupBy.NONE]: undefined,
};

const toPoint = ({ periodStart, asOf, counts, compliance }: PointRow): TimelinePoint =>
  Object.assign(new TimelinePoint(), { periodStart, asOf, counts: toStatusCounts(counts), compliance: Object.assign(new ComplianceScore(), compliance) });

export function toStatusTimeline(row: StatusTimelineRow): StatusTimeline {
  const nodeType = NODE_TYPES[row.groupBy];
  return Object.assign(new StatusTimeline(), {
    interval: row.interval,
    groupBy: row.groupBy,
    asKnownOn: row.asKnownOn,
    points: row.points.map(toPoint),
    groups: row.groups.map((group) =>
      Object.assign(new StatusTimelineGroup(), {
        key: group.key,
        label: group.label,
        nodeId: nodeType && group.nodeId !== null ? toGlobalId(nodeType, group.nodeId) : null,
        points: group.points.map(toPoint),
      }),
    ),
  });
}
