import { describe, expect, it } from 'vitest';
import { CHART_DATA, percentile, type ChartData } from './chart-data.ts';
import { DASHBOARDS } from './dashboards.ts';

type ChartOf = (typeof DASHBOARDS)[number]['charts'][number];
import { warehouseFixture } from './fixture.ts';
import { chartSvg, niceMax } from './svg-chart.ts';

const fixture = warehouseFixture();
const series = (data: ChartData) => (data.kind === 'series' ? data.series : []);
const total = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

describe('percentile (nearest rank)', () => {
  it.each([
    [[], 50, 0],
    [[7], 99, 7],
    [[5, 1, 4, 2, 3], 50, 3],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95, 10],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 10, 1],
  ])('%j p%i = %i', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});

describe('chart data from the fixture', () => {
  it('counts every decision once per day, in the action mix and in the volume', () => {
    const mix = series(CHART_DATA['action-mix'](fixture));
    const volume = series(CHART_DATA.volume(fixture))[0]?.values ?? [];
    expect(volume).toHaveLength(7);
    expect(total(mix.flatMap((s) => s.values))).toBe(fixture.decisions.length);
    expect(volume.map((_, day) => total(mix.map((s) => s.values[day] ?? 0)))).toEqual(volume);
  });

  it('counts each finished hold once, by its latest event', () => {
    const holds = new Set(fixture.escrowEvents.map((e) => e.escrowId)).size;
    expect(total(series(CHART_DATA['hold-outcomes'](fixture)).flatMap((s) => s.values))).toBe(
      holds,
    );
  });

  it('gives rates between 0 and 1 and ordered latency percentiles', () => {
    for (const id of ['false-positives', 'step-up-conversion'] as const) {
      for (const value of series(CHART_DATA[id](fixture))[0]?.values ?? []) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
    }
    const [p50, p95, p99] = series(CHART_DATA.latency(fixture)).map((s) => s.values);
    p50?.forEach((value, day) => {
      expect(value).toBeLessThanOrEqual(p95?.[day] ?? 0);
      expect(p95?.[day] ?? 0).toBeLessThanOrEqual(p99?.[day] ?? 0);
    });
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

  it('draws every chart with its title and the view it reads, text escaped', () => {
    for (const chart of DASHBOARDS.flatMap((d): readonly ChartOf[] => d.charts)) {
      const svg = chartSvg(chart, CHART_DATA[chart.id](fixture));
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(svg).toContain(`>${chart.title.replace('&', '&amp;')}</text>`);
      expect(svg).toContain(`${chart.view}: `);
    }
    const odd = chartSvg(
      { ...DASHBOARDS[0].charts[0], title: 'a < b & c' },
      { kind: 'series', categories: ['x'], series: [{ name: 's', values: [1] }] },
    );
    expect(odd).toContain('a &lt; b &amp; c');
  });
});
