// npm start's behavioural demo data: a customer simulated from SHIELD's profiles by the engine's
// scenario generator (seeded, so every start shows the same numbers).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BEHAVIOR_FEATURE_NAMES } from '@sentinel/engine';
import { attemptFeatures, SHIELD_ATTACKS, simulateUser } from '@sentinel/engine';
import { loadShieldReference } from '@sentinel/engine/testing';

export interface DemoBehaviour {
  /** Legitimate sessions to enrol the customer with. */
  readonly enrolment: Record<string, number>[];
  /** One more of the customer's own sessions. */
  readonly own: Record<string, number>;
  /**
   * A bot's session (SHIELD scenario 3) from a device never seen before, so its
   * `time_since_last_seen_hours` is SHIELD's "never" value.
   */
  readonly bot: Record<string, number>;
  /**
   * One session per SHIELD attack that has one (scenario 6, the pre-auth probe, has none), with
   * the profile's own `time_since_last_seen_hours`: the console's one-click scenarios send them.
   */
  readonly scenarios: Readonly<Record<string, Record<string, number>>>;
}

export function demoBehaviour(seed: number, now: Date, sessions = 20): DemoBehaviour {
  const user = simulateUser(loadShieldReference(), { seed, now, enrolmentSessions: sessions });
  const features = (scenario: string, lastSeen: 'profile' | 'legitimate') => {
    const attempt = user.attempts.find((a) => a.scenario === scenario);
    const map = attempt === undefined ? null : attemptFeatures(attempt, lastSeen);
    if (map === null) {
      throw new Error(`the scenario generator gave no ${scenario} session`);
    }
    return map;
  };
  return {
    enrolment: user.enrolment.map((vector) =>
      Object.fromEntries(BEHAVIOR_FEATURE_NAMES.map((name, i) => [name, vector[i] as number])),
    ),
    own: features('legitimate', 'legitimate'),
    bot: features('scenario_3', 'profile'),
    scenarios: Object.fromEntries(
      SHIELD_ATTACKS.filter((id) => id !== 'scenario_6').map((id) => [id, features(id, 'profile')]),
    ),
  };
}

/**
 * Alice's payments with a snapshot, as files the printed walkthrough posts (`-d @file`): her own
 * session from her bound phone, and the bot's from a device of its own.
 */
export function writeDemoPayments(dir: string, demo: DemoBehaviour): void {
  const payment = (transactionId: string, device: { id: string; imei?: string }) => ({
    transactionId,
    userId: 'demo-alice',
    phoneNumber: '+27821230001',
    amount: { minor: 125_000, currency: 'ZAR' },
    channel: 'PAYSHAP',
    device,
    ipAddress: '196.25.1.1',
  });
  mkdirSync(dir, { recursive: true });
  const write = (file: string, body: unknown) =>
    writeFileSync(join(dir, file), JSON.stringify(body, null, 2) + '\n');
  write('alice-own-session.json', {
    ...payment('demo-tx-1b', { id: 'alice-phone-1', imei: '356938035643809' }),
    behavior: { sessionId: 'demo-own', features: demo.own },
  });
  write('alice-bot-session.json', {
    ...payment('demo-tx-4', { id: 'bot-runner-7' }),
    behavior: { sessionId: 'demo-bot', features: demo.bot },
  });
}
