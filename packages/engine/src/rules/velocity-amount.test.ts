import { describe, expect, it } from 'vitest';
import type { Money } from '../payment.ts';
import type { PaymentMemory } from '../signals.ts';
import { aContext, minutesAgo, ruleOf } from '../testing/fixtures.ts';
import { velocityAmount } from './velocity-amount.ts';

const rule = ruleOf(velocityAmount); // ZAR 2,000,000 minor (R20,000) per 60 min
const paid = (minutes: number, minor: number, currency = 'ZAR'): PaymentMemory => ({
  decisionId: `d-${minutes}`,
  at: minutesAgo(minutes),
  amount: { minor, currency },
  action: 'APPROVE',
});
const ctx = (amount: Money, recentPayments: PaymentMemory[]) =>
  aContext({ payment: { amount }, history: { recentPayments } });

describe('velocityAmount', () => {
  it('fires when this payment brings the hour to the threshold', () => {
    expect(
      rule.evaluate(
        ctx({ minor: 500_000, currency: 'ZAR' }, [paid(10, 1_000_000), paid(50, 500_000)]),
      ),
    ).toEqual({
      code: 'VELOCITY_AMOUNT',
      message: '3 payments totalling ZAR 20,000.00 in the last 60 min',
      weight: 30,
      evidence: { sumMinor: 2_000_000, thresholdMinor: 2_000_000, payments: 3 },
    });
  });

  it('fires for a single payment at the threshold', () => {
    expect(rule.evaluate(ctx({ minor: 2_000_000, currency: 'ZAR' }, []))?.code).toBe(
      'VELOCITY_AMOUNT',
    );
  });

  it.each([
    ['one minor unit short', ctx({ minor: 499_999, currency: 'ZAR' }, [paid(10, 1_500_000)])],
    [
      'older payments outside the hour',
      ctx({ minor: 500_000, currency: 'ZAR' }, [paid(61, 1_500_000)]),
    ],
    [
      'payments in another currency',
      ctx({ minor: 500_000, currency: 'ZAR' }, [paid(10, 1_500_000, 'USD')]),
    ],
    ['a currency without a threshold', ctx({ minor: 9_000_000, currency: 'USD' }, [])],
  ])('does not fire for %s', (_label, context) => {
    expect(rule.evaluate(context)).toBeNull();
  });

  it.each([{ zar: 1 }, { ZAR: 0 }, { ZAR: 1.5 }])('rejects thresholds %j', (thresholdMinor) => {
    const result = velocityAmount.params.safeParse({
      windowMinutes: 60,
      thresholdMinor,
      weight: 30,
    });
    expect(result.error?.issues[0]?.path[0]).toBe('thresholdMinor');
  });
});
