import { describe, expect, it } from 'vitest';
import { summarise } from './stats.ts';

describe('summarise', () => {
  it('takes nearest-rank percentiles and throughput', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100 ms
    expect(summarise(samples, 2_000)).toEqual({
      n: 100,
      p50Ms: 50,
      p95Ms: 95,
      p99Ms: 99,
      maxMs: 100,
      rps: 50,
    });
  });

  it('handles a single sample', () => {
    expect(summarise([3.14159], 10)).toMatchObject({ p50Ms: 3.14, p99Ms: 3.14, rps: 100 });
  });
});
