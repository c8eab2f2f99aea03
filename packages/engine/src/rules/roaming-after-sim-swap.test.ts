import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../policy/compile-policy.ts';
import { DEFAULT_POLICY } from '../policy/default-policy.ts';
import { aContext, aSignal, hoursAgo, ruleOf } from '../testing/fixtures.ts';
import { roamingAfterSimSwap } from './roaming-after-sim-swap.ts';

const rule = ruleOf(roamingAfterSimSwap, { withinHours: 72, weight: 20 });
const ctx = (swapHoursAgo: number | null, telcoUsage?: Record<string, unknown>) =>
  aContext({
    signal: aSignal({ lastSwapAt: swapHoursAgo === null ? null : hoursAgo(swapHoursAgo) }),
    payment: { telcoUsage },
  });

describe('roamingAfterSimSwap', () => {
  it.each([
    ['roaming in MZ 3 h after a swap', ctx(3, { roaming: true, roamingCountry: 'MZ' }), 3, 'MZ'],
    ['roaming (no country) 71.9 h after a swap', ctx(71.9, { roaming: true }), 71.9, null],
  ])('fires for %s', (_label, context, swapAgeHours, country) => {
    expect(rule.evaluate(context)).toMatchObject({
      code: 'ROAMING_AFTER_SIM_SWAP',
      weight: 20,
      evidence: { swapAgeHours, withinHours: 72, country },
      blocksSms: true,
    });
  });

  it('says where and how long ago', () => {
    expect(rule.evaluate(ctx(3, { roaming: true, roamingCountry: 'MZ' }))?.message).toBe(
      'Roaming in MZ; SIM changed 3 h ago',
    );
  });

  it.each([
    ['roaming exactly 72 h after a swap', ctx(72, { roaming: true })],
    ['roaming without any swap', ctx(null, { roaming: true })],
    [
      'roaming with no SIM signal at all',
      aContext({ signal: null, payment: { telcoUsage: { roaming: true } } }),
    ],
    ['at home right after a swap', ctx(1, { roaming: false })],
    ['no roaming flag right after a swap', ctx(1, { roamingCountry: 'MZ' })],
    ['no snapshot right after a swap', ctx(1)],
    ['an ill-formed snapshot right after a swap', ctx(1, { roaming: true, calls24h: -1 })],
  ])('does not fire for %s', (_label, context) => {
    expect(rule.evaluate(context)).toBeNull();
  });

  it.each([
    ['a zero window', { withinHours: 0, weight: 20 }, 'rules[0].params.withinHours'],
    ['a missing weight', { withinHours: 72 }, 'rules[0].params.weight'],
  ])('is refused by the policy schema with %s', (_label, params, path) => {
    const result = compilePolicy({
      ...DEFAULT_POLICY,
      rules: [{ id: 'roam', kind: 'roamingAfterSimSwap', params }],
    });
    expect(result.issues?.map((i) => i.path)).toEqual([path]);
  });
});
