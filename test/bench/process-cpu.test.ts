import { describe, expect, it } from 'vitest';
import { idleCpuPerMs, type Timer } from './process-cpu.ts';

/** A CPU counter that grows by the given ms in each window, and a clock the sleeps move. */
function scripted(perWindowMs: readonly number[]): { read: () => number; timer: Timer } {
  let now = 0;
  let cpu = 0;
  let window = 0;
  return {
    read: () => cpu,
    timer: {
      now: () => now,
      sleep: (ms) => {
        now += ms;
        cpu += perWindowMs[window++] ?? 0;
        return Promise.resolve();
      },
    },
  };
}

describe('idleCpuPerMs', () => {
  it('takes the lowest window, so one burst of work is not the idle rate', async () => {
    // 500 ms windows: 10 ms (a tick), then a collection's 400 ms, then 0, then 10.
    const { read, timer } = scripted([10, 400, 0, 10]);
    expect(await idleCpuPerMs(read, { timer })).toBe(0);
  });

  it('is the steady rate when every window has it', async () => {
    const { read, timer } = scripted([20, 20, 20, 20]);
    expect(await idleCpuPerMs(read, { timer })).toBe(20 / 500);
  });

  it('splits the time it is given into its windows', async () => {
    const { read, timer } = scripted([30, 30]);
    expect(await idleCpuPerMs(read, { ms: 600, windows: 2, timer })).toBe(30 / 300);
  });
});
