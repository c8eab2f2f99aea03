import { z } from 'zod';
import type { RuleKind } from '../rule-kind.ts';
import { WeightSchema } from './param-schemas.ts';

const ParamsSchema = z.strictObject({ weight: WeightSchema });

/** Params of `phoneMismatch`. */
export type PhoneMismatchParams = z.infer<typeof ParamsSchema>;

/**
 * `phoneMismatch` — the payment names another phone number than the bank's profile: the SIM swap
 * signal we hold may be for the wrong line. Evidence never holds the numbers.
 */
export const phoneMismatch: RuleKind<PhoneMismatchParams> = {
  kind: 'phoneMismatch',
  description: "Request phone number differs from the profile's phone number.",
  params: ParamsSchema,
  create(id, params) {
    return {
      id,
      kind: 'phoneMismatch',
      evaluate(ctx) {
        if (ctx.profile === null || ctx.profile.phoneNumber === ctx.payment.phoneNumber) {
          return null;
        }
        return {
          code: 'PHONE_NUMBER_MISMATCH',
          message: "The payment's phone number is not the one registered for this customer",
          weight: params.weight,
          evidence: {},
        };
      },
    };
  },
};
