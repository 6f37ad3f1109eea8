// The partnership's commitment table: filters, sort and page live in the URL's query string, so that a view
// can be bookmarked, shared and returned to with Back.
import { dataTable, h, replaceChildren } from '../dom';
import { dateLabel, STATUSES, STATUS_LABELS, statusLabel } from '../format';
import { statusBadge } from '../page';

export const PAGE_SIZE = 20;

export interface TableState {
  status?: string;
  pillar?: string;
  actor?: string;
  overdue?: boolean;
  q?: string;
  sort?: string;
  dir?: 'ASC' | 'DESC';
  after?: string;
  before?: string;
}

export interface CommitmentRow {
  slug: string;
  title: string;
  status: string;
  statusSince: string;
  deadline: { date: string; precision: string } | null;
  pillar: { name: string };
  actors: { role: string; actor: { name: string } }[];
}

export interface CommitmentPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  nodes: CommitmentRow[];
}

export const COMMITMENT_PAGE_FIELDS = `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  nodes { slug title status statusSince deadline { date precision } pillar { name } actors { role actor { name } } }`;

export const SORTABLE: Record<string, string> = { TITLE: 'Commitment', STATUS_SINCE: 'Status since', DEADLINE: 'Deadline' };

export function readState(search = location.search): TableState {
  const params = new URLSearchParams(search);
  const text = (name: string) => params.get(name) || undefined;
  const dir = params.get('dir');
  return {
    status: text('status'),
    pillar: text('pillar'),
    actor: text('actor'),
    overdue: params.get('overdue') === '1' || undefined,
    q: text('q'),
    sort: text('sort'),
    dir: dir === 'ASC' || dir === 'DESC' ? dir : undefined,
    after: text('after'),
    before: text('before'),
  };
}

export function writeState(state: TableState): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(state)) {
    if (value === undefined || value === false || value === '') continue;
    params.set(name, value === true ? '1' : String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : location.pathname;
}

/** The variables of Partnership.commitments for a state. */
export function tableVariables(state: TableState): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (state.status) filter.status = [state.status];
  if (state.pillar) filter.pillarId = state.pillar;
  if (state.actor) filter.actorId = state.actor;
  if (state.overdue) filter.overdue = true;
  if (state.q) filter.search = state.q;
  return {
    filter,
    order: state.sort ? { field: state.sort, direction: state.dir ?? 'ASC' } : null,
    ...(state.before ? { last: PAGE_SIZE, before: state.before, first: null, after: null } : { first: PAGE_SIZE, after: state.after ?? null, last: null, before: null }),
  };
}

interface Options {
  pillars: { id: string; name: string }[];
  actors: { id: string; name: string }[];
  /** Called with the new state; the caller puts it in the URL and loads it. */
  go: (state: TableState) => void;
}

function select(name: string, label: string, value: string | undefined, options: [string, string][]): HTMLElement {
  return h(
    'label',
    {},
    label,
    h('select', { name }, h('option', { value: '' }, 'All'), options.map(([optionValue, text]) => h('option', { value: optionValue, selected: optionValue === value }, text))),
  );
}

export function filterForm(state: TableState, { pillars, actors, go }: Options): HTMLFormElement {
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter commitments' },
    select('status', 'Status', state.status, STATUSES.map((status) => [status, STATUS_LABELS[status]])),
    select('pillar', 'Pillar', state.pillar, pillars.map((pillar) => [pillar.id, pillar.name])),
    select('actor', 'Actor', state.actor, actors.map((actor) => [actor.id, actor.name])),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'overdue', checked: state.overdue }), 'Overdue only'),
    h('label', {}, 'Text', h('input', { type: 'search', name: 'q', value: state.q, maxlength: 200 })),
    h('button', { type: 'submit' }, 'Apply'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const fields = new FormData(form);
    const text = (name: string) => (fields.get(name) as string | null)?.trim() || undefined;
    go({ status: text('status'), pillar: text('pillar'), actor: text('actor'), overdue: fields.get('overdue') === 'on' || undefined, q: text('q'), sort: state.sort, dir: state.dir });
  });
  return form;
}

export function renderTable(region: HTMLElement, page: CommitmentPage, state: TableState, go: (state: TableState) => void): void {
  const sortHeader = (field: string) => {
    const active = state.sort === field;
    const next: 'ASC' | 'DESC' = active && state.dir !== 'DESC' ? 'DESC' : 'ASC';
    return h('button', { type: 'button', class: 'sort', 'data-sort': field, onclick: () => go({ ...state, sort: field, dir: next, after: undefined, before: undefined }) }, SORTABLE[field], active ? (state.dir === 'DESC' ? ' ↓' : ' ↑') : '');
  };
  const table = dataTable(
    `Commitments (${page.totalCount})`,
    [],
    page.nodes.map((row) => [
      h('a', { href: `/commitments/${encodeURIComponent(row.slug)}` }, row.title),
      statusBadge(row.status, statusLabel(row.status)),
      row.pillar.name,
      row.actors.map((actor) => actor.actor.name).join(', ') || '–',
      dateLabel(row.deadline?.date, row.deadline?.precision),
      row.statusSince,
    ]),
    { id: 'commitment-table' },
  );
  const headRow = table.querySelector('thead tr')!;
  const direction = (field: string) => (state.sort === field ? (state.dir === 'DESC' ? 'descending' : 'ascending') : null);
  replaceChildren(
    headRow as HTMLElement,
    h('th', { scope: 'col', 'aria-sort': direction('TITLE') }, sortHeader('TITLE')),
    h('th', { scope: 'col' }, 'Status'),
    h('th', { scope: 'col' }, 'Pillar'),
    h('th', { scope: 'col' }, 'Actors'),
    h('th', { scope: 'col', 'aria-sort': direction('DEADLINE') }, sortHeader('DEADLINE')),
    h('th', { scope: 'col', 'aria-sort': direction('STATUS_SINCE') }, sortHeader('STATUS_SINCE')),
  );
  const pager = h(
    'nav',
    { class: 'pager', 'aria-label': 'Pages of commitments' },
    page.pageInfo.hasPreviousPage || state.after
      ? h('button', { type: 'button', rel: 'prev', onclick: () => go({ ...state, after: undefined, before: page.pageInfo.startCursor ?? undefined }) }, '← Previous')
      : null,
    h('span', { class: 'count', 'aria-live': 'polite' }, page.nodes.length ? `${page.nodes.length} of ${page.totalCount} shown` : `None of ${page.totalCount} match`),
    page.pageInfo.hasNextPage || state.before
      ? h('button', { type: 'button', rel: 'next', onclick: () => go({ ...state, before: undefined, after: page.pageInfo.endCursor ?? undefined }) }, 'Next →')
      : null,
  );
  replaceChildren(region, table, page.nodes.length ? null : h('p', {}, 'No commitment matches these filters.'), pager);
}
