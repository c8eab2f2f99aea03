// Each chart's numbers as Looker Studio draws them: the rows of the chart's view (computed by
// @sentinel/analytics, the views' own definitions, proven equal to their SQL), the report's
// tenantId control applied, grouped by the chart's dimensions, each metric aggregated.
import type { AnalyticsViews } from '@sentinel/analytics';
import type { ChartSpec } from './dashboards.ts';

export interface Series {
  readonly name: string;
  /** One value per category; null where the view has no row or only NULLs. */
  readonly values: readonly (number | null)[];
}

/** What a chart draws: series over categories, or a table. */
export type ChartData =
  | {
      readonly kind: 'series';
      readonly categories: readonly string[];
      readonly series: readonly Series[];
    }
  | {
      readonly kind: 'table';
      readonly columns: readonly string[];
      readonly rows: readonly (readonly (string | number)[])[];
    };

/**
 * Per-day ratios and percentiles cannot be added up: over several rows Looker Studio can only
 * average them (docs/dashboards.md). Every other metric is a count, summed.
 */
const AVERAGED: ReadonlySet<string> = new Set([
  'fraud_blocked_per_10k',
  'false_positive_rate',
  'step_up_conversion',
  'latency_p50_ms',
  'latency_p95_ms',
  'latency_p99_ms',
  'hold_seconds_p50',
  'hold_seconds_p95',
]);

type ViewRow = object;

/** A view's column by name, as a data source reads it; a name the view lacks is a bug here. */
function column(row: ViewRow, name: string): unknown {
  if (!Object.hasOwn(row, name)) {
    throw new Error(`the view has no column ${name}`);
  }
  return (row as Record<string, unknown>)[name];
}

function numberOrNull(row: ViewRow, name: string): number | null {
  const value = column(row, name);
  if (value !== null && typeof value !== 'number') {
    throw new Error(`column ${name} is not a number`);
  }
  return value;
}

/** A dimension's value as Looker Studio labels it (NULL reads "null"). */
function dimension(row: ViewRow, name: string): string {
  const value = column(row, name);
  if (value === null) {
    return 'null';
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new Error(`column ${name} is not a dimension`);
  }
  return String(value);
}

/** `COUNT(col)`, an average (AVERAGED) or a sum; null over no rows or only NULLs. */
export function aggregate(rows: readonly ViewRow[], metric: string): number | null {
  const counted = /^COUNT\((\w+)\)$/.exec(metric)?.[1];
  if (counted !== undefined) {
    return rows.length === 0 ? null : rows.filter((row) => column(row, counted) !== null).length;
  }
  const values = rows.map((row) => numberOrNull(row, metric)).filter((v) => v !== null);
  if (values.length === 0) {
    return null;
  }
  const sum = values.reduce((a, b) => a + b, 0);
  return AVERAGED.has(metric) ? sum / values.length : sum;
}

/** Days in order (a time series); other categories by their first metric, largest first. */
function categoryOrder(
  chart: ChartSpec,
  rows: readonly ViewRow[],
  name: string,
): readonly string[] {
  const groups = Map.groupBy(rows, (row) => dimension(row, name));
  const names = [...groups.keys()].sort();
  if (name === 'day') {
    return names;
  }
  const size = (key: string): number =>
    aggregate(groups.get(key) ?? [], chart.metrics[0] ?? '') ?? -1;
  return names.sort((a, b) => size(b) - size(a));
}

function table(chart: ChartSpec, rows: readonly ViewRow[]): ChartData {
  const groups = Map.groupBy(rows, (row) =>
    JSON.stringify(chart.dimensions.map((name) => dimension(row, name))),
  );
  return {
    kind: 'table',
    columns: [...chart.dimensions, ...chart.metrics],
    rows: [...groups.values()]
      .map((group) => {
        const [first = {}] = group;
        return [
          ...chart.dimensions.map((name) => {
            const value = column(first, name);
            return typeof value === 'number' ? value : dimension(first, name);
          }),
          ...chart.metrics.map((metric) => aggregate(group, metric) ?? 'null'),
        ];
      })
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  };
}

/**
 * The chart's data over `views` with the report's tenantId control set to `tenantId`: the first
 * dimension gives the categories, a second one breaks the first metric down into series;
 * otherwise each metric is a series.
 */
export function chartData(chart: ChartSpec, views: AnalyticsViews, tenantId: string): ChartData {
  const all: readonly { tenantId: string }[] = views[chart.view];
  const rows = all.filter((row) => row.tenantId === tenantId);
  if (chart.kind === 'table') {
    return table(chart, rows);
  }
  const [category = '', breakdown] = chart.dimensions;
  const categories = categoryOrder(chart, rows, category);
  const byCategory = Map.groupBy(rows, (row) => dimension(row, category));
  const valuesOf = (metric: string, of: (row: ViewRow) => boolean = () => true) =>
    categories.map((c) => aggregate((byCategory.get(c) ?? []).filter(of), metric));
  if (breakdown === undefined) {
    return {
      kind: 'series',
      categories,
      series: chart.metrics.map((metric) => ({ name: metric, values: valuesOf(metric) })),
    };
  }
  const metric = chart.metrics[0] ?? '';
  const names = [...new Set(rows.map((row) => dimension(row, breakdown)))].sort();
  return {
    kind: 'series',
    categories,
    series: names.map((name) => ({
      name,
      values: valuesOf(metric, (row) => dimension(row, breakdown) === name),
    })),
  };
}
