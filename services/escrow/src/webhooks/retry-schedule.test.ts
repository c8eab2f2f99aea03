import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, nextAttemptAt, RETRY_DELAYS_MS } from './retry-schedule.ts';

const T0 = new Date('2026-12-06T08:00:00.000Z');
const HOUR = 3_600_000;
const waitAfter = (attempt: number, random: number): number | null => {
  const at = nextAttemptAt(attempt, T0, () => random);
  return at === null ? null : at.getTime() - T0.getTime();
};

describe('nextAttemptAt', () => {
  it.each([
    [1, 5_000],
    [2, 5 * 60_000],
    [3, 30 * 60_000],
    [4, 2 * HOUR],
    [5, 5 * HOUR],
    [6, 10 * HOUR],
    [7, 14 * HOUR],
    [8, 20 * HOUR],
    [9, 24 * HOUR],
  ])('after attempt %i waits %i ms, ±20 %%', (attempt, delay) => {
    expect(waitAfter(attempt, 0)).toBe(Math.round(delay * 0.8));
    expect(waitAfter(attempt, 0.5)).toBe(delay);
    expect(waitAfter(attempt, 1)).toBe(Math.round(delay * 1.2));
    const jittered = waitAfter(attempt, 0.37) ?? Number.NaN;
    expect(jittered).toBeGreaterThanOrEqual(delay * 0.8);
    expect(jittered).toBeLessThanOrEqual(delay * 1.2);
  });

  it('dead-letters after the tenth attempt', () => {
    expect(MAX_ATTEMPTS).toBe(10);
    expect(waitAfter(9, 0.5)).not.toBeNull();
    expect(waitAfter(10, 0.5)).toBeNull();
    expect(waitAfter(11, 0.5)).toBeNull();
  });

  it.each([0, 1])(
    'chained from the first attempt, spans about three days (random %i)',
    (random) => {
      let at: Date | null = T0;
      let last = T0;
      let attempts = 1;
      while (at !== null) {
        last = at;
        at = nextAttemptAt(attempts, at, () => random);
        attempts += at === null ? 0 : 1;
      }
      const hours = (last.getTime() - T0.getTime()) / HOUR;
      expect(attempts).toBe(MAX_ATTEMPTS);
      expect(hours).toBeGreaterThanOrEqual(60);
      expect(hours).toBeLessThanOrEqual(91);
    },
  );

  it('sums to 75 h 35 min 5 s before jitter', () => {
    expect(RETRY_DELAYS_MS.reduce((a, b) => a + b, 0)).toBe(75 * HOUR + 35 * 60_000 + 5_000);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses attempt %d', (attempt) => {
    expect(() => nextAttemptAt(attempt, T0, () => 0.5)).toThrow(RangeError);
  });

  it.each([-0.1, 1.1, Number.NaN])('refuses a random() of %d', (random) => {
    expect(() => nextAttemptAt(1, T0, () => random)).toThrow(RangeError);
  });
});
