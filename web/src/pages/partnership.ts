import { graphql } from '../api';
import { countCells, countHeaders, legend, statusBar } from '../bars';
import { followThroughChart, type SeriesPoint } from '../chart';
import { dataTable, h, replaceChildren } from '../dom';
import { COUNTS_FIELDS, dateLabel, levelLabel, percent, type StatusCounts } from '../format';
import { announce, watchCommitments } from '../live';
import { load, notFound } from '../page';
import { COMMITMENT_PAGE_FIELDS, filterForm, readState, renderTable, tableVariables, writeState, type CommitmentPage, type TableState } from './commitment-table';

export const TIMELINE_MONTHS = 24;

const TABLE_ARGS = 'filter: $filter, orderBy: $order, first: $first, after: $after, last: $last, before: $before';
const TABLE_VARS = '$filter: CommitmentFilter, $order: CommitmentOrder, $first: Int, $after: String, $last: Int, $before: String';

// The whole page in one request. The timeline is grouped by partnership and this one's group picked by its
// slug (the group key), since the page knows the slug and not yet the ID a filter would need.
const QUERY = `query Partnership($slug: String!, $from: LocalDate!, $to: LocalDate!, ${TABLE_VARS}) {
  partnership(slug: $slug) {
    id slug name level description parties { name } overdueCount statusCounts { ${COUNTS_FIELDS} }
    milestones { kind level occurredOn occurredPrecision title }
    pillars { id slug name overdueCount statusCounts { ${COUNTS_FIELDS} } }
    commitments(${TABLE_ARGS}) { ${COMMITMENT_PAGE_FIELDS} }
  }
  actors(first: 100) { nodes { id name } }
  statusTimeline(from: $from, to: $to, interval: MONTH, groupBy: PARTNERSHIP) {
    groups { key points { periodStart asOf followThroughRate completionRate counts { total } } }
  }
}`;

const TABLE_QUERY = `query PartnershipCommitments($slug: String!, ${TABLE_VARS}) {
  partnership(slug: $slug) { commitments(${TABLE_ARGS}) { ${COMMITMENT_PAGE_FIELDS} } }
}`;

interface Pillar {
  id: string;
  slug: string;
  name: string;
  overdueCount: number;
  statusCounts: StatusCounts;
}

interface PartnershipData {
  partnership: {
    id: string;
    slug: string;
    name: string;
    level: string;
    description: string | null;
    parties: { name: string }[];
    overdueCount: number;
    statusCounts: StatusCounts;
    milestones: { kind: string; level: string | null; occurredOn: string; occurredPrecision: string; title: string }[];
    pillars: Pillar[];
    commitments: CommitmentPage;
  } | null;
  actors: { nodes: { id: string; name: string }[] };
  statusTimeline: { groups: { key: string; points: SeriesPoint[] }[] };
}

/** The first day of the month `months - 1` months before today's, and today (UTC). */
export function timelineRange(today = new Date()): { from: string; to: string } {
  const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - (TIMELINE_MONTHS - 1), 1));
  return { from: from.toISOString().slice(0, 10), to: today.toISOString().slice(0, 10) };
}

function levelHistory(milestones: NonNullable<PartnershipData['partnership']>['milestones']): HTMLElement {
  return h(
    'ol',
    { class: 'milestones', id: 'level-history' },
    milestones.map((milestone) =>
      h(
        'li',
        {},
        h('time', { datetime: milestone.occurredOn }, dateLabel(milestone.occurredOn, milestone.occurredPrecision)),
        ' ',
        h('strong', {}, milestone.level ? levelLabel(milestone.level) : milestone.title),
        milestone.level ? ` — ${milestone.title}` : '',
      ),
    ),
  );
}

function pillarList(pillars: Pillar[]): HTMLElement[] {
  return [
    h(
      'ul',
      { class: 'pillars', id: 'pillars' },
      pillars.map((pillar) =>
        h(
          'li',
          {},
          h('h3', {}, pillar.name),
          h('p', { class: 'figures-inline' }, `Follow-through ${percent(pillar.statusCounts.followThroughRate)} · ${pillar.statusCounts.total} commitments · ${pillar.overdueCount} overdue`),
          statusBar(pillar.statusCounts),
        ),
      ),
    ),
    legend(),
    dataTable('Commitments per status and pillar', ['Pillar', ...countHeaders(), 'Total'], pillars.map((pillar) => [pillar.name, ...countCells(pillar.statusCounts), pillar.statusCounts.total]), { id: 'pillar-table' }),
  ];
}

export function partnershipPage(main: HTMLElement, slug: string) {
  let state: TableState = readState();
  let tableRegion: HTMLElement | undefined;
  let watching = false;
  let options: { pillars: { id: string; name: string }[]; actors: { id: string; name: string }[] } = { pillars: [], actors: [] };

  const go = (next: TableState) => {
    state = next;
    history.pushState(null, '', writeState(state));
    void loadTable();
  };

  const loadTable = () =>
    load(main, async () => {
      const data = await graphql<{ partnership: { commitments: CommitmentPage } | null }>(TABLE_QUERY, { slug, ...tableVariables(state) });
      if (!data.partnership || !tableRegion?.isConnected) return renderAll();
      const form = main.querySelector('form.filters');
      form?.replaceWith(filterForm(state, { ...options, go }));
      renderTable(tableRegion, data.partnership.commitments, state, go);
    });

  const renderAll = async () => {
    const data = await graphql<PartnershipData>(QUERY, { slug, ...timelineRange(), ...tableVariables(state) });
    const partnership = data.partnership;
    if (!partnership) return notFound(main, 'partnership');
    document.title = `${partnership.name} · Commitment tracker`;
    options = { pillars: partnership.pillars, actors: data.actors.nodes };
    const points = data.statusTimeline.groups.find((group) => group.key === partnership.slug)?.points ?? [];
    tableRegion = h('div', { class: 'table-region' });
    replaceChildren(
      main,
      h('p', { class: 'breadcrumb' }, h('a', { href: '/' }, 'Partnerships')),
      h('h1', {}, partnership.name),
      h('p', { class: 'level' }, levelLabel(partnership.level), ' · ', partnership.parties.map((party) => party.name).join(', ')),
      partnership.description ? h('p', { class: 'lede' }, partnership.description) : null,
      h(
        'dl',
        { class: 'figures' },
        h('div', {}, h('dt', {}, 'Follow-through'), h('dd', { 'data-field': 'followThrough' }, percent(partnership.statusCounts.followThroughRate))),
        h('div', {}, h('dt', {}, 'Commitments'), h('dd', { 'data-field': 'total' }, partnership.statusCounts.total)),
        h('div', {}, h('dt', {}, 'Overdue'), h('dd', { 'data-field': 'overdue' }, partnership.overdueCount)),
      ),
      h('section', { 'aria-labelledby': 'h-levels' }, h('h2', { id: 'h-levels' }, 'Level history'), levelHistory(partnership.milestones)),
      h('section', { 'aria-labelledby': 'h-pillars' }, h('h2', { id: 'h-pillars' }, 'Pillars'), pillarList(partnership.pillars)),
      h('section', { 'aria-labelledby': 'h-timeline' }, h('h2', { id: 'h-timeline' }, `Follow-through over the last ${TIMELINE_MONTHS} months`), followThroughChart(points)),
      h('section', { 'aria-labelledby': 'h-commitments' }, h('h2', { id: 'h-commitments' }, 'Commitments'), filterForm(state, { ...options, go }), tableRegion),
    );
    renderTable(tableRegion, partnership.commitments, state, go);
    if (!watching) {
      watching = true;
      watchCommitments({ partnershipId: partnership.id }, (changed) => {
        announce(`Updated: “${changed.title}” changed.`);
        void load(main, renderAll);
      });
    }
  };

  window.addEventListener('popstate', () => {
    state = readState();
    void loadTable();
  });
  void load(main, renderAll);
}
