import { z } from 'zod';
import type { RuleKind } from '../rule-kind.ts';
import { simSwapAgeHours, swappedWithin } from '../sim-swap-age.ts';
import { formatAge, round1 } from '../time.ts';
import { HoursSchema, WeightSchema } from './param-schemas.ts';

const BandSchema = z.strictObject({
  /** The band covers swaps younger than this (and at least as old as the previous band's limit). */
  withinHours: HoursSchema,
  weight: WeightSchema,
});

const ParamsSchema = z
  .strictObject({ bands: z.array(BandSchema).min(1).max(10) })
  .superRefine(({ bands }, ctx) => {
    bands.forEach((band, i) => {
      const previous = bands[i - 1];
      if (previous === undefined) {
        return;
      }
      if (band.withinHours <= previous.withinHours) {
        ctx.addIssue({
          code: 'custom',
          path: ['bands', i, 'withinHours'],
          message: 'bands must be ordered by strictly increasing withinHours',
        });
      }
      if (band.weight > previous.weight) {
        ctx.addIssue({
          code: 'custom',
          path: ['bands', i, 'weight'],
          message: 'an older swap may not weigh more than a more recent one',
        });
      }
    });
  });

/** Params of `simSwapRecency`. */
export type SimSwapRecencyParams = z.infer<typeof ParamsSchema>;

/**
 * `simSwapRecency` — weight by how long ago the SIM was changed (bands: first band whose
 * `withinHours` exceeds the age). Blocks SMS codes while the swap is within the policy's
 * `smsOtpBlockedForHours`. Never critical on its own: a swap on the customer's own bound device is
 * a step-up, not a denial.
 */
export const simSwapRecency: RuleKind<SimSwapRecencyParams> = {
  kind: 'simSwapRecency',
  description: 'Weight by hours since the last SIM change (recency bands).',
  params: ParamsSchema,
  create(id, { bands }, settings) {
    return {
      id,
      kind: 'simSwapRecency',
      evaluate(ctx) {
        const ageHours = simSwapAgeHours(ctx.simSwap.signal, ctx.now);
        if (ageHours === null) {
          return null;
        }
        const band = bands.find((b) => ageHours < b.withinHours);
        if (band === undefined) {
          return null;
        }
        return {
          code: 'SIM_SWAP_RECENT',
          message: `SIM changed ${formatAge(ageHours)} ago`,
          weight: band.weight,
          evidence: { ageHours: round1(ageHours), bandWithinHours: band.withinHours },
          blocksSms: swappedWithin(ageHours, settings.smsOtpBlockedForHours),
        };
      },
    };
  },
};
