import { describe, expect, it } from 'vitest';
import { aContext, aSignal, hoursAgo, minutesAgo, ruleOf } from '../testing/fixtures.ts';
import { simSwapRecency } from './sim-swap-recency.ts';

const rule = ruleOf(simSwapRecency);
const swappedAt = (at: Date | null) => aContext({ signal: aSignal({ lastSwapAt: at }) });

describe('simSwapRecency', () => {
  it.each([
    ['5 minutes', minutesAgo(5), 70, 'SIM changed 5 min ago'],
    ['just under 24 h', hoursAgo(23.99), 70, 'SIM changed 24 h ago'],
    ['exactly 24 h', hoursAgo(24), 50, 'SIM changed 24 h ago'],
    ['3 h', hoursAgo(3), 70, 'SIM changed 3 h ago'],
    ['71 h', hoursAgo(71), 50, 'SIM changed 3 d ago'],
    ['exactly 72 h', hoursAgo(72), 35, 'SIM changed 3 d ago'],
    ['6 days', hoursAgo(6 * 24), 35, 'SIM changed 6 d ago'],
    ['exactly 7 days', hoursAgo(168), 20, 'SIM changed 7 d ago'],
    ['29 days', hoursAgo(29 * 24), 20, 'SIM changed 29 d ago'],
  ])('a swap %s ago weighs %i', (_label, at, weight, message) => {
    const hit = rule.evaluate(swappedAt(at));
    expect(hit).toMatchObject({ code: 'SIM_SWAP_RECENT', weight, message });
    expect(hit?.critical).toBeUndefined();
  });

  it.each([
    ['no swap in the monitored period', null],
    ['exactly 30 days', hoursAgo(720)],
    ['a year', hoursAgo(365 * 24)],
  ])('does not fire for %s', (_label, at) => {
    expect(rule.evaluate(swappedAt(at))).toBeNull();
  });

  it('does not fire without any signal', () => {
    expect(rule.evaluate(aContext({ signal: null }))).toBeNull();
  });

  it('reports the age in hours with one decimal, and nothing personal', () => {
    expect(rule.evaluate(swappedAt(minutesAgo(192)))?.evidence).toEqual({
      ageHours: 3.2,
      bandWithinHours: 24,
    });
  });

  it('treats a swap reported in the future (clock skew) as just now', () => {
    expect(rule.evaluate(swappedAt(hoursAgo(-1)))).toMatchObject({
      weight: 70,
      evidence: { ageHours: 0 },
    });
  });

  it.each([
    [hoursAgo(1), true],
    [hoursAgo(167.9), true],
    [hoursAgo(168), false],
    [hoursAgo(600), false],
  ])('blocks SMS within the policy window (swap at %s → %s)', (at, blocks) => {
    expect(rule.evaluate(swappedAt(at))?.blocksSms).toBe(blocks);
  });

  it('takes the SMS window from the policy settings, not its own params', () => {
    const shortWindow = simSwapRecency.create(
      'r',
      simSwapRecency.params.parse({ bands: [{ withinHours: 720, weight: 20 }] }),
      { smsOtpBlockedForHours: 2 },
    );
    expect(shortWindow.evaluate(swappedAt(hoursAgo(3)))?.blocksSms).toBe(false);
    expect(shortWindow.evaluate(swappedAt(hoursAgo(1)))?.blocksSms).toBe(true);
  });

  it.each([
    ['empty bands', { bands: [] }, ['bands']],
    [
      'unordered bands',
      {
        bands: [
          { withinHours: 72, weight: 50 },
          { withinHours: 24, weight: 40 },
        ],
      },
      ['bands', 1, 'withinHours'],
    ],
    [
      'an older band weighing more',
      {
        bands: [
          { withinHours: 24, weight: 40 },
          { withinHours: 72, weight: 50 },
        ],
      },
      ['bands', 1, 'weight'],
    ],
    ['a weight above 100', { bands: [{ withinHours: 24, weight: 101 }] }, ['bands', 0, 'weight']],
    ['a fractional weight', { bands: [{ withinHours: 24, weight: 1.5 }] }, ['bands', 0, 'weight']],
    [
      'a negative window',
      { bands: [{ withinHours: -1, weight: 10 }] },
      ['bands', 0, 'withinHours'],
    ],
    ['an unknown field', { bands: [{ withinHours: 24, weight: 10 }], extra: 1 }, []],
  ])('rejects %s', (_label, params, path) => {
    const result = simSwapRecency.params.safeParse(params);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });
});
