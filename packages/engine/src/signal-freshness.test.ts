import { describe, expect, it } from 'vitest';
import { classifySimSwapSignal } from './signal-freshness.ts';
import { aSignal, minutesAgo, NOW } from './testing/fixtures.ts';

describe('classifySimSwapSignal', () => {
  it.each([
    ['checked just now', NOW, 'FRESH'],
    ['checked 4 min 59 s ago', new Date(NOW.getTime() - 299_000), 'FRESH'],
    ['checked exactly 300 s ago', minutesAgo(5), 'FRESH'],
    ['checked 301 s ago', new Date(NOW.getTime() - 301_000), 'STALE'],
    ['checked a day ago', minutesAgo(24 * 60), 'STALE'],
    ['checked "in the future" (clock skew)', minutesAgo(-1), 'FRESH'],
  ] as const)('%s → %s', (_label, checkedAt, expected) => {
    expect(classifySimSwapSignal(aSignal({ checkedAt }), NOW, 300)).toBe(expected);
  });

  it('is UNAVAILABLE when nothing was ever received', () => {
    expect(classifySimSwapSignal(null, NOW, 300)).toBe('UNAVAILABLE');
  });

  it('does not care whether a swap was reported, only when the operator answered', () => {
    expect(classifySimSwapSignal(aSignal({ lastSwapAt: minutesAgo(2) }), NOW, 300)).toBe('FRESH');
  });
});
