import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'preact/hooks';
import { ChartCanvas } from './chart-canvas.tsx';
import { ACTIONS, type MinuteBuckets } from './chart-data.ts';

// The page's palette (console.css): readable on white, told apart by more than colour (legend,
// tables).
const COLOURS = { APPROVE: '#166534', STEP_UP: '#b45309', DENY: '#b91c1c' } as const;
// Told apart by dash as well as colour.
const LINES = [
  { p: 'p50', colour: '#1d4ed8', dash: [] },
  { p: 'p95', colour: '#7c3aed', dash: [6, 3] },
  { p: 'p99', colour: '#b91c1c', dash: [2, 2] },
] as const;
const BASE = { animation: false, responsive: true, maintainAspectRatio: false } as const;

/** Decisions per minute by action, stacked. */
export function ActionMixChart(props: { readonly buckets: MinuteBuckets }) {
  const { buckets } = props;
  const config = useMemo(
    (): ChartConfiguration<'bar'> => ({
      type: 'bar',
      data: {
        labels: [...buckets.labels],
        datasets: ACTIONS.map((a) => ({
          label: a,
          data: [...buckets.actions[a]],
          backgroundColor: COLOURS[a],
        })),
      },
      options: {
        ...BASE,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } },
      },
    }),
    [buckets],
  );
  return (
    <figure class="chart">
      <figcaption id="mix-caption">Action mix per minute (UTC)</figcaption>
      <ChartCanvas config={config} label="Bar chart: decisions per minute by action" />
      <DataTable
        caption="Action mix per minute"
        head={['Minute', ...ACTIONS]}
        rows={buckets.labels.map((l, i) => [l, ...ACTIONS.map((a) => buckets.actions[a][i] ?? 0)])}
      />
    </figure>
  );
}

/** p50 / p95 / p99 of latencyMs per minute. */
export function LatencyChart(props: { readonly buckets: MinuteBuckets }) {
  const { buckets } = props;
  const config = useMemo(
    (): ChartConfiguration<'line'> => ({
      type: 'line',
      data: {
        labels: [...buckets.labels],
        datasets: LINES.map((line) => ({
          label: `${line.p} ms`,
          data: [...buckets.latency[line.p]],
          borderColor: line.colour,
          backgroundColor: line.colour,
          borderDash: [...line.dash],
        })),
      },
      options: { ...BASE, scales: { y: { beginAtZero: true } } },
    }),
    [buckets],
  );
  const ms = (v: number | null | undefined) => (v === null || v === undefined ? '–' : v.toFixed(1));
  return (
    <figure class="chart">
      <figcaption>Added latency per minute: p50, p95, p99 (ms)</figcaption>
      <ChartCanvas config={config} label="Line chart: latency percentiles per minute" />
      <DataTable
        caption="Latency percentiles per minute (ms)"
        head={['Minute', 'p50', 'p95', 'p99']}
        rows={buckets.labels.map((l, i) => [
          l,
          ms(buckets.latency.p50[i]),
          ms(buckets.latency.p95[i]),
          ms(buckets.latency.p99[i]),
        ])}
      />
    </figure>
  );
}

/** The reason codes that triggered on the most decisions. */
export function TopReasonsChart(props: {
  readonly reasons: readonly { readonly code: string; readonly decisions: number }[];
}) {
  const { reasons } = props;
  const config = useMemo(
    (): ChartConfiguration<'bar'> => ({
      type: 'bar',
      data: {
        labels: reasons.map((r) => r.code),
        datasets: [
          { label: 'decisions', data: reasons.map((r) => r.decisions), backgroundColor: '#1d4ed8' },
        ],
      },
      options: { ...BASE, indexAxis: 'y', plugins: { legend: { display: false } } },
    }),
    [reasons],
  );
  return (
    <figure class="chart">
      <figcaption>Top reasons (decisions they triggered on)</figcaption>
      <ChartCanvas config={config} label="Bar chart: top reason codes" />
      <DataTable
        caption="Top reasons"
        head={['Reason', 'Decisions']}
        rows={reasons.map((r) => [r.code, r.decisions])}
      />
    </figure>
  );
}

function DataTable(props: {
  readonly caption: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}) {
  return (
    <details>
      <summary>Numbers</summary>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={String(row[0])}>
              {row.map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
