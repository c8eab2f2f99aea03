import type { RiskLevel } from '@sentinel/engine';
import { describe, expect, it } from 'vitest';
import type { RowResult } from './batch-result.ts';
import { byRisk } from './by-risk.ts';
import { createPrng } from './prng.ts';
import { createSummary } from './summary.ts';

const ROWS = 200_000;
const CODES = ['SIM_SWAP_RECENT', 'DEVICE_CHANGE_AFTER_SIM_SWAP', 'LOCATION_JUMP'] as const;
const meta = {
  file: 'activity.csv',
  policy: { id: 'batch', version: 0 },
  startedAt: new Date('2026-12-05T18:00:00Z'),
  durationMs: 1234,
};
const levelOf = (score: number): RiskLevel =>
  score >= 61 ? 'HIGH' : score >= 31 ? 'MEDIUM' : 'LOW';

/** 200,000 rows of 50,000 subscribers (four rows each), scores 0–100, rules by a seeded draw. */
function syntheticRows(): RowResult[] {
  const random = createPrng(5);
  return Array.from({ length: ROWS }, (_, i) => {
    const score = random.int(0, 100);
    return {
      line: i + 2,
      subscriberId: `SUB-${i % 50_000}`,
      score,
      level: score === 100 && i % 2 === 0 ? 'CRITICAL' : levelOf(score),
      rules: CODES.filter(() => random.chance(0.3)).map((code) => ({
        code,
        weight: 10,
        message: code,
      })),
      label: i % 10 === 0 ? 'swap-new-device' : 'legitimate',
    };
  });
}

describe('createSummary', () => {
  const rows = syntheticRows();
  const summary = (() => {
    const accumulator = createSummary();
    rows.forEach((r) => {
      accumulator.addResult(r);
    });
    return accumulator.finish(meta);
  })();
  const sorted = [...rows].sort(byRisk);

  it('keeps the 5,000 riskiest rows, riskiest first, and says how many it left out', () => {
    expect(summary.table).toHaveLength(5000);
    expect(summary.table).toEqual(sorted.slice(0, 5000));
    expect(summary.tableOmitted).toBe(ROWS - 5000);
    expect(summary.table[0]?.level).toBe('CRITICAL');
  });

  it('lists the top 20 distinct subscribers with their riskiest row', () => {
    const seen = new Set<string>();
    const expected = sorted.filter((r) => !seen.has(r.subscriberId) && seen.add(r.subscriberId));
    expect(summary.topSubscribers).toEqual(expected.slice(0, 20));
    expect(new Set(summary.topSubscribers.map((r) => r.subscriberId)).size).toBe(20);
  });

  it('counts levels, rules and a histogram that sums to the row count', () => {
    expect(summary.rowsScored).toBe(ROWS);
    const count = (level: RiskLevel) => rows.filter((r) => r.level === level).length;
    expect(summary.levels).toEqual({
      LOW: count('LOW'),
      MEDIUM: count('MEDIUM'),
      HIGH: count('HIGH'),
      CRITICAL: count('CRITICAL'),
    });
    expect(summary.histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(ROWS);
    expect(summary.histogram[9]).toEqual({
      from: 90,
      to: 100,
      count: rows.filter((r) => r.score >= 90).length,
    });
    expect(summary.histogram[0]?.count).toBe(rows.filter((r) => r.score <= 9).length);
    for (const rule of summary.rules) {
      expect(rule.rows).toBe(rows.filter((r) => r.rules.some((x) => x.code === rule.code)).length);
    }
    expect(summary.rules.map((r) => r.rows)).toEqual(
      summary.rules.map((r) => r.rows).sort((a, b) => b - a),
    );
    expect(summary.metrics?.labelledRows).toBe(ROWS);
    expect({ ...summary, table: [], topSubscribers: [], metrics: null }).toMatchObject(meta);
  });

  it('counts a row with several errors once, and keeps only the first errors', () => {
    const accumulator = createSummary({ errorLimit: 3 });
    for (const line of [2, 2, 2, 5, 9, 9]) {
      accumulator.addError({ line, column: 'msisdn', message: `bad ${line}` });
    }
    accumulator.addResult({ line: 3, subscriberId: 'S', score: 0, level: 'LOW', rules: [] });
    const result = accumulator.finish(meta);
    expect(result.rowsRejected).toBe(3);
    expect(result.errorCount).toBe(6);
    expect(result.firstErrors.map((e) => e.line)).toEqual([2, 2, 2]);
    expect(result.metrics).toBeNull();
    expect(result.tableOmitted).toBe(0);
  });
});
