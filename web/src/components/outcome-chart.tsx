import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import type { StatsRow } from '../api/types.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

const UPHELD = '#5b6b82';
const OVERTURNED = '#d9822b';

/**
 * Upheld and overturned items per group, stacked (bars), or over time
 * (items as bars, the overturned share as a line). The same numbers are in
 * a table beside each chart for those who cannot see it.
 */
export function OutcomeChart(props: { rows: StatsRow[]; label: string; kind: 'bars' | 'timeline'; labelOf?: (key: string | null) => string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const labels = props.rows.map((r) => (props.labelOf ? props.labelOf(r.key) : (r.key ?? '(none)')));
    const config: ChartConfiguration<'bar' | 'line'> =
      props.kind === 'bars'
        ? {
            type: 'bar',
            data: {
              labels,
              datasets: [
                { label: 'Upheld', data: props.rows.map((r) => r.upheld), backgroundColor: UPHELD },
                { label: 'Overturned', data: props.rows.map((r) => r.overturned), backgroundColor: OVERTURNED },
              ],
            },
            options: {
              indexAxis: 'y',
              animation: false,
              maintainAspectRatio: false,
              scales: { x: { stacked: true, title: { display: true, text: 'disputed items' } }, y: {
                  stacked: true,
                  ticks: {
                    autoSkip: false,
                    // Long guideline names are cut on the axis; the tooltip and the table give them whole.
                    callback(value) {
                      const l = String(this.getLabelForValue(Number(value)));
                      return l.length > 34 ? `${l.slice(0, 33)}…` : l;
                    },
                  },
                },
              },
              plugins: { legend: { position: 'bottom' } },
            },
          }
        : {
            type: 'bar',
            data: {
              labels,
              datasets: [
                { type: 'bar', label: 'Items decided', data: props.rows.map((r) => r.items), backgroundColor: '#c5d3e8', yAxisID: 'items' },
                { type: 'line', label: 'Overturned %', data: props.rows.map((r) => (r.items ? Math.round((1000 * r.overturned) / r.items) / 10 : null)), borderColor: OVERTURNED, backgroundColor: OVERTURNED, yAxisID: 'pct', tension: 0.2, spanGaps: false },
              ],
            },
            options: {
              animation: false,
              maintainAspectRatio: false,
              scales: {
                items: { position: 'left', title: { display: true, text: 'items' }, beginAtZero: true },
                pct: { position: 'right', min: 0, max: 100, title: { display: true, text: 'overturned %' }, grid: { drawOnChartArea: false } },
              },
              plugins: { legend: { position: 'bottom' } },
            },
          };
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [props.rows, props.kind]);
  const height = props.kind === 'bars' ? Math.max(160, 28 * props.rows.length + 70) : 280;
  return (
    <div class="chart" style={{ height: `${height}px` }}>
      <canvas ref={canvas} role="img" aria-label={props.label} data-points={String(props.rows.length)} />
    </div>
  );
}
