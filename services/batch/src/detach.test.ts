import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { RowResult } from './batch-result.ts';
import { detachResult } from './detach.ts';
import { createSummary } from './summary.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MB = 1_000_000;

/** One row whose strings are slices of its own 1 MB "input chunk", as a CSV parser hands them out. */
function rowFromChunk(n: number): RowResult {
  const chunk = `${String(n).padStart(6, '0')}${'x'.repeat(MB)}`;
  return {
    line: n + 2,
    subscriberId: chunk.slice(0, 20),
    score: 50 + (n % 50),
    level: 'HIGH',
    rules: [{ code: 'SIM_SWAP_RECENT', weight: 20, message: chunk.slice(1, 40) }],
    label: chunk.slice(2, 22),
  };
}

describe('detachResult', () => {
  it('copies a row with equal values', () => {
    const row = rowFromChunk(1);
    const copy = detachResult(row);
    expect(copy).toEqual(row);
    expect(copy).not.toBe(row);
  });

  it('lets the summary keep 200 rows without keeping the 200 MB of input they were sliced from', () => {
    gc();
    const before = process.memoryUsage().heapUsed;
    const summary = createSummary();
    for (let n = 0; n < 200; n++) {
      summary.addResult(rowFromChunk(n));
    }
    gc();
    const kept = process.memoryUsage().heapUsed - before;
    expect(
      summary.finish({
        file: 'f',
        policy: { id: 'batch', version: 0 },
        startedAt: new Date(0),
        durationMs: 0,
      }).table,
    ).toHaveLength(200);
    // Slices would pin every chunk (≥ 200 MB); copies cost a few kilobytes per row.
    expect(kept).toBeLessThan(20 * MB);
  });
});
