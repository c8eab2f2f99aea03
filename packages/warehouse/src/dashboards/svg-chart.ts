// Draws one dashboard chart as a standalone SVG (no script, no fonts fetched) for the PNGs in
// docs/img/dashboards/: line, grouped bars (horizontal when labels are long), stacked bars, table.
import type { ChartData, Series } from './chart-data.ts';
import type { ChartSpec } from './dashboards.ts';

const WIDTH = 640;
const HEIGHT = 340;
const PLOT = { left: 64, right: 620, top: 56, bottom: 270 };
const PALETTE = [
  '#2563eb',
  '#f59e0b',
  '#dc2626',
  '#16a34a',
  '#7c3aed',
  '#0891b2',
  '#db2777',
  '#65a30d',
];
const FONT = 'font-family="DejaVu Sans, Arial, sans-serif"';

const escape = (text: string): string =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

const text = (x: number, y: number, content: string, attrs = ''): string =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${FONT} font-size="11" fill="#334155" ${attrs}>${escape(content)}</text>`;

/** The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ) at or above `value`: an axis maximum whose quarters read well. */
export function niceMax(value: number): number {
  if (value <= 0) {
    return 1;
  }
  const power = 10 ** Math.floor(Math.log10(value));
  return (
    ([1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((step) => step * power >= value) ?? 10) * power
  );
}

const format = (value: number): string =>
  Number.isInteger(value) ? value.toLocaleString('en-US') : String(Number(value.toPrecision(3)));

const shown = (value: number | null): string => (value === null ? 'null' : format(value));

/** A date category `2026-11-23` reads `11-23`; others stay as they are. */
const label = (category: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(category) ? category.slice(5) : category;

function axis(max: number): string {
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => {
    const y = PLOT.bottom - share * (PLOT.bottom - PLOT.top);
    return (
      `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#e2e8f0"/>` +
      text(PLOT.left - 6, y + 4, format(max * share), 'text-anchor="end"')
    );
  });
  return ticks.join('');
}

function legend(series: readonly Series[]): string {
  let x = 20;
  return series
    .map((s, i) => {
      const item =
        `<rect x="${x.toFixed(1)}" y="${HEIGHT - 22}" width="10" height="10" fill="${PALETTE[i % PALETTE.length] ?? ''}"/>` +
        text(x + 14, HEIGHT - 13, s.name);
      // Roughly DejaVu Sans at 11 px: capitals and underscores are wider than lower case.
      x += 26 + s.name.length * 6.2 + (s.name.match(/[A-Z_]/g)?.length ?? 0) * 0.9;
      return item;
    })
    .join('');
}

function categoryLabels(categories: readonly string[]): string {
  const step = (PLOT.right - PLOT.left) / categories.length;
  return categories
    .map((c, i) =>
      text(PLOT.left + step * (i + 0.5), PLOT.bottom + 18, label(c), 'text-anchor="middle"'),
    )
    .join('');
}

/** The drawn values: a null (no row) is left out. */
const present = (series: readonly Series[]): number[] =>
  series.flatMap((s) => s.values.filter((v) => v !== null));

function line(categories: readonly string[], series: readonly Series[]): string {
  const max = niceMax(Math.max(0, ...present(series)));
  const step = (PLOT.right - PLOT.left) / categories.length;
  const point = (value: number, i: number): [number, number] => [
    PLOT.left + step * (i + 0.5),
    PLOT.bottom - (value / max) * (PLOT.bottom - PLOT.top),
  ];
  const lines = series.map((s, k) => {
    const color = PALETTE[k % PALETTE.length] ?? '';
    // A null breaks the line: no row that day is not a zero.
    const runs: [number, number][][] = [[]];
    s.values.forEach((value, i) => {
      if (value === null) {
        runs.push([]);
      } else {
        runs[runs.length - 1]?.push(point(value, i));
      }
    });
    const xy = (points: readonly [number, number][]): string =>
      points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
    return runs
      .map(
        (points) =>
          `<polyline fill="none" stroke="${color}" stroke-width="2.5" points="${xy(points)}"/>` +
          points
            .map(
              ([x, y]) =>
                `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3.5" fill="${color}"/>`,
            )
            .join(''),
      )
      .join('');
  });
  return axis(max) + lines.join('') + categoryLabels(categories) + legend(series);
}

function columns(
  categories: readonly string[],
  series: readonly Series[],
  stacked: boolean,
): string {
  const totals = categories.map((_, i) =>
    stacked
      ? series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0)
      : Math.max(...series.map((s) => s.values[i] ?? 0)),
  );
  const max = niceMax(Math.max(...totals));
  const step = (PLOT.right - PLOT.left) / categories.length;
  const inner = step * 0.7;
  const scale = (value: number): number => (value / max) * (PLOT.bottom - PLOT.top);
  const bars = categories.flatMap((_, i) => {
    let base = PLOT.bottom;
    return series.map((s, k) => {
      const value = s.values[i] ?? 0;
      const color = PALETTE[k % PALETTE.length] ?? '';
      const width = stacked ? inner : inner / series.length;
      const x = PLOT.left + step * i + (step - inner) / 2 + (stacked ? 0 : width * k);
      const y = stacked ? base - scale(value) : PLOT.bottom - scale(value);
      base = stacked ? y : base;
      return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(width - 1).toFixed(1)}" height="${scale(value).toFixed(1)}" fill="${color}"><title>${escape(`${s.name}: ${shown(s.values[i] ?? null)}`)}</title></rect>`;
    });
  });
  return (
    axis(max) +
    bars.join('') +
    categoryLabels(categories) +
    (series.length > 1 ? legend(series) : '')
  );
}

function horizontal(categories: readonly string[], series: readonly Series[]): string {
  const values = series[0]?.values ?? [];
  const max = niceMax(Math.max(0, ...present(series)));
  const left = 200;
  const row = (PLOT.bottom + 30 - PLOT.top) / categories.length;
  return categories
    .map((c, i) => {
      const y = PLOT.top + row * i;
      const width = ((values[i] ?? 0) / max) * (PLOT.right - left - 40);
      return (
        text(left - 8, y + row / 2 + 4, c, 'text-anchor="end"') +
        `<rect x="${left}" y="${(y + row * 0.15).toFixed(1)}" width="${width.toFixed(1)}" height="${(row * 0.7).toFixed(1)}" fill="${PALETTE[0] ?? ''}"/>` +
        text(left + width + 6, y + row / 2 + 4, shown(values[i] ?? null))
      );
    })
    .join('');
}

function table(
  columnNames: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const width = (PLOT.right - 20) / columnNames.length;
  const cell = (i: number): number => 20 + width * i + width - 12;
  const header = columnNames
    .map((c, i) => text(cell(i), PLOT.top + 10, c, 'text-anchor="end" font-weight="bold"'))
    .join('');
  const body = rows
    .map(
      (row, r) =>
        `<line x1="20" x2="${PLOT.right}" y1="${PLOT.top + 20 + r * 28}" y2="${PLOT.top + 20 + r * 28}" stroke="#e2e8f0"/>` +
        row
          .map((value, i) =>
            text(
              cell(i),
              PLOT.top + 40 + r * 28,
              typeof value === 'number' ? format(value) : value,
              'text-anchor="end"',
            ),
          )
          .join(''),
    )
    .join('');
  return header + body;
}

/**
 * The chart's SVG: its title, the view and fields it reads with `caption` (where the data came
 * from), and the data drawn as its kind says.
 */
export function chartSvg(spec: ChartSpec, data: ChartData, caption: string): string {
  let body: string;
  if (data.kind === 'table') {
    body = table(data.columns, data.rows);
  } else if (spec.kind === 'line') {
    body = line(data.categories, data.series);
  } else if (spec.kind === 'bars' && data.categories.some((c) => c.length > 10)) {
    body = horizontal(data.categories, data.series);
  } else {
    body = columns(data.categories, data.series, spec.kind === 'stacked');
  }
  // A table is as tall as its rows; charts have a fixed frame.
  const height = data.kind === 'table' ? PLOT.top + 40 + data.rows.length * 28 : HEIGHT;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${String(height)}" viewBox="0 0 ${WIDTH} ${String(height)}">` +
    `<rect width="${WIDTH}" height="${String(height)}" fill="#ffffff"/>` +
    `<text x="20" y="26" ${FONT} font-size="16" font-weight="bold" fill="#0f172a">${escape(spec.title)}</text>` +
    text(
      20,
      44,
      `${spec.view}: ${[...spec.dimensions, ...spec.metrics].join(', ')} (${caption})`,
      'fill="#64748b"',
    ) +
    body +
    '</svg>'
  );
}
