import { describe, expect, it } from 'vitest';
import { aContext, ruleOf } from '../testing/fixtures.ts';
import { newPayeeHighAmount } from './new-payee-high-amount.ts';

const rule = ruleOf(newPayeeHighAmount); // ZAR 500,000 minor = R5,000
const paying = (minor: number, isNew: boolean | undefined, currency = 'ZAR') =>
  aContext({
    payment: {
      amount: { minor, currency },
      payee: isNew === undefined ? { accountId: 'acc-9' } : { accountId: 'acc-9', isNew },
    },
  });

describe('newPayeeHighAmount', () => {
  it('fires for R5,000 to a new payee', () => {
    expect(rule.evaluate(paying(500_000, true))).toEqual({
      code: 'NEW_PAYEE_HIGH_AMOUNT',
      message: 'ZAR 5,000.00 to a new payee',
      weight: 25,
      evidence: { amountMinor: 500_000, thresholdMinor: 500_000 },
    });
  });

  it.each([
    ['R4,999.99 to a new payee', paying(499_999, true)],
    ['R50,000 to a known payee', paying(5_000_000, false)],
    ['a payee of unknown novelty', paying(5_000_000, undefined)],
    ['a currency without a threshold', paying(5_000_000, true, 'USD')],
    ['no payee', aContext({ payment: { payee: undefined } })],
  ])('does not fire for %s', (_label, ctx) => {
    expect(rule.evaluate(ctx)).toBeNull();
  });
});
