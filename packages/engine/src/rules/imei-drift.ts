import { z } from 'zod';
import type { RuleKind } from '../rule-kind.ts';
import { hoursBetween, round1 } from '../time.ts';
import { hasImeiDrift, referenceImei } from './device-facts.ts';
import { WeightSchema } from './param-schemas.ts';

const ParamsSchema = z.strictObject({ weight: WeightSchema });

/** Params of `imeiDrift`. */
export type ImeiDriftParams = z.infer<typeof ParamsSchema>;

/**
 * `imeiDrift` — the handset's IMEI differs from the last IMEI seen with this phone number (or, before
 * any sighting, from the IMEI registered with the bound device): the SIM moved to another phone.
 * Evidence never holds the IMEIs.
 */
export const imeiDrift: RuleKind<ImeiDriftParams> = {
  kind: 'imeiDrift',
  description:
    'IMEI differs from the last IMEI seen with this phone number or registered with the device.',
  params: ParamsSchema,
  create(id, params) {
    return {
      id,
      kind: 'imeiDrift',
      evaluate(ctx) {
        const reference = referenceImei(ctx);
        if (reference === undefined || !hasImeiDrift(ctx)) {
          return null;
        }
        return {
          code: 'IMEI_DRIFT',
          message: 'This phone number is now used in a different handset',
          weight: params.weight,
          evidence: {
            referenceSource: reference.source,
            referenceAgeHours: round1(hoursBetween(reference.at, ctx.now)),
          },
        };
      },
    };
  },
};
