// The stacked status bar and the table of its numbers (the bar's text alternative).
import { h } from './dom';
import { COUNT_FIELDS, STATUSES, STATUS_LABELS, type StatusCounts } from './format';

export function describeCounts(counts: StatusCounts): string {
  const parts = STATUSES.filter((status) => counts[COUNT_FIELDS[status]]).map((status) => `${counts[COUNT_FIELDS[status]]} ${STATUS_LABELS[status].toLowerCase()}`);
  return `${counts.total} commitments${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

export function statusBar(counts: StatusCounts): HTMLElement {
  const total = counts.total || 1;
  return h(
    'div',
    { class: 'bar', role: 'img', 'aria-label': describeCounts(counts) },
    STATUSES.map((status) => {
      const count = counts[COUNT_FIELDS[status]] as number;
      return count ? h('span', { class: `s-${status}`, style: `width:${(count / total) * 100}%`, title: `${STATUS_LABELS[status]}: ${count}` }) : null;
    }),
  );
}

export function legend(): HTMLElement {
  return h('ul', { class: 'legend', 'aria-hidden': 'true' }, STATUSES.map((status) => h('li', {}, h('span', { class: `swatch s-${status}` }), STATUS_LABELS[status])));
}

export function countCells(counts: StatusCounts): number[] {
  return STATUSES.map((status) => counts[COUNT_FIELDS[status]] as number);
}

export const countHeaders = () => STATUSES.map((status) => STATUS_LABELS[status]);
