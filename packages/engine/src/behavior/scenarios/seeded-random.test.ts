import { describe, expect, it } from 'vitest';
import { deriveSeed, pick, seededRandom, standardNormal, uniform } from './seeded-random.ts';

const take = (random: () => number, n: number) => Array.from({ length: n }, random);

describe('seededRandom', () => {
  // Values from an independent Python port of mulberry32 (32-bit arithmetic by masking).
  it.each([
    [0, [0.26642920868471265, 0.0003297457005828619, 0.2232720274478197]],
    [42, [0.6011037519201636, 0.44829055899754167, 0.8524657934904099]],
  ])('seed %i gives mulberry32’s sequence', (seed, expected) => {
    expect(take(seededRandom(seed), 3)).toEqual(expected);
  });

  it('is uniform enough on [0, 1): mean ½, variance 1/12 over 100,000 draws', () => {
    const values = take(seededRandom(3), 100_000);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 3);
  });
});

describe('deriveSeed', () => {
  // Same Python port of murmur3's finaliser.
  it.each([
    [1, 0, 301794027],
    [1, 1, 3390830866],
    [2, 0, 3140136926],
  ])('(%i, %i) → %i', (seed, stream, expected) => {
    expect(deriveSeed(seed, stream)).toBe(expected);
  });

  it('gives 10,000 distinct seeds for 100 seeds × 100 streams', () => {
    const seeds = new Set<number>();
    for (let s = 0; s < 100; s += 1) {
      for (let k = 0; k < 100; k += 1) {
        seeds.add(deriveSeed(s, k));
      }
    }
    expect(seeds.size).toBe(10_000);
  });
});

describe('draws', () => {
  it('standardNormal has mean 0 and standard deviation 1 over 100,000 draws', () => {
    const random = seededRandom(11);
    const values = Array.from({ length: 100_000 }, () => standardNormal(random));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    expect(mean).toBeCloseTo(0, 1);
    expect(sd).toBeCloseTo(1, 1);
  });

  it('uniform and pick stay in range and reach every value', () => {
    const random = seededRandom(5);
    const u = Array.from({ length: 1000 }, () => uniform(random, -2, 3));
    expect(Math.min(...u)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...u)).toBeLessThan(3);
    const picks = new Set(Array.from({ length: 1000 }, () => pick(random, [9, 10, 18])));
    expect([...picks].sort((a, b) => a - b)).toEqual([9, 10, 18]);
    expect(() => pick(random, [])).toThrow(RangeError);
  });
});
