import { BEHAVIOR_FEATURE_NAMES } from '../feature-schema.ts';
import { pick, standardNormal, uniform, type Random } from './seeded-random.ts';
import type { FeatureDistribution, ShieldProfile } from './shield-reference.ts';

/**
 * Signed by definition: a z-score. Upstream clamps every normal draw at 0, which turns scenario 4's
 * N(−2.4, 0.3) and the bot's N(−3.0, 0.2) into a constant 0 and half of the legitimate N(0, 1)
 * into 0 as well — a bug, not a profile. Sentinel keeps the sign (see README, quirk 3).
 */
export const SIGNED_FEATURES: ReadonlySet<string> = new Set(['session_duration_z_score']);

export interface DrawOptions {
  /** Clamp every feature at 0 as upstream does, signed ones too (to compare with SHIELD). */
  readonly upstreamClamp?: boolean;
}

/**
 * One draw of one feature by SHIELD's rule (reference/shield/legitimate.json `generation`):
 * normal → max(0, N(mean, std)), then, when `withinPersonVariance` w > 0, × (1 + U(−w, w)) and
 * clamped again; choice → a uniform pick; constant → the value, no noise. Non-negative features
 * are clamped; `SIGNED_FEATURES` only under `upstreamClamp`.
 */
export function drawFeature(
  name: string,
  distribution: FeatureDistribution,
  withinPersonVariance: number,
  random: Random,
  options: DrawOptions = {},
): number {
  switch (distribution.dist) {
    case 'constant':
      return distribution.params.value;
    case 'choice':
      return pick(random, distribution.params.values);
    case 'normal': {
      const clamp = (v: number) =>
        options.upstreamClamp === true || !SIGNED_FEATURES.has(name) ? Math.max(0, v) : v;
      const { mean, std } = distribution.params;
      const v = clamp(mean + std * standardNormal(random));
      if (withinPersonVariance <= 0) {
        return v;
      }
      return clamp(v * (1 + uniform(random, -withinPersonVariance, withinPersonVariance)));
    }
  }
}

/**
 * One session of a profile: 55 values in schema order, drawn from `random` in that order (so a
 * seed fixes the session). A pre-auth profile has no session: that is a caller's bug.
 */
export function drawSession(
  profile: ShieldProfile,
  random: Random,
  options: DrawOptions = {},
): number[] {
  if (profile.preAuth) {
    throw new RangeError(`${profile.id} is a pre-auth profile: it has no behaviour session`);
  }
  return profile.features.map((distribution, i) =>
    drawFeature(
      BEHAVIOR_FEATURE_NAMES[i] as string,
      distribution,
      profile.withinPersonVariance,
      random,
      options,
    ),
  );
}
