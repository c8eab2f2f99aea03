import { z } from 'zod';
import type { RuleKind } from '../rule-kind.ts';
import type { DeviceSighting } from '../signals.ts';
import { isWithin } from '../time.ts';
import { CountSchema, MinutesSchema, WeightSchema } from './param-schemas.ts';

const ParamsSchema = z.strictObject({
  windowMinutes: MinutesSchema,
  /** Accounts on one device, this payment's included, from which the rule fires. */
  minAccounts: CountSchema.min(2),
  weight: WeightSchema,
  /** Freeze the account (SHIELD: freeze all accounts involved). */
  freeze: z.boolean(),
});

/** Params of `fleetAnomaly`. */
export type FleetAnomalyParams = z.infer<typeof ParamsSchema>;

/**
 * The accounts seen on `deviceId` within `windowMinutes` before `now`, `userId` included, sorted.
 * The service uses it to freeze the other accounts the fleet rule found.
 */
export function accountsOnDevice(
  sightings: readonly DeviceSighting[],
  deviceId: string,
  userId: string,
  now: Date,
  windowMinutes: number,
): string[] {
  const accounts = new Set([userId]);
  for (const s of sightings) {
    if (s.deviceId === deviceId && isWithin(s.at, now, windowMinutes * 60_000)) {
      accounts.add(s.userId);
    }
  }
  return [...accounts].sort();
}

/**
 * `fleetAnomaly` — one device on several accounts within a short window (SHIELD's credential
 * stuffing across accounts): critical, and by default the account is frozen.
 */
export const fleetAnomaly: RuleKind<FleetAnomalyParams> = {
  kind: 'fleetAnomaly',
  description: 'One device used on at least minAccounts accounts within windowMinutes.',
  params: ParamsSchema,
  create(id, params) {
    return {
      id,
      kind: 'fleetAnomaly',
      evaluate(ctx) {
        const accounts = accountsOnDevice(
          ctx.deviceSightings ?? [],
          ctx.payment.device.id,
          ctx.payment.userId,
          ctx.now,
          params.windowMinutes,
        ).length;
        if (accounts < params.minAccounts) {
          return null;
        }
        return {
          code: 'FLEET_ANOMALY',
          message: `This device was used on ${accounts} accounts in the last ${params.windowMinutes} min`,
          weight: params.weight,
          evidence: { accounts, windowMinutes: params.windowMinutes },
          critical: true,
          freeze: params.freeze,
        };
      },
    };
  },
};
