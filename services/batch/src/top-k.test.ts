import { describe, expect, it } from 'vitest';
import { createPrng } from './prng.ts';
import { createTopK } from './top-k.ts';

const descending = (a: number, b: number) => b - a;

describe('createTopK', () => {
  it.each([0, 1, 7, 100, 5000])('keeps the %i largest of 20,000 values, best first', (k) => {
    const random = createPrng(k);
    const values = Array.from({ length: 20_000 }, () => random.int(0, 1000));
    const top = createTopK(k, descending);
    values.forEach((v) => {
      top.offer(v);
    });
    expect(top.sorted()).toEqual([...values].sort(descending).slice(0, k));
    expect(top.dropped).toBe(values.length - k);
  });

  it('keeps everything when offered fewer than k', () => {
    const top = createTopK(10, descending);
    [3, 1, 2].forEach((v) => {
      top.offer(v);
    });
    expect(top.sorted()).toEqual([3, 2, 1]);
    expect(top.dropped).toBe(0);
  });
});

describe('createPrng', () => {
  it('repeats its sequence for a seed and stays within bounds', () => {
    const a = createPrng(9);
    const b = createPrng(9);
    const drawn = Array.from({ length: 1000 }, () => a.int(-3, 3));
    expect(drawn).toEqual(Array.from({ length: 1000 }, () => b.int(-3, 3)));
    expect(new Set(drawn)).toEqual(new Set([-3, -2, -1, 0, 1, 2, 3]));
    expect(createPrng(10).next()).not.toBe(createPrng(9).next());
  });
});
