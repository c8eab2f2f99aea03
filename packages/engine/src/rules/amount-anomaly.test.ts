import fc from 'fast-check';
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

describe('amountAnomaly against the plain filter-map-sort median', () => {
  it('finds the same median and samples in any order of payments', () => {
    const payment = fc.record({
      minor: fc.integer({ min: 1, max: 50 }).map((n) => n * 1_000), // ties are likely
      action: fc.constantFrom<PaymentMemory['action']>('APPROVE', 'APPROVE', 'STEP_UP', 'DENY'),
      currency: fc.constantFrom('ZAR', 'ZAR', 'USD'),
    });
    fc.assert(
      fc.property(fc.array(payment, { maxLength: 25 }), (payments) => {
        const recentPayments = payments.map((p, i) => ({
          decisionId: `d-${i}`,
          at: hoursAgo(i + 1),
          amount: { minor: p.minor, currency: p.currency },
          action: p.action,
        }));
        const samples = recentPayments
          .filter((p) => p.action === 'APPROVE' && p.amount.currency === 'ZAR')
          .map((p) => p.amount.minor)
          .sort((a, b) => a - b);
        const mid = Math.floor(samples.length / 2);
        const median =
          samples.length % 2 === 1
            ? samples[mid]
            : ((samples[mid - 1] ?? 0) + (samples[mid] ?? 0)) / 2;
        // An amount far above any median: the rule fires whenever it has enough samples.
        const hit = rule.evaluate(paying(100_000_000, recentPayments));
        if (samples.length < 5) {
          expect(hit).toBeNull();
        } else {
          expect(hit?.evidence).toMatchObject({ medianMinor: median, samples: samples.length });
        }
      }),
    );
  });
});
