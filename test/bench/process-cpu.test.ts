import { FakeClock } from '@sentinel/kernel/testing';
import { describe, expect, it } from 'vitest';
import { idleCpuPerMs } from './process-cpu.ts';

/**
 * A CPU counter that grows by `perWindowMs[i]` over the i-th `windowMs` of the clock's time, read
 * at the windows' edges (the clock fires each timer at its own due time).
 */
function counter(clock: FakeClock, perWindowMs: readonly number[], windowMs: number) {
  return () => {
    const done = Math.floor(clock.monotonicMs() / windowMs);
    return perWindowMs.slice(0, done).reduce((sum, ms) => sum + ms, 0);
  };
}

async function measure(perWindowMs: readonly number[], opts: { ms?: number; windows?: number }) {
  const clock = new FakeClock();
  const windows = opts.windows ?? 4;
  const ms = opts.ms ?? 2_000;
  const rate = idleCpuPerMs(counter(clock, perWindowMs, ms / windows), { ...opts, clock });
  await clock.advanceAsync(ms);
  return rate;
}

describe('idleCpuPerMs', () => {
  it('takes the lowest window, so one burst of work is not the idle rate', async () => {
    // 500 ms windows: a tick (10 ms), then a collection's 400 ms, then nothing, then a tick.
    expect(await measure([10, 400, 0, 10], {})).toBe(0);
  });

  it('is the steady rate when every window has it', async () => {
    expect(await measure([20, 20, 20, 20], {})).toBe(20 / 500);
  });

  it('splits the time it is given into its windows', async () => {
    expect(await measure([30, 60], { ms: 600, windows: 2 })).toBe(30 / 300);
  });
});
