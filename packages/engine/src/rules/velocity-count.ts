import { z } from 'zod';
import type { RuleKind } from '../rule-kind.ts';
import type { PaymentMemory } from '../signals.ts';
import { isWithin } from '../time.ts';
import { CountSchema, MinutesSchema, WeightSchema } from './param-schemas.ts';

const ParamsSchema = z.strictObject({
  windowMinutes: MinutesSchema,
  /** Fires when the user already made at least this many payments in the window. */
  maxCount: CountSchema,
  weight: WeightSchema,
});

/** Params of `velocityCount`. */
export type VelocityCountParams = z.infer<typeof ParamsSchema>;

/** `velocityCount` — many payments by this user in a short window (every outcome counts). */
export const velocityCount: RuleKind<VelocityCountParams> = {
  kind: 'velocityCount',
  description: 'At least maxCount earlier payments within windowMinutes.',
  params: ParamsSchema,
  create(id, params) {
    const windowMs = params.windowMinutes * 60_000;
    return {
      id,
      kind: 'velocityCount',
      evaluate(ctx) {
        // An indexed loop, not filter(...).length nor for-of: no array, closure or iterator per
        // assessment on the hot path (the iterators of this rule and velocityAmount were each
        // about 1 % of the in-memory risk-api's allocations, issue 17's sixth session).
        const payments = ctx.history.recentPayments;
        let count = 0;
        for (let i = 0; i < payments.length; i++) {
          if (isWithin((payments[i] as PaymentMemory).at, ctx.now, windowMs)) {
            count++;
          }
        }
        if (count < params.maxCount) {
          return null;
        }
        return {
          code: 'VELOCITY_COUNT',
          message: `${count} payments in the last ${params.windowMinutes} min`,
          weight: params.weight,
          evidence: { count, windowMinutes: params.windowMinutes },
        };
      },
    };
  },
};
