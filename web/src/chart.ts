// The follow-through series as a uPlot line chart, with the same numbers in a table for those who cannot see it.
import uPlot from 'uplot';
import { dataTable, h } from './dom';
import { percent } from './format';

export interface SeriesPoint {
  periodStart: string;
  asOf: string;
  followThroughRate: number | null;
  completionRate: number | null;
  counts: { total: number };
}

const toSeconds = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;
const asPercent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

export function followThroughChart(points: SeriesPoint[]): HTMLElement {
  const plot = h('div', { class: 'chart', 'aria-hidden': 'true' });
  const figure = h(
    'figure',
    { class: 'chart-figure' },
    h('figcaption', {}, 'Follow-through and completion, month by month (the numbers are in the table below)'),
    plot,
    dataTable(
      'Follow-through by month',
      ['Month', 'Follow-through', 'Completion', 'Commitments'],
      points.map((point) => [point.periodStart.slice(0, 7), percent(point.followThroughRate), percent(point.completionRate), point.counts.total]),
      { id: 'timeline-table' },
    ),
  );
  const data: uPlot.AlignedData = [
    points.map((point) => toSeconds(point.periodStart)),
    points.map((point) => asPercent(point.followThroughRate)),
    points.map((point) => asPercent(point.completionRate)),
  ];
  // Drawn once the figure is in the page, when its width is known; redrawn at the new width on resize.
  requestAnimationFrame(() => {
    if (!plot.isConnected) return;
    const chart = new uPlot(
      {
        width: plot.clientWidth,
        height: 220,
        scales: { y: { range: [0, 100] } },
        axes: [{}, { values: (_u, values) => values.map((value) => `${value}%`) }],
        series: [
          {},
          { label: 'Follow-through %', stroke: '#1b6e3a', width: 2 },
          { label: 'Completion %', stroke: '#3557a8', width: 2, dash: [6, 4] },
        ],
      },
      data,
      plot,
    );
    const resize = new ResizeObserver(() => {
      if (!plot.isConnected) return resize.disconnect();
      chart.setSize({ width: plot.clientWidth, height: 220 });
    });
    resize.observe(plot);
  });
  return figure;
}
