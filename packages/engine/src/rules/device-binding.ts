import { z } from 'zod';
import type { RuleKind } from '../rule-kind.ts';
import { round1 } from '../time.ts';
import { boundAgeHours, findBoundDevice } from './device-facts.ts';
import { HoursSchema, WeightSchema } from './param-schemas.ts';

const ParamsSchema = z.strictObject({
  unknownUserWeight: WeightSchema,
  unknownDeviceWeight: WeightSchema,
  recentlyBoundWeight: WeightSchema,
  /** A device bound less than this many hours ago is "recently bound". */
  minBoundHours: HoursSchema,
});

/** Params of `deviceBinding`. */
export type DeviceBindingParams = z.infer<typeof ParamsSchema>;

/**
 * `deviceBinding` — the payment comes from a device the bank never bound to this customer, or
 * bound only recently; or the customer is unknown to the bank altogether.
 */
export const deviceBinding: RuleKind<DeviceBindingParams> = {
  kind: 'deviceBinding',
  description: 'Unknown user, unbound device, or device bound less than minBoundHours ago.',
  params: ParamsSchema,
  create(id, params) {
    return {
      id,
      kind: 'deviceBinding',
      evaluate(ctx) {
        if (ctx.profile === null) {
          return {
            code: 'USER_UNKNOWN',
            message: 'The bank has not onboarded this customer with Sentinel',
            weight: params.unknownUserWeight,
            evidence: {},
          };
        }
        const bound = findBoundDevice(ctx);
        if (bound === undefined) {
          return {
            code: 'DEVICE_UNKNOWN',
            message: 'Payment from a device not bound to this customer',
            weight: params.unknownDeviceWeight,
            evidence: { boundDevices: ctx.profile.devices.length },
          };
        }
        const ageHours = boundAgeHours(bound, ctx.now);
        if (ageHours >= params.minBoundHours) {
          return null;
        }
        return {
          code: 'DEVICE_RECENTLY_BOUND',
          message: `Device bound only ${round1(Math.max(0, ageHours))} h ago`,
          weight: params.recentlyBoundWeight,
          evidence: { boundHoursAgo: round1(ageHours), minBoundHours: params.minBoundHours },
        };
      },
    };
  },
};
