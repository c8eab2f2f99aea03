import { z } from 'zod';
import type { RuleKind } from '../rule-kind.ts';
import { simSwapAgeHours } from '../sim-swap-age.ts';
import { formatAge, round1 } from '../time.ts';
import { boundAgeHours, findBoundDevice, hasImeiDrift } from './device-facts.ts';
import { HoursSchema, WeightSchema } from './param-schemas.ts';

const ParamsSchema = z
  .strictObject({
    /** Look for a device change this long after a swap. */
    withinHours: HoursSchema,
    /** A change this soon after a swap is a hard rule (level CRITICAL); 0 = never critical. */
    criticalWithinHours: z.number().min(0).max(8760),
    /** A device bound less than this long ago counts as new. */
    minBoundHours: HoursSchema,
    weight: WeightSchema,
  })
  .refine((p) => p.criticalWithinHours <= p.withinHours, {
    path: ['criticalWithinHours'],
    message: 'criticalWithinHours may not exceed withinHours',
  });

/** Params of `deviceChangeAfterSimSwap`. */
export type DeviceChangeAfterSimSwapParams = z.infer<typeof ParamsSchema>;

/**
 * `deviceChangeAfterSimSwap` — the classic takeover: the SIM was swapped and the payment comes from
 * a new device (unbound, recently bound, or another IMEI). Critical within `criticalWithinHours`.
 * An unknown user has no bound device, so any device of theirs counts as new.
 */
export const deviceChangeAfterSimSwap: RuleKind<DeviceChangeAfterSimSwapParams> = {
  kind: 'deviceChangeAfterSimSwap',
  description: 'New device or IMEI drift shortly after a SIM swap (critical when very recent).',
  params: ParamsSchema,
  create(id, params) {
    return {
      id,
      kind: 'deviceChangeAfterSimSwap',
      evaluate(ctx) {
        const swapAgeHours = simSwapAgeHours(ctx.simSwap.signal, ctx.now);
        if (swapAgeHours === null || swapAgeHours >= params.withinHours) {
          return null;
        }
        const bound = findBoundDevice(ctx);
        const deviceUnknown = bound === undefined;
        const recentlyBound =
          bound !== undefined && boundAgeHours(bound, ctx.now) < params.minBoundHours;
        const imeiDrift = hasImeiDrift(ctx);
        if (!deviceUnknown && !recentlyBound && !imeiDrift) {
          return null;
        }
        const what =
          imeiDrift && !deviceUnknown && !recentlyBound ? 'Handset (IMEI) changed' : 'New device';
        return {
          code: 'DEVICE_CHANGE_AFTER_SIM_SWAP',
          message: `${what}; SIM changed ${formatAge(swapAgeHours)} ago`,
          weight: params.weight,
          evidence: { swapAgeHours: round1(swapAgeHours), deviceUnknown, recentlyBound, imeiDrift },
          critical: swapAgeHours < params.criticalWithinHours,
          blocksSms: true,
        };
      },
    };
  },
};
