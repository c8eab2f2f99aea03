import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { quantile } from './quantile.ts';

describe('quantile (nearest rank)', () => {
  it.each([
    // values, percent, expected: rank = ceil(n × percent / 100), at least 1
    [[10, 20, 30, 40], 50, 20], // ceil(2) = 2
    [[10, 20, 30, 40], 95, 40], // ceil(3.8) = 4
    [[10, 20, 30, 40], 25, 10], // ceil(1) = 1
    [[10, 20, 30, 40], 0, 10], // rank at least 1
    [[40, null, 10, 30, 20], 51, 30], // NULL ignored, unsorted input: ceil(2.04) = 3
    [[5], 99, 5],
    [[], 50, null],
    [[null, null], 50, null],
  ] as const)('%j at %i → %s', (values, percent, expected) => {
    expect(quantile(values, percent)).toBe(expected);
  });

  it("is DuckDB's quantile_disc for 1 to 120 values at every percentile the views use", async () => {
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    const percents = [0, 1, 5, 50, 95, 99, 100];
    const columns = percents.map((p) => `quantile_disc(v, ${(p / 100).toFixed(2)})`).join(', ');
    const mismatches: string[] = [];
    for (let n = 1; n <= 120; n++) {
      // n distinct values in a scrambled order, so the rank (not the input order) decides.
      const values = Array.from({ length: n }, (_, i) => ((i * 37) % n) + 1);
      const sql = `SELECT ${columns} FROM (SELECT unnest([${values.join(',')}]) AS v)`;
      const row = (await connection.runAndReadAll(sql)).getRows()[0] ?? [];
      percents.forEach((p, i) => {
        const duck = Number(row[i]);
        const mine = quantile(values, p);
        if (duck !== mine) {
          mismatches.push(`n=${String(n)} p${String(p)}: ${String(duck)} ≠ ${String(mine)}`);
        }
      });
    }
    connection.closeSync();
    expect(mismatches).toEqual([]);
  });
});
