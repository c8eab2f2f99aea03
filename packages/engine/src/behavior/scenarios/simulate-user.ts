import type { DeviceInfo } from '../../payment.ts';
import { MS_PER_HOUR } from '../../time.ts';
import { BEHAVIOR_FEATURE_NAMES } from '../feature-schema.ts';
import { MIN_BASELINE_SESSIONS } from '../fit-baseline.ts';
import { drawFeature, drawSession, type DrawOptions } from './draw-session.ts';
import { scenarioDevice, simulatedIdentity, type SimulatedIdentity } from './scenario-devices.ts';
import { deriveSeed, seededRandom, uniform } from './seeded-random.ts';
import {
  SHIELD_ATTACKS,
  type ScenarioId,
  type ShieldProfile,
  type ShieldReference,
} from './shield-reference.ts';

/** Every scenario a simulated user is tested with, the legitimate control first. */
export const SCENARIOS: readonly ScenarioId[] = ['legitimate', ...SHIELD_ATTACKS];

const LAST_SEEN = BEHAVIOR_FEATURE_NAMES.indexOf('time_since_last_seen_hours');

/** One payment attempt of a scenario, before the run picks its conditions (`scenarioContext`). */
export interface ScenarioAttempt {
  readonly scenario: ScenarioId;
  /** The session in schema order, with the profile's own `time_since_last_seen_hours` (SHIELD's
   * 9999 h marker in scenarios 1, 3 and 5); null for the pre-auth probe (6), which has none. */
  readonly features: readonly number[] | null;
  /** `time_since_last_seen_hours` drawn like the legitimate user's, for honest separation. */
  readonly legitimateLastSeenHours: number;
  readonly device: DeviceInfo;
  /** How long ago the SIM was swapped, used when a run simulates a swap. */
  readonly simSwapAgeHours: number;
}

/** A simulated customer: identity, enrolment sessions and test attempts for every scenario. */
export interface SimulatedUser extends SimulatedIdentity {
  readonly seed: number;
  readonly boundAt: Date;
  /** Legitimate sessions for the baseline, in schema order. */
  readonly enrolment: readonly (readonly number[])[];
  /** `attemptsPerScenario` attempts per scenario, in `SCENARIOS` order. */
  readonly attempts: readonly ScenarioAttempt[];
}

export interface SimulateUserOptions {
  readonly seed: number;
  /** The simulation's clock: the device was bound before it. */
  readonly now: Date;
  /** At least `MIN_BASELINE_SESSIONS` (10); default 10. */
  readonly enrolmentSessions?: number;
  /** Default 1. */
  readonly attemptsPerScenario?: number;
  /** Range of the swap's age in hours; default 0.1–48 (the attacker acts soon after the swap). */
  readonly simSwapAgeHours?: { readonly min: number; readonly max: number };
  readonly draw?: DrawOptions;
}

/**
 * Simulates one customer from SHIELD's profiles, reproducibly from `seed`: enrolment sessions from
 * the legitimate profile, then attempts of the legitimate user and of each attack. Every part draws
 * from its own sub-stream, so changing one option (say, more enrolment sessions) leaves the
 * attempts unchanged.
 */
export function simulateUser(
  reference: ShieldReference,
  options: SimulateUserOptions,
): SimulatedUser {
  const { seed, now } = options;
  const enrolmentSessions = options.enrolmentSessions ?? MIN_BASELINE_SESSIONS;
  const perScenario = options.attemptsPerScenario ?? 1;
  const swapAge = options.simSwapAgeHours ?? { min: 0.1, max: 48 };
  if (!Number.isInteger(enrolmentSessions) || enrolmentSessions < MIN_BASELINE_SESSIONS) {
    throw new RangeError(`enrolmentSessions must be an integer ≥ ${MIN_BASELINE_SESSIONS}`);
  }
  if (!Number.isInteger(perScenario) || perScenario < 1) {
    throw new RangeError('attemptsPerScenario must be a positive integer');
  }
  if (!(swapAge.min >= 0 && swapAge.max >= swapAge.min)) {
    throw new RangeError('simSwapAgeHours needs 0 ≤ min ≤ max');
  }
  const identity = simulatedIdentity(seed);
  const enrolRandom = seededRandom(deriveSeed(seed, 0));
  const enrolment = Array.from({ length: enrolmentSessions }, () =>
    drawSession(reference.legitimate, enrolRandom, options.draw),
  );
  const bindRandom = seededRandom(deriveSeed(seed, 4));
  const boundAt = new Date(now.getTime() - uniform(bindRandom, 30, 365) * 24 * MS_PER_HOUR);
  const attempts = SCENARIOS.flatMap((scenario, s) =>
    Array.from({ length: perScenario }, (_, k): ScenarioAttempt => {
      const random = seededRandom(deriveSeed(seed, 1000 + s * 65_536 + k));
      const profile =
        scenario === 'legitimate' ? reference.legitimate : reference.attacks[scenario];
      const features = profile.preAuth ? null : drawSession(profile, random, options.draw);
      return {
        scenario,
        features,
        legitimateLastSeenHours: legitimateLastSeen(reference.legitimate, random, options.draw),
        device: scenarioDevice(identity, seed, scenario, reference),
        simSwapAgeHours: uniform(random, swapAge.min, swapAge.max),
      };
    }),
  );
  return { ...identity, seed, boundAt, enrolment, attempts };
}

function legitimateLastSeen(legitimate: ShieldProfile, random: () => number, draw?: DrawOptions) {
  const name = BEHAVIOR_FEATURE_NAMES[LAST_SEEN] as string;
  const distribution = legitimate.features[LAST_SEEN];
  if (distribution === undefined) {
    throw new RangeError('the legitimate profile has no time_since_last_seen_hours');
  }
  return drawFeature(name, distribution, legitimate.withinPersonVariance, random, draw);
}

/**
 * The attempt's session as the `{name: number}` map a payment carries; with
 * `lastSeen: 'legitimate'` its `time_since_last_seen_hours` is the legitimate-like draw (honest
 * separation: SHIELD's 9999 h marker removed). Null for the pre-auth probe.
 */
export function attemptFeatures(
  attempt: ScenarioAttempt,
  lastSeen: 'profile' | 'legitimate',
): Record<string, number> | null {
  if (attempt.features === null) {
    return null;
  }
  const vector = attempt.features;
  return Object.fromEntries(
    BEHAVIOR_FEATURE_NAMES.map((name, i) => [
      name,
      i === LAST_SEEN && lastSeen === 'legitimate'
        ? attempt.legitimateLastSeenHours
        : (vector[i] as number),
    ]),
  );
}
