import { z } from 'zod';
import { formatMoney } from '../money.ts';
import type { RuleKind } from '../rule-kind.ts';
import type { PaymentMemory } from '../signals.ts';
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

/** Inserts `value` into the ascending `sorted` after any equal values. */
function insertSorted(sorted: number[], value: number): void {
  let i = sorted.length;
  sorted.push(value);
  while (i > 0 && (sorted[i - 1] as number) > value) {
    sorted[i] = sorted[i - 1] as number;
    i--;
  }
  sorted[i] = value;
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
        // One array, filled in order by an insertion sort: filter-map-sort made three arrays, two
        // closures and the sort's own copy on every assessment (about twenty payments).
        const payments = ctx.history.recentPayments;
        const samples: number[] = [];
        for (let i = 0; i < payments.length; i++) {
          const p = payments[i] as PaymentMemory;
          if (p.action === 'APPROVE' && p.amount.currency === amount.currency) {
            insertSorted(samples, p.amount.minor);
          }
        }
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
