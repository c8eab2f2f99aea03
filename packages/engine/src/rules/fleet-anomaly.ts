import { z } from 'zod';
import { isBoundTo } from '../effects.ts';
import type { AssessmentContext } from '../rule.ts';
import type { RuleKind } from '../rule-kind.ts';
import { isWithin } from '../time.ts';
import { CountSchema, MinutesSchema, WeightSchema } from './param-schemas.ts';

const ParamsSchema = z.strictObject({
  windowMinutes: MinutesSchema,
  /** Known accounts on one device, this payment's included, from which the rule fires. */
  minAccounts: CountSchema.min(2),
  weight: WeightSchema,
  /** Freeze the accounts attempted from a device not bound to them (SHIELD: all frozen). */
  freeze: z.boolean(),
  /**
   * Freeze the device's own customer too (the device is bound to them). Default no: device ids are
   * not secret, so anyone can name them; that customer is a possible victim and steps up instead.
   */
  freezeBoundCustomer: z.boolean().default(false),
});

/** Params of `fleetAnomaly`. */
export type FleetAnomalyParams = z.infer<typeof ParamsSchema>;

/**
 * The known accounts seen on the payment's device within `windowMinutes` before `now`, the payer
 * included when it is a known customer: user id → whether the device is bound to that account.
 * Sightings exist only for known customers (see `sightingEffect`); an account seen both bound and
 * unbound counts as bound, so a doubt never freezes the device's own customer.
 */
function fleetOnDevice(ctx: AssessmentContext, windowMinutes: number): Map<string, boolean> {
  const deviceId = ctx.payment.device.id;
  const fleet = new Map<string, boolean>();
  for (const s of ctx.deviceSightings ?? []) {
    if (s.deviceId === deviceId && isWithin(s.at, ctx.now, windowMinutes * 60_000)) {
      fleet.set(s.userId, (fleet.get(s.userId) ?? false) || s.bound);
    }
  }
  if (ctx.profile !== null) {
    fleet.set(ctx.payment.userId, isBoundTo(ctx.profile, deviceId));
  }
  return fleet;
}

/**
 * `fleetAnomaly` — one device on several known accounts within a short window (SHIELD's credential
 * stuffing across accounts). The accounts attempted from a device not bound to them are stuffed
 * accounts: critical, and frozen when `freeze`. The device's own customer, when the payer, steps
 * up (HIGH, not critical) and is not frozen unless `freezeBoundCustomer`. A payer who is no known
 * customer counts for nothing and freezes nothing of its own.
 */
export const fleetAnomaly: RuleKind<FleetAnomalyParams> = {
  kind: 'fleetAnomaly',
  description:
    'One device used on at least minAccounts known accounts within windowMinutes; freezes the ' +
    'accounts it is not bound to.',
  params: ParamsSchema,
  create(id, params) {
    const freezes = (bound: boolean) => params.freeze && (!bound || params.freezeBoundCustomer);
    return {
      id,
      kind: 'fleetAnomaly',
      evaluate(ctx) {
        const fleet = fleetOnDevice(ctx, params.windowMinutes);
        if (fleet.size < params.minAccounts) {
          return null;
        }
        const payer = ctx.payment.userId;
        const payerIsBound = fleet.get(payer) === true;
        const victim = payerIsBound && !params.freezeBoundCustomer;
        const others = [...fleet]
          .filter(([userId, bound]) => userId !== payer && freezes(bound))
          .map(([userId]) => userId)
          .sort();
        return {
          code: 'FLEET_ANOMALY',
          message: victim
            ? `This customer's own device was used on ${fleet.size} accounts in the last ${params.windowMinutes} min`
            : `This device was used on ${fleet.size} accounts in the last ${params.windowMinutes} min`,
          weight: params.weight,
          evidence: {
            accounts: fleet.size,
            windowMinutes: params.windowMinutes,
            boundToPayer: payerIsBound,
          },
          critical: !victim,
          freeze: fleet.has(payer) && freezes(payerIsBound),
          ...(others.length === 0 ? {} : { freezeOthers: others }),
        };
      },
    };
  },
};
