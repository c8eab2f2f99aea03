import type { DeviceSighting } from '../../signals.ts';
import { deriveSeed, seededRandom, uniform } from './seeded-random.ts';
import type { ScenarioAttempt, SimulatedUser } from './simulate-user.ts';

/** One account the fleet attacks, in the order of attack. */
export interface FleetAccount {
  readonly user: SimulatedUser;
  /** The user's credential-stuffing attempt (scenario 5), from the shared attacker device. */
  readonly attempt: ScenarioAttempt;
  /** When this account's payment is assessed. */
  readonly at: Date;
  /** The device's earlier payments on the accounts before this one (what the service stored). */
  readonly deviceSightings: readonly DeviceSighting[];
}

export interface SimulateFleetOptions {
  readonly seed: number;
  /** When the last account is attacked. */
  readonly now: Date;
  /** The whole attack spans less than this (default 59: inside the fleet rule's 60 min). */
  readonly spanMinutes?: number;
}

/**
 * SHIELD's credential stuffing (scenario 5) across accounts: one attacker device pays from each
 * user's account in turn, all within `spanMinutes`, at reproducible random times (the last at
 * `now`). Each account sees the device's sightings on the accounts before it.
 */
export function simulateFleet(
  users: readonly SimulatedUser[],
  options: SimulateFleetOptions,
): FleetAccount[] {
  const span = options.spanMinutes ?? 59;
  if (users.length < 2) {
    throw new RangeError('a fleet attack needs at least two accounts');
  }
  const random = seededRandom(deriveSeed(options.seed, 5));
  const offsets = users
    .map((_, i) => (i === users.length - 1 ? 0 : uniform(random, 0, span)))
    .sort((a, b) => b - a);
  const sightings: DeviceSighting[] = [];
  return users.map((user, i) => {
    const attempt = user.attempts.find((a) => a.scenario === 'scenario_5');
    if (attempt === undefined) {
      throw new RangeError(`${user.userId} has no scenario_5 attempt`);
    }
    const at = new Date(options.now.getTime() - (offsets[i] as number) * 60_000);
    const account: FleetAccount = { user, attempt, at, deviceSightings: [...sightings] };
    // The attacker's device is bound to none of the accounts it stuffs.
    sightings.push({ userId: user.userId, deviceId: attempt.device.id, at, bound: false });
    return account;
  });
}
