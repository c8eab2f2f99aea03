import { z } from 'zod';
import type { RuleKind } from '../rule-kind.ts';
import { simSwapAgeHours } from '../sim-swap-age.ts';
import { telcoUsageOf } from '../telco-usage.ts';
import { formatAge, round1 } from '../time.ts';
import { HoursSchema, WeightSchema } from './param-schemas.ts';

const ParamsSchema = z.strictObject({
  /** Fires when the line roams and its SIM was changed less than this long ago. */
  withinHours: HoursSchema,
  weight: WeightSchema,
});

/** Params of `roamingAfterSimSwap`. */
export type RoamingAfterSimSwapParams = z.infer<typeof ParamsSchema>;

/**
 * `roamingAfterSimSwap` — the line is roaming (`telcoUsage.roaming`) and its SIM was changed within
 * `withinHours`: the new SIM is being used abroad, away from its customer. Silent when the roaming
 * flag is absent or no swap is known.
 */
export const roamingAfterSimSwap: RuleKind<RoamingAfterSimSwapParams> = {
  kind: 'roamingAfterSimSwap',
  description: 'The line roams and its SIM was changed within withinHours.',
  params: ParamsSchema,
  create(id, params) {
    return {
      id,
      kind: 'roamingAfterSimSwap',
      evaluate(ctx) {
        const usage = telcoUsageOf(ctx.payment);
        if (usage?.roaming !== true) {
          return null;
        }
        const ageHours = simSwapAgeHours(ctx.simSwap.signal, ctx.now);
        if (ageHours === null || ageHours >= params.withinHours) {
          return null;
        }
        const country = usage.roamingCountry ?? null;
        return {
          code: 'ROAMING_AFTER_SIM_SWAP',
          message: `Roaming${country === null ? '' : ` in ${country}`}; SIM changed ${formatAge(ageHours)} ago`,
          weight: params.weight,
          evidence: { swapAgeHours: round1(ageHours), withinHours: params.withinHours, country },
          blocksSms: true,
        };
      },
    };
  },
};
