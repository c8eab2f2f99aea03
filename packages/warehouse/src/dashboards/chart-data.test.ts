import { analyticsViews } from '@sentinel/analytics';
import { describe, expect, it } from 'vitest';
import { aggregate, chartData, type ChartData } from './chart-data.ts';
import { DASHBOARDS, type ChartId, type ChartSpec } from './dashboards.ts';
import { warehouseFixture } from './fixture.ts';
import { chartSvg, niceMax } from './svg-chart.ts';

const TENANT = 'bank-a';
const tables = warehouseFixture();
const views = analyticsViews(tables);
const CHARTS = new Map<string, ChartSpec>(
  DASHBOARDS.flatMap((d): readonly ChartSpec[] => d.charts).map((c) => [c.id, c]),
);
const dataOf = (id: ChartId): ChartData => {
  const chart = CHARTS.get(id);
  if (chart === undefined) {
    throw new Error(`no chart ${id}`);
  }
  return chartData(chart, views, TENANT);
};
const seriesOf = (id: ChartId) => {
  const data = dataOf(id);
  if (data.kind !== 'series') {
    throw new Error(`${id} is a table`);
  }
  return data;
};
const mine = <R extends { tenantId: string }>(rows: readonly R[]): R[] =>
  rows.filter((row) => row.tenantId === TENANT);
const sum = (values: readonly (number | null)[]): number =>
  values.reduce<number>((a, b) => a + (b ?? 0), 0);
const kpi = mine(views.kpi_daily).toSorted((a, b) => a.day.localeCompare(b.day));

describe('aggregate', () => {
  const rows = [
    { decisions: 3, rate: 0.5, latency_p50_ms: 10, source: 'AUTH' },
    { decisions: 4, rate: null, latency_p50_ms: 20, source: null },
    { decisions: 5, rate: null, latency_p50_ms: null, source: 'BANK' },
  ];
  it.each([
    ['decisions', 12], // a count: summed
    ['latency_p50_ms', 15], // a percentile: averaged, NULLs ignored
    ['COUNT(source)', 2], // COUNT(col): the non-NULL values
    ['rate', 0.5],
  ])('%s over the rows = %d', (metric, expected) => {
    expect(aggregate(rows, metric)).toBe(expected);
  });

  it('gives null over no rows or only NULLs, and refuses a column the view lacks', () => {
    expect(aggregate([], 'decisions')).toBeNull();
    expect(aggregate([], 'COUNT(source)')).toBeNull();
    expect(aggregate([{ latency_p50_ms: null }], 'latency_p50_ms')).toBeNull();
    expect(() => aggregate(rows, 'decision')).toThrow('no column decision');
    expect(() => aggregate(rows, 'source')).toThrow('not a number');
  });
});

describe('chart data is the view, for one tenant', () => {
  it('has one kpi_daily row per day of the fixture week for the tenant', () => {
    expect(kpi.map((row) => row.day)).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
  });

  it.each([
    ['fraud-blocked', ['fraud_blocked_per_10k']],
    ['false-positives', ['false_positive_rate']],
    ['step-up-conversion', ['step_up_conversion']],
    ['latency', ['latency_p50_ms', 'latency_p95_ms', 'latency_p99_ms']],
    ['volume', ['decisions']],
  ] as const)('%s: each series is the kpi_daily column, day by day', (id, columns) => {
    const data = seriesOf(id);
    expect(data.categories).toEqual(kpi.map((row) => row.day));
    expect(data.series).toEqual(
      columns.map((name) => ({ name, values: kpi.map((row) => row[name]) })),
    );
  });

  it('action-mix: action_mix_daily by day and action, every decision once', () => {
    const data = seriesOf('action-mix');
    const mix = mine(views.action_mix_daily);
    expect(data.series.map((s) => s.name)).toEqual(['APPROVE', 'DENY', 'STEP_UP']);
    for (const s of data.series) {
      expect(s.values).toEqual(
        data.categories.map(
          (day) => mix.find((row) => row.day === day && row.action === s.name)?.decisions ?? null,
        ),
      );
    }
    // Delivered twice is counted once: the fixture has redeliveries, the chart does not.
    const decisions = mine(tables.decisions.map((d) => ({ ...d, tenantId: d.tenantId ?? '' })));
    const distinct = new Set(decisions.map((d) => d.decisionId)).size;
    expect(decisions.length).toBeGreaterThan(distinct);
    expect(sum(data.series.flatMap((s) => s.values))).toBe(distinct);
  });

  it('top-reasons: top_reasons_daily summed over the week, most frequent first', () => {
    const data = seriesOf('top-reasons');
    const reasons = mine(views.top_reasons_daily);
    const totals = data.categories.map((code) =>
      sum(reasons.filter((row) => row.code === code).map((row) => row.decisions)),
    );
    expect(data.categories.toSorted()).toEqual([...new Set(reasons.map((r) => r.code))].sort());
    expect(data.series).toEqual([{ name: 'decisions', values: totals }]);
    expect(totals).toEqual(totals.toSorted((a, b) => b - a));
  });

  it('hold-outcomes: each hold once, by how it ended and why (HELD: still open)', () => {
    const data = seriesOf('hold-outcomes');
    const holds = new Set(mine(tables.escrow_events).map((e) => e.escrowId)).size;
    expect(sum(data.series.flatMap((s) => s.values))).toBe(holds);
    expect(data.categories).toContain('HELD');
    const released = data.categories.indexOf('RELEASED');
    const cause = (name: string) => data.series.find((s) => s.name === name)?.values[released];
    const count = (c: string) =>
      mine(views.escrow_latest).filter((e) => e.status === 'RELEASED' && e.cause === c).length;
    expect(cause('STEP_UP_PASSED')).toBe(count('STEP_UP_PASSED'));
    expect(cause('VERIFIED')).toBe(count('VERIFIED'));
  });

  it('hold-duration: the per-day percentiles averaged over the week; none while HELD', () => {
    const data = seriesOf('hold-duration');
    const rows = mine(views.hold_outcomes_daily);
    const average = (status: string, column: 'hold_seconds_p50' | 'hold_seconds_p95') => {
      const values = rows.filter((r) => r.escrowStatus === status).map((r) => r[column]);
      return sum(values) / values.length;
    };
    expect(data.categories[0]).toBe('EXPIRED'); // a day, by construction: the longest wait
    const held = data.categories.indexOf('HELD');
    for (const s of data.series) {
      expect(s.values[held]).toBeNull();
    }
    const p95 = data.series.find((s) => s.name === 'hold_seconds_p95')?.values;
    expect(p95?.[data.categories.indexOf('RELEASED')]).toBeCloseTo(
      average('RELEASED', 'hold_seconds_p95'),
      9,
    );
  });

  it('outcome-sources: decisions_enriched counted by outcomeSource, NULL as "null"', () => {
    const data = seriesOf('outcome-sources');
    const enriched = mine(views.decisions_enriched);
    expect(data.categories.toSorted()).toEqual(['AUTH', 'BANK', 'null']);
    expect(data.series[0]?.values).toEqual(
      data.categories.map(
        (source) => enriched.filter((d) => String(d.outcomeSource) === source).length,
      ),
    );
    expect(sum(data.series[0]?.values ?? [])).toBe(enriched.length);
  });

  it('policy-versions: kpi_daily counts summed per policy version', () => {
    const data = dataOf('policy-versions');
    const total = (version: number, column: 'decisions' | 'approvals' | 'step_ups' | 'denials') =>
      sum(kpi.filter((row) => row.policyVersion === version).map((row) => row[column]));
    expect(data).toEqual({
      kind: 'table',
      columns: ['policyId', 'policyVersion', 'decisions', 'approvals', 'step_ups', 'denials'],
      rows: [3, 4].map((version) => [
        'default',
        version,
        total(version, 'decisions'),
        total(version, 'approvals'),
        total(version, 'step_ups'),
        total(version, 'denials'),
      ]),
    });
  });

  it('another tenant gets its own rows', () => {
    const chart = CHARTS.get('volume');
    const other = chart === undefined ? undefined : chartData(chart, views, 'bank-b');
    const volumes = views.kpi_daily
      .filter((row) => row.tenantId === 'bank-b')
      .toSorted((a, b) => a.day.localeCompare(b.day))
      .map((row) => row.decisions);
    expect(other?.kind === 'series' ? other.series[0]?.values : []).toEqual(volumes);
    expect(volumes).not.toEqual(kpi.map((row) => row.decisions));
  });
});

describe('chartSvg', () => {
  it.each([
    [0, 1],
    [37, 40],
    [109, 120],
    [0.173, 0.2],
    [143, 150],
  ])('niceMax(%d) = %d', (value, expected) => {
    expect(niceMax(value)).toBeCloseTo(expected, 10);
  });

  it('draws every chart with its title, the view it reads and the caption, text escaped', () => {
    for (const chart of CHARTS.values()) {
      const svg = chartSvg(chart, chartData(chart, views, TENANT), 'tenantId = bank-a');
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(svg).toContain(`>${chart.title.replace('&', '&amp;')}</text>`);
      expect(svg).toContain(`${chart.view}: `);
      expect(svg).toContain('(tenantId = bank-a)</text>');
    }
    const odd = chartSvg(
      { ...DASHBOARDS[0].charts[0], title: 'a < b & c' },
      { kind: 'series', categories: ['x'], series: [{ name: 's', values: [1] }] },
      'fixture',
    );
    expect(odd).toContain('a &lt; b &amp; c');
  });

  it('breaks a line where a day has no value rather than drawing a zero', () => {
    const svg = chartSvg(
      DASHBOARDS[0].charts[0],
      {
        kind: 'series',
        categories: ['a', 'b', 'c'],
        series: [{ name: 's', values: [1, null, 2] }],
      },
      'fixture',
    );
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg.match(/<circle /g)).toHaveLength(2);
  });
});
