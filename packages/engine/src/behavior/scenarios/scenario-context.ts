import type { AssessmentContext } from '../../rule.ts';
import type { DeviceSighting, SimSwapSignal } from '../../signals.ts';
import { MS_PER_HOUR } from '../../time.ts';
import type { BehaviorBaseline } from '../behavior-baseline.ts';
import { attemptFeatures, type ScenarioAttempt, type SimulatedUser } from './simulate-user.ts';

/** What a run varies around an attempt. */
export interface ScenarioConditions {
  /** The operator reports a SIM swap `attempt.simSwapAgeHours` ago; otherwise none. */
  readonly simSwap: boolean;
  /** `profile`: SHIELD's own `time_since_last_seen_hours`; `legitimate`: drawn like the user's. */
  readonly lastSeen: 'profile' | 'legitimate';
}

export interface ScenarioContextOptions {
  /** Decision time. */
  readonly now: Date;
  /** The user's fitted baseline; null: not enrolled (the behaviour rule stays silent). */
  readonly baseline: BehaviorBaseline | null;
  /** Earlier sightings of the attempt's device (the fleet rule). */
  readonly deviceSightings?: readonly DeviceSighting[];
}

/**
 * The assessment context of one attempt: a known customer with one bound phone (a passkey
 * enrolled, so a step-up stays possible after a swap) and a fresh operator answer, last seen with
 * the bound phone's IMEI; a R250 PayShap payment from the scenario's device carrying its session.
 * No location, payee or velocity: only device, SIM and behaviour speak.
 */
export function scenarioContext(
  user: SimulatedUser,
  attempt: ScenarioAttempt,
  conditions: ScenarioConditions,
  options: ScenarioContextOptions,
): AssessmentContext {
  const { now } = options;
  const ago = (hours: number) => new Date(now.getTime() - hours * MS_PER_HOUR);
  const signal: SimSwapSignal = {
    phoneNumber: user.phoneNumber,
    lastSwapAt: conditions.simSwap ? ago(attempt.simSwapAgeHours) : null,
    checkedAt: ago(1 / 60),
    source: 'simulator',
  };
  const features = attemptFeatures(attempt, conditions.lastSeen);
  return {
    payment: {
      transactionId: `${user.userId}-${attempt.scenario}`,
      userId: user.userId,
      phoneNumber: user.phoneNumber,
      amount: { minor: 25_000, currency: 'ZAR' },
      channel: 'PAYSHAP',
      device: attempt.device,
      ipAddress: '196.25.1.1',
      ...(features === null ? {} : { behavior: { features } }),
      occurredAt: now,
    },
    profile: {
      userId: user.userId,
      phoneNumber: user.phoneNumber,
      devices: [{ ...user.boundDevice, boundAt: user.boundAt }],
      enrolledFactors: ['WEBAUTHN'],
      contacts: { email: `${user.userId}@example.com` },
    },
    simSwap: { signal, freshness: 'FRESH' },
    history: {
      recentPayments: [],
      failedLogins: [],
      lastImei: {
        imei: user.boundDevice.imei,
        phoneNumber: user.phoneNumber,
        at: ago(attempt.legitimateLastSeenHours),
      },
    },
    now,
    behavior: { baseline: options.baseline },
    ...(options.deviceSightings === undefined ? {} : { deviceSightings: options.deviceSightings }),
  };
}
