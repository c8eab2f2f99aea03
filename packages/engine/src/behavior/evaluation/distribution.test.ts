import { describe, expect, it } from 'vitest';
import { distribution, quantile } from './distribution.ts';

describe('quantile (type 7: position q·(n − 1), linear between neighbours)', () => {
  it.each([
    [[1, 2, 3, 4], 0, 1],
    [[1, 2, 3, 4], 1, 4],
    [[1, 2, 3, 4], 0.5, 2.5], // position 1.5
    [[1, 2, 3, 4], 0.05, 1.15], // position 0.15
    [[1, 2, 3, 4], 0.95, 3.85], // position 2.85
    [[7], 0.95, 7],
    [[0, 10], 0.25, 2.5],
  ])('of %j at %f is %f', (sorted, q, expected) => {
    expect(quantile(sorted, q)).toBeCloseTo(expected, 12);
  });

  it.each([
    [[], 0.5],
    [[1], 1.5],
    [[1], Number.NaN],
  ])('rejects %j at %f', (sorted, q) => {
    expect(() => quantile(sorted, q)).toThrow(RangeError);
  });
});

describe('distribution', () => {
  it('sorts first and reports min, p5, p50, p95, max', () => {
    // 21 values 0…20 shuffled: position q·20, so p5 = 1, p50 = 10, p95 = 19.
    const values = Array.from({ length: 21 }, (_, i) => (i * 8) % 21);
    expect(distribution(values)).toEqual({ min: 0, p5: 1, p50: 10, p95: 19, max: 20 });
  });

  it('is null for no values', () => {
    expect(distribution([])).toBeNull();
  });
});
