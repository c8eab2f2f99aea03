import { z } from 'zod';
import type { RuleKind } from '../rule-kind.ts';
import { WeightSchema } from './param-schemas.ts';

const ParamsSchema = z.strictObject({ weight: WeightSchema });

/** Params of `accountFrozen`. */
export type AccountFrozenParams = z.infer<typeof ParamsSchema>;

/**
 * `accountFrozen` — the account was frozen by an earlier decision and an admin has not unfrozen it:
 * critical (DENY). It does not ask to freeze again: `Assessment.freeze` reports new freezes only.
 */
export const accountFrozen: RuleKind<AccountFrozenParams> = {
  kind: 'accountFrozen',
  description: 'The account is frozen until an admin unfreezes it.',
  params: ParamsSchema,
  create(id, params) {
    return {
      id,
      kind: 'accountFrozen',
      evaluate(ctx) {
        if (ctx.accountFrozen !== true) {
          return null;
        }
        return {
          code: 'ACCOUNT_FROZEN',
          message: 'The account is frozen until an administrator unfreezes it',
          weight: params.weight,
          evidence: {},
          critical: true,
        };
      },
    };
  },
};
