import { describe, expect, it } from 'vitest';
import type { NumberRecord } from './number-record.ts';
import { checkSimSwap, maxAgeBeyondPolicy, retrieveSimSwapDate } from './sim-swap-answer.ts';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const record = (over: Partial<NumberRecord> = {}): NumberRecord => ({
  phoneNumber: '+27821234567',
  activatedAt: ago(400 * DAY),
  lastSwapAt: null,
  serviceApplicable: true,
  updatedAt: NOW,
  ...over,
});
const P120 = { monitoredPeriodDays: 120 };
const UNLIMITED = { monitoredPeriodDays: null };

describe('retrieveSimSwapDate', () => {
  it.each([
    [
      'a swap inside the window',
      record({ lastSwapAt: ago(3 * HOUR) }),
      P120,
      ago(3 * HOUR).toISOString(),
    ],
    [
      'a swap exactly at the window edge',
      record({ lastSwapAt: ago(120 * DAY) }),
      P120,
      ago(120 * DAY).toISOString(),
    ],
    [
      'never swapped, recent activation',
      record({ activatedAt: ago(10 * DAY) }),
      P120,
      ago(10 * DAY).toISOString(),
    ],
    ['never swapped, no limit on history', record(), UNLIMITED, ago(400 * DAY).toISOString()],
    [
      'an old swap, no limit on history',
      record({ lastSwapAt: ago(300 * DAY) }),
      UNLIMITED,
      ago(300 * DAY).toISOString(),
    ],
  ])('answers the date for %s', (_name, rec, policy, expected) => {
    expect(retrieveSimSwapDate(rec, NOW, policy)).toEqual({
      ok: true,
      value: { latestSimChange: expected },
    });
  });

  it.each([
    ['a swap 1 ms before the window', record({ lastSwapAt: ago(120 * DAY + 1) })],
    ['never swapped, activated before the window', record()],
  ])('answers null with monitoredPeriod for %s', (_name, rec) => {
    expect(retrieveSimSwapDate(rec, NOW, P120)).toEqual({
      ok: true,
      value: { latestSimChange: null, monitoredPeriod: 120 },
    });
  });

  it('answers a bare null for a number that never had a SIM', () => {
    const never = record({ activatedAt: null });
    expect(retrieveSimSwapDate(never, NOW, P120)).toEqual({
      ok: true,
      value: { latestSimChange: null },
    });
  });

  it('refuses unknown numbers and numbers without the service', () => {
    expect(retrieveSimSwapDate(null, NOW, P120)).toEqual({
      ok: false,
      error: 'IDENTIFIER_NOT_FOUND',
    });
    expect(retrieveSimSwapDate(record({ serviceApplicable: false }), NOW, P120)).toEqual({
      ok: false,
      error: 'SERVICE_NOT_APPLICABLE',
    });
  });
});

describe('checkSimSwap', () => {
  it.each([
    ['swapped within maxAge', record({ lastSwapAt: ago(239 * HOUR) }), 240, true],
    ['swapped exactly maxAge ago', record({ lastSwapAt: ago(240 * HOUR) }), 240, true],
    ['swapped 1 ms before maxAge', record({ lastSwapAt: ago(240 * HOUR + 1) }), 240, false],
    ['swapped an hour ago, maxAge 1', record({ lastSwapAt: ago(HOUR) }), 1, true],
    ['never swapped, activated long ago', record(), 2400, false],
    [
      'a new subscription (activation) inside maxAge',
      record({ activatedAt: ago(5 * HOUR) }),
      24,
      true,
    ],
    ['never had a SIM', record({ activatedAt: null }), 2400, false],
  ])('%s → swapped %s', (_name, rec, maxAge, swapped) => {
    expect(checkSimSwap(rec, NOW, maxAge)).toEqual({ ok: true, value: { swapped } });
  });

  it('refuses unknown numbers and numbers without the service', () => {
    expect(checkSimSwap(null, NOW, 24).error).toBe('IDENTIFIER_NOT_FOUND');
    expect(checkSimSwap(record({ serviceApplicable: false }), NOW, 24).error).toBe(
      'SERVICE_NOT_APPLICABLE',
    );
  });
});

describe('maxAgeBeyondPolicy', () => {
  it.each([
    [30, 720, null],
    [30, 721, 'Check monitor period could not exceed local regulations (30 days)'],
    [120, 2400, null],
    [null, 2400, null],
  ])('period %s days, maxAge %s h → %s', (days, maxAge, expected) => {
    expect(maxAgeBeyondPolicy(maxAge, { monitoredPeriodDays: days })).toBe(expected);
  });
});
