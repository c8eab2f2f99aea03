import { z } from 'zod';
import { formatMoney } from '../money.ts';
import type { RuleKind } from '../rule-kind.ts';
import type { PaymentMemory } from '../signals.ts';
import { isWithin } from '../time.ts';
import { AmountPerCurrencySchema, MinutesSchema, WeightSchema } from './param-schemas.ts';

const ParamsSchema = z.strictObject({
  windowMinutes: MinutesSchema,
  /** Per currency, minor units: fires when the window's total reaches it. No entry = no limit. */
  thresholdMinor: AmountPerCurrencySchema,
  weight: WeightSchema,
});

/** Params of `velocityAmount`. */
export type VelocityAmountParams = z.infer<typeof ParamsSchema>;

/**
 * `velocityAmount` — the total sent in this currency within the window, this payment included,
 * reaches the currency's threshold (draining an account in several smaller payments).
 */
export const velocityAmount: RuleKind<VelocityAmountParams> = {
  kind: 'velocityAmount',
  description: 'Total in one currency within windowMinutes (this payment included) ≥ threshold.',
  params: ParamsSchema,
  create(id, params) {
    const windowMs = params.windowMinutes * 60_000;
    return {
      id,
      kind: 'velocityAmount',
      evaluate(ctx) {
        const { amount } = ctx.payment;
        const threshold = params.thresholdMinor[amount.currency];
        if (threshold === undefined) {
          return null;
        }
        // One indexed loop, no intermediate array or iterator: this rule runs on every assessment.
        const payments = ctx.history.recentPayments;
        let sumMinor = amount.minor;
        let earlier = 0;
        for (let i = 0; i < payments.length; i++) {
          const p = payments[i] as PaymentMemory;
          if (p.amount.currency === amount.currency && isWithin(p.at, ctx.now, windowMs)) {
            sumMinor += p.amount.minor;
            earlier++;
          }
        }
        if (sumMinor < threshold) {
          return null;
        }
        return {
          code: 'VELOCITY_AMOUNT',
          message: `${earlier + 1} payments totalling ${formatMoney({ minor: sumMinor, currency: amount.currency })} in the last ${params.windowMinutes} min`,
          weight: params.weight,
          evidence: { sumMinor, thresholdMinor: threshold, payments: earlier + 1 },
        };
      },
    };
  },
};
