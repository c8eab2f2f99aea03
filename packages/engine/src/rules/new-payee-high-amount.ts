import { z } from 'zod';
import { formatMoney } from '../money.ts';
import type { RuleKind } from '../rule-kind.ts';
import { AmountPerCurrencySchema, WeightSchema } from './param-schemas.ts';

const ParamsSchema = z.strictObject({
  /** Per currency, minor units. No entry = the rule never fires for that currency. */
  thresholdMinor: AmountPerCurrencySchema,
  weight: WeightSchema,
});

/** Params of `newPayeeHighAmount`. */
export type NewPayeeHighAmountParams = z.infer<typeof ParamsSchema>;

/** `newPayeeHighAmount` — a first payment to this payee, at or above the currency's threshold. */
export const newPayeeHighAmount: RuleKind<NewPayeeHighAmountParams> = {
  kind: 'newPayeeHighAmount',
  description: 'New payee and amount ≥ the per-currency threshold.',
  params: ParamsSchema,
  create(id, params) {
    return {
      id,
      kind: 'newPayeeHighAmount',
      evaluate(ctx) {
        const { amount, payee } = ctx.payment;
        const threshold = params.thresholdMinor[amount.currency];
        if (payee?.isNew !== true || threshold === undefined || amount.minor < threshold) {
          return null;
        }
        return {
          code: 'NEW_PAYEE_HIGH_AMOUNT',
          message: `${formatMoney(amount)} to a new payee`,
          weight: params.weight,
          evidence: { amountMinor: amount.minor, thresholdMinor: threshold },
        };
      },
    };
  },
};
