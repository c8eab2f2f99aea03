import { z } from 'zod';
import { formatMoney } from '../money.ts';
import type { RuleKind } from '../rule-kind.ts';
import { round1 } from '../time.ts';
import { CountSchema, WeightSchema } from './param-schemas.ts';

const ParamsSchema = z.strictObject({
  /** Fires at this many times the user's median approved amount or more. */
  multiplier: z.number().min(1).max(1000),
  /** Approved payments in the same currency needed before a median means anything. */
  minSamples: CountSchema,
  weight: WeightSchema,
});

/** Params of `amountAnomaly`. */
export type AmountAnomalyParams = z.infer<typeof ParamsSchema>;

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}

/**
 * `amountAnomaly` — the amount is far above what this user typically pays: at least `multiplier`
 * × the median of their earlier APPROVED payments in the same currency (given `minSamples`).
 */
export const amountAnomaly: RuleKind<AmountAnomalyParams> = {
  kind: 'amountAnomaly',
  description: "Amount ≥ multiplier × median of the user's approved payments in that currency.",
  params: ParamsSchema,
  create(id, params) {
    return {
      id,
      kind: 'amountAnomaly',
      evaluate(ctx) {
        const { amount } = ctx.payment;
        const samples = ctx.history.recentPayments
          .filter((p) => p.action === 'APPROVE' && p.amount.currency === amount.currency)
          .map((p) => p.amount.minor)
          .sort((a, b) => a - b);
        if (samples.length < params.minSamples) {
          return null;
        }
        const medianMinor = median(samples);
        if (medianMinor <= 0 || amount.minor < params.multiplier * medianMinor) {
          return null;
        }
        const ratio = round1(amount.minor / medianMinor);
        return {
          code: 'AMOUNT_ANOMALY',
          message: `${formatMoney(amount)} is ${ratio}× this customer's typical payment`,
          weight: params.weight,
          evidence: { ratio, medianMinor, samples: samples.length },
        };
      },
    };
  },
};
