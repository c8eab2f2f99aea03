import { z } from 'zod';
import { separationKm } from '../geo.ts';
import type { RuleKind } from '../rule-kind.ts';
import { MS_PER_HOUR, round1 } from '../time.ts';
import { HoursSchema, WeightSchema } from './param-schemas.ts';

const ParamsSchema = z.strictObject({
  /** Further than this from the last known location… */
  minDistanceKm: z.number().positive().max(20_100),
  /** …within this many hours of it. */
  windowHours: HoursSchema,
  weight: WeightSchema,
});

/** Params of `suddenLocationChange`. */
export type SuddenLocationChangeParams = z.infer<typeof ParamsSchema>;

/**
 * `suddenLocationChange` — the payment is more than `minDistanceKm` from the last known location,
 * which was seen less than `windowHours` before it (plausible travel, but a change worth weighing).
 */
export const suddenLocationChange: RuleKind<SuddenLocationChangeParams> = {
  kind: 'suddenLocationChange',
  description: 'More than minDistanceKm from the last known location within windowHours.',
  params: ParamsSchema,
  create(id, params) {
    return {
      id,
      kind: 'suddenLocationChange',
      evaluate(ctx) {
        const last = ctx.history.lastLocation;
        const here = ctx.payment.location;
        if (last === undefined || here === undefined) {
          return null;
        }
        const hours = Math.abs(ctx.payment.occurredAt.getTime() - last.at.getTime()) / MS_PER_HOUR;
        if (hours > params.windowHours) {
          return null;
        }
        const distanceKm = separationKm(last, here);
        if (distanceKm <= params.minDistanceKm) {
          return null;
        }
        return {
          code: 'LOCATION_JUMP',
          message: `${Math.round(distanceKm)} km from the last known location, seen ${round1(hours)} h earlier`,
          weight: params.weight,
          evidence: { distanceKm: Math.round(distanceKm), hours: round1(hours) },
        };
      },
    };
  },
};
