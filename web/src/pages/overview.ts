import { graphql } from '../api';
import { countCells, countHeaders, legend, statusBar } from '../bars';
import { dataTable, h, replaceChildren } from '../dom';
import { COUNTS_FIELDS, levelLabel, percent, percentage, type StatusCounts } from '../format';
import { watchCommitments, announce } from '../live';
import { load } from '../page';

export const STALE_DAYS = 365;

const QUERY = `query Overview($staleDays: Int!) {
  partnerships { id slug name level parties { name } overdueCount staleCount(days: $staleDays) statusCounts { ${COUNTS_FIELDS} } }
  compliance(groupBy: PARTNERSHIP) { groups { key score { percentage scored } } }
}`;

interface OverviewData {
  partnerships: { id: string; slug: string; name: string; level: string; parties: { name: string }[]; overdueCount: number; staleCount: number; statusCounts: StatusCounts }[];
  compliance: { groups: { key: string; score: { percentage: number | null; scored: number } }[] };
}

export function overviewPage(main: HTMLElement) {
  document.title = 'Partnerships · Commitment tracker';
  const render = async () => {
    const data = await graphql<OverviewData>(QUERY, { staleDays: STALE_DAYS });
    const compliance = new Map(data.compliance.groups.map((group) => [group.key, group.score.percentage]));
    replaceChildren(
      main,
      h('h1', {}, 'Partnerships'),
      h('p', { class: 'lede' }, 'Whether each partnership is keeping its commitments: follow-through is the share completed or partially completed; compliance is the G7/G20 Research Group score (0–100%).'),
      h(
        'ul',
        { class: 'cards', 'aria-label': 'Partnerships' },
        data.partnerships.map((partnership) =>
          h(
            'li',
            { class: 'card', 'data-slug': partnership.slug },
            h('h2', {}, h('a', { href: `/partnerships/${encodeURIComponent(partnership.slug)}` }, partnership.name)),
            h('p', { class: 'level' }, levelLabel(partnership.level), ' · ', partnership.parties.map((party) => party.name).join(', ')),
            h(
              'dl',
              { class: 'figures' },
              h('div', {}, h('dt', {}, 'Follow-through'), h('dd', { 'data-field': 'followThrough' }, percent(partnership.statusCounts.followThroughRate))),
              h('div', {}, h('dt', {}, 'Compliance'), h('dd', { 'data-field': 'compliance' }, percentage(compliance.get(partnership.slug)))),
              h('div', {}, h('dt', {}, 'Overdue'), h('dd', { 'data-field': 'overdue' }, partnership.overdueCount)),
              h('div', {}, h('dt', {}, `Stale > ${STALE_DAYS} days`), h('dd', { 'data-field': 'stale' }, partnership.staleCount)),
              h('div', {}, h('dt', {}, 'Commitments'), h('dd', { 'data-field': 'total' }, partnership.statusCounts.total)),
            ),
            statusBar(partnership.statusCounts),
          ),
        ),
      ),
      legend(),
      dataTable(
        'Commitments per status',
        ['Partnership', ...countHeaders(), 'Total'],
        data.partnerships.map((partnership) => [partnership.name, ...countCells(partnership.statusCounts), partnership.statusCounts.total]),
        { id: 'status-table' },
      ),
    );
  };
  void load(main, render);
  watchCommitments(null, (changed) => {
    announce(`Updated: “${changed.title}” changed.`);
    void load(main, render);
  });
}
