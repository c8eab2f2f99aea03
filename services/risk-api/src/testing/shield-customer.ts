// Test-only: SHIELD's simulated customers (the engine's seeded scenario generator) as the HTTP
// bodies a bank would send: profile, enrolment sessions, and a payment per scenario.
import { loadShieldReference } from '@sentinel/engine/testing';
import type { ScenarioId } from '@sentinel/engine';
import { attemptFeatures, simulateUser, type SimulatedUser } from '@sentinel/engine';
import { BEHAVIOR_FEATURE_NAMES } from '@sentinel/engine';

const reference = loadShieldReference();

export interface ShieldCustomer {
  readonly user: SimulatedUser;
  /** `PUT /v1/users/{userId}` body: the bound phone, a passkey. */
  readonly profile: Record<string, unknown>;
  /** `POST /v1/users/{userId}/behavior/sessions` body with every enrolment session. */
  readonly sessionsBody: { readonly sessions: { features: Record<string, number> }[] };
  /** An `assess-payment` body for the scenario's attempt (R250 PayShap, its device, its session). */
  payment(scenario: ScenarioId, transactionId?: string): Record<string, unknown>;
}

/** A reproducible customer from `seed`, simulated at `now`. */
export function shieldCustomer(
  seed: number,
  now: Date,
  opts: { readonly enrolmentSessions?: number } = {},
): ShieldCustomer {
  const user = simulateUser(reference, {
    seed,
    now,
    enrolmentSessions: opts.enrolmentSessions ?? 20,
  });
  const asMap = (vector: readonly number[]) =>
    Object.fromEntries(BEHAVIOR_FEATURE_NAMES.map((name, i) => [name, vector[i] as number]));
  return {
    user,
    profile: {
      phoneNumber: user.phoneNumber,
      devices: [{ ...user.boundDevice, boundAt: user.boundAt.toISOString() }],
      enrolledFactors: ['WEBAUTHN'],
      contacts: { email: `${user.userId}@example.test` },
    },
    sessionsBody: { sessions: user.enrolment.map((v) => ({ features: asMap(v) })) },
    payment(
      scenario,
      transactionId = `tx-${user.userId}-${scenario}-${String(Math.random()).slice(2, 10)}`,
    ) {
      const attempt = user.attempts.find((a) => a.scenario === scenario);
      if (attempt === undefined) {
        throw new Error(`no ${scenario} attempt for ${user.userId}`);
      }
      const features = attemptFeatures(attempt, 'profile');
      return {
        transactionId,
        userId: user.userId,
        phoneNumber: user.phoneNumber,
        amount: { minor: 25_000, currency: 'ZAR' },
        channel: 'PAYSHAP',
        device: attempt.device,
        ipAddress: '196.25.1.1',
        ...(features === null ? {} : { behavior: { features } }),
      };
    },
  };
}
