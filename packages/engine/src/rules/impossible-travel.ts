import { z } from 'zod';
import { separationKm } from '../geo.ts';
import type { RuleKind } from '../rule-kind.ts';
import { MS_PER_HOUR } from '../time.ts';
import { WeightSchema } from './param-schemas.ts';

const ParamsSchema = z.strictObject({
  /** Faster than this between the last known location and this payment is not travel. */
  maxSpeedKmh: z.number().positive().max(100_000),
  weight: WeightSchema,
});

/** Params of `impossibleTravel`. */
export type ImpossibleTravelParams = z.infer<typeof ParamsSchema>;

/**
 * `impossibleTravel` — geovelocity between the last known location and this payment's location
 * exceeds `maxSpeedKmh`. Distance inside both fixes' accuracy radii is ignored; two distinct places
 * at the same instant are unboundedly fast (speed reported as null).
 */
export const impossibleTravel: RuleKind<ImpossibleTravelParams> = {
  kind: 'impossibleTravel',
  description: 'Speed between consecutive locations above maxSpeedKmh.',
  params: ParamsSchema,
  create(id, params) {
    return {
      id,
      kind: 'impossibleTravel',
      evaluate(ctx) {
        const last = ctx.history.lastLocation;
        const here = ctx.payment.location;
        if (last === undefined || here === undefined) {
          return null;
        }
        const distanceKm = separationKm(last, here);
        if (distanceKm === 0) {
          return null;
        }
        // Events may arrive out of order; the speed is the same either way.
        const hours = Math.abs(ctx.payment.occurredAt.getTime() - last.at.getTime()) / MS_PER_HOUR;
        const speedKmh = hours === 0 ? Number.POSITIVE_INFINITY : distanceKm / hours;
        if (speedKmh <= params.maxSpeedKmh) {
          return null;
        }
        const finite = Number.isFinite(speedKmh);
        return {
          code: 'IMPOSSIBLE_TRAVEL',
          message: finite
            ? `Moved ${Math.round(distanceKm)} km at ${Math.round(speedKmh)} km/h since the last location`
            : `Seen ${Math.round(distanceKm)} km apart at the same moment`,
          weight: params.weight,
          evidence: {
            speedKmh: finite ? Math.round(speedKmh) : null,
            distanceKm: Math.round(distanceKm),
            minutes: Math.round(hours * 60),
          },
        };
      },
    };
  },
};
