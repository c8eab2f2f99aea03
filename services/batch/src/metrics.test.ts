import type { RiskLevel } from '@sentinel/engine';
import { describe, expect, it } from 'vitest';
import type { RowResult } from './batch-result.ts';
import { createDetectionMetrics } from './metrics.ts';
import { renderMetricsText } from './metrics-text.ts';

let line = 1;
const row = (label: string | undefined, level: RiskLevel, score: number): RowResult => ({
  line: ++line,
  subscriberId: `S${line}`,
  score,
  level,
  rules: [],
  ...(label === undefined ? {} : { label }),
});
const times = (n: number, make: () => RowResult): RowResult[] => Array.from({ length: n }, make);

/**
 * 100 legitimate (90 LOW at 10, 8 MEDIUM at 40, 2 HIGH at 70), 10 swap-new-device (8 HIGH at 65,
 * 2 LOW at 20), 10 swap-otp-flood (5 MEDIUM at 40, 5 LOW at 30), 3 unlabelled.
 * Flagged from MEDIUM: TP 8 + 5 = 13, FP 10, FN 7, TN 90 → precision 13/23, recall 13/20.
 */
const labelled: RowResult[] = [
  ...times(90, () => row('legitimate', 'LOW', 10)),
  ...times(8, () => row('legitimate', 'MEDIUM', 40)),
  ...times(2, () => row('legitimate', 'HIGH', 70)),
  ...times(8, () => row('swap-new-device', 'HIGH', 65)),
  ...times(2, () => row('swap-new-device', 'LOW', 20)),
  ...times(5, () => row('swap-otp-flood', 'MEDIUM', 40)),
  ...times(5, () => row('swap-otp-flood', 'LOW', 30)),
  ...times(3, () => row(undefined, 'HIGH', 90)),
  row('  ', 'HIGH', 90),
];

describe('createDetectionMetrics', () => {
  it('computes recall per scenario, the false-positive rate, precision and recall from MEDIUM', () => {
    const metrics = createDetectionMetrics();
    labelled.forEach((r) => {
      metrics.add(r);
    });
    const result = metrics.finish();
    expect(result?.flagFrom).toBe('MEDIUM');
    expect(result?.labelledRows).toBe(120);
    expect(result?.scenarios).toEqual([
      { label: 'swap-new-device', rows: 10, flagged: 8, flaggedRate: 0.8, meanScore: 56 },
      { label: 'swap-otp-flood', rows: 10, flagged: 5, flaggedRate: 0.5, meanScore: 35 },
    ]);
    expect(result?.legitimate).toEqual({
      label: 'legitimate',
      rows: 100,
      flagged: 10,
      flaggedRate: 0.1,
      meanScore: (900 + 320 + 140) / 100,
    });
    expect(result?.overall).toEqual({
      truePositives: 13,
      falsePositives: 10,
      falseNegatives: 7,
      trueNegatives: 90,
      precision: 13 / 23,
      recall: 13 / 20,
    });
    expect(result?.confusion).toEqual({
      labels: ['legitimate', 'swap-new-device', 'swap-otp-flood'],
      counts: [
        [90, 8, 2, 0],
        [2, 0, 8, 0],
        [5, 5, 0, 0],
      ],
    });
  });

  it('flags from HIGH when asked: fewer false positives, lower recall', () => {
    const metrics = createDetectionMetrics('HIGH');
    labelled.forEach((r) => {
      metrics.add(r);
    });
    const overall = metrics.finish()?.overall;
    expect(overall?.precision).toBe(8 / 10);
    expect(overall?.recall).toBe(8 / 20);
  });

  it('is null without labels, and pools a flood of distinct labels', () => {
    const none = createDetectionMetrics();
    none.add(row(undefined, 'LOW', 0));
    expect(none.finish()).toBeNull();
    const many = createDetectionMetrics();
    for (let i = 0; i < 80; i++) {
      many.add(row(`label-${i}`, 'LOW', 0));
    }
    const labels = many.finish()?.confusion.labels ?? [];
    expect(labels).toHaveLength(52); // legitimate (no rows) + the first 50 labels + the pool
    expect(labels).toContain('(other labels)');
  });

  it('renders a terminal table with the same numbers', () => {
    const metrics = createDetectionMetrics();
    labelled.forEach((r) => {
      metrics.add(r);
    });
    const result = metrics.finish();
    if (result === null) {
      throw new Error('expected metrics');
    }
    const text = renderMetricsText(result);
    expect(text).toContain('flagged = MEDIUM or higher; 120 labelled rows');
    expect(text).toMatch(/swap-new-device\s+10\s+8\s+80\.0 %\s+56\.0/);
    expect(text).toMatch(/legitimate \(FPR\)\s+100\s+10\s+10\.0 %\s+13\.6/);
    expect(text).toContain('precision 56.5 %, recall 65.0 % (TP 13, FP 10, FN 7, TN 90)');
    expect(text).toMatch(/swap-otp-flood\s+5\s+5\s+0\s+0\n/);
  });
});
