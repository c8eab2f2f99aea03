import { z } from 'zod';
import type { RuleKind } from '../rule-kind.ts';
import { hoursBetween, round1 } from '../time.ts';
import { WeightSchema } from './param-schemas.ts';

const ParamsSchema = z.strictObject({
  staleWeight: WeightSchema,
  unavailableWeight: WeightSchema,
});

/** Params of `telcoSignalFreshness`. */
export type TelcoSignalFreshnessParams = z.infer<typeof ParamsSchema>;

/**
 * `telcoSignalFreshness` — the SIM swap signal is STALE or UNAVAILABLE: we cannot tell whether the
 * SIM was just swapped, so the payment goes to escrow (SPEC §5) and SMS codes are unsafe.
 */
export const telcoSignalFreshness: RuleKind<TelcoSignalFreshnessParams> = {
  kind: 'telcoSignalFreshness',
  description: 'SIM swap signal stale or unavailable: hold in escrow, no SMS codes.',
  params: ParamsSchema,
  create(id, params) {
    return {
      id,
      kind: 'telcoSignalFreshness',
      evaluate(ctx) {
        const { signal, freshness } = ctx.simSwap;
        switch (freshness) {
          case 'FRESH':
            return null;
          case 'STALE': {
            const checkedAgoHours =
              signal === null ? null : round1(hoursBetween(signal.checkedAt, ctx.now));
            return {
              code: 'TELCO_SIGNAL_STALE',
              message: 'SIM swap status could not be refreshed with the operator',
              weight: params.staleWeight,
              evidence: { checkedAgoHours },
              escrow: true,
              blocksSms: true,
            };
          }
          case 'UNAVAILABLE':
            return {
              code: 'TELCO_SIGNAL_UNAVAILABLE',
              message: 'SIM swap status is unknown: the operator has not answered for this number',
              weight: params.unavailableWeight,
              evidence: {},
              escrow: true,
              blocksSms: true,
            };
        }
      },
    };
  },
};
