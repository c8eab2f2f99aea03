import { describe, expect, it } from 'vitest';
import type { PaymentMemory } from '../signals.ts';
import { aContext, hoursAgo, ruleOf } from '../testing/fixtures.ts';
import { amountAnomaly } from './amount-anomaly.ts';

const rule = ruleOf(amountAnomaly); // ≥ 5 × median of ≥ 5 approved payments
const history = (
  minors: number[],
  action: PaymentMemory['action'] = 'APPROVE',
  currency = 'ZAR',
): PaymentMemory[] =>
  minors.map((minor, i) => ({
    decisionId: `d-${i}`,
    at: hoursAgo(24 * (i + 1)),
    amount: { minor, currency },
    action,
  }));
const paying = (minor: number, recentPayments: PaymentMemory[]) =>
  aContext({ payment: { amount: { minor, currency: 'ZAR' } }, history: { recentPayments } });

const TYPICAL = history([10_000, 20_000, 30_000, 40_000, 900_000]); // median R300

describe('amountAnomaly', () => {
  it('fires at 5× the median of approved payments', () => {
    expect(rule.evaluate(paying(150_000, TYPICAL))).toEqual({
      code: 'AMOUNT_ANOMALY',
      message: "ZAR 1,500.00 is 5× this customer's typical payment",
      weight: 30,
      evidence: { ratio: 5, medianMinor: 30_000, samples: 5 },
    });
  });

  it('uses the mean of the middle two for an even number of samples', () => {
    const hit = rule.evaluate(
      paying(180_000, history([10_000, 20_000, 30_000, 40_000, 50_000, 60_000])),
    );
    expect(hit?.evidence).toEqual({ ratio: 5.1, medianMinor: 35_000, samples: 6 });
  });

  it.each([
    ['just below 5×', paying(149_999, TYPICAL)],
    ['only 4 approved payments', paying(1_000_000, history([10_000, 20_000, 30_000, 40_000]))],
    [
      'only denied payments',
      paying(1_000_000, history([10_000, 20_000, 30_000, 40_000, 50_000], 'DENY')),
    ],
    [
      'history in another currency',
      paying(1_000_000, history([100, 100, 100, 100, 100], 'APPROVE', 'USD')),
    ],
  ])('does not fire for %s', (_label, ctx) => {
    expect(rule.evaluate(ctx)).toBeNull();
  });

  it('rejects a multiplier below 1', () => {
    expect(
      amountAnomaly.params.safeParse({ multiplier: 0.5, minSamples: 5, weight: 30 }).error
        ?.issues[0]?.path,
    ).toEqual(['multiplier']);
  });
});
