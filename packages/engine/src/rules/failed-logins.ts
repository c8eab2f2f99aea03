import { z } from 'zod';
import type { RuleKind } from '../rule-kind.ts';
import { isWithin, MS_PER_HOUR } from '../time.ts';
import { CountSchema, HoursSchema, WeightSchema } from './param-schemas.ts';

const ParamsSchema = z.strictObject({
  minCount: CountSchema,
  windowHours: HoursSchema,
  weight: WeightSchema,
});

/** Params of `failedLogins`. */
export type FailedLoginsParams = z.infer<typeof ParamsSchema>;

/** `failedLogins` — at least `minCount` failed logins reported by the bank within `windowHours`. */
export const failedLogins: RuleKind<FailedLoginsParams> = {
  kind: 'failedLogins',
  description: 'At least minCount failed logins within windowHours.',
  params: ParamsSchema,
  create(id, params) {
    const windowMs = params.windowHours * MS_PER_HOUR;
    return {
      id,
      kind: 'failedLogins',
      evaluate(ctx) {
        const count = ctx.history.failedLogins.filter((at) =>
          isWithin(at, ctx.now, windowMs),
        ).length;
        if (count < params.minCount) {
          return null;
        }
        return {
          code: 'FAILED_LOGINS',
          message: `${count} failed logins in the last ${params.windowHours} h`,
          weight: params.weight,
          evidence: { count, windowHours: params.windowHours },
        };
      },
    };
  },
};
