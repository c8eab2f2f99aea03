import { describe, expect, it } from 'vitest';
import type { PaymentMemory } from '../signals.ts';
import { aContext, minutesAgo, ruleOf } from '../testing/fixtures.ts';
import { velocityCount } from './velocity-count.ts';

const rule = ruleOf(velocityCount);
const paymentsAt = (...minutes: number[]): PaymentMemory[] =>
  minutes.map((m, i) => ({
    decisionId: `d-${i}`,
    at: minutesAgo(m),
    amount: { minor: 10_000, currency: 'ZAR' },
    action: 'APPROVE',
  }));

describe('velocityCount', () => {
  it.each([
    ['5 payments in the last hour', paymentsAt(1, 5, 10, 30, 59), 5],
    [
      '6, one of them denied',
      [...paymentsAt(1, 2, 3, 4, 5), { ...paymentsAt(6)[0]!, action: 'DENY' as const }],
      6,
    ],
    ['5 with one exactly 60 min ago', paymentsAt(1, 2, 3, 4, 60), 5],
  ])('fires for %s', (_label, recentPayments, count) => {
    expect(rule.evaluate(aContext({ history: { recentPayments } }))).toEqual({
      code: 'VELOCITY_COUNT',
      message: `${count} payments in the last 60 min`,
      weight: 30,
      evidence: { count, windowMinutes: 60 },
    });
  });

  it.each([
    ['4 payments in the last hour', paymentsAt(1, 2, 3, 4)],
    ['5 with one 61 min ago', paymentsAt(1, 2, 3, 4, 61)],
    ['no history', []],
  ])('does not fire for %s', (_label, recentPayments) => {
    expect(rule.evaluate(aContext({ history: { recentPayments } }))).toBeNull();
  });

  it('rejects a zero count', () => {
    expect(
      velocityCount.params.safeParse({ windowMinutes: 60, maxCount: 0, weight: 30 }).success,
    ).toBe(false);
  });
});
