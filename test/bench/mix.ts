// The request mix of the load and benchmark runs: mostly clean payments, some swapped SIMs, new
// devices, behavioural snapshots and retried transaction ids, over a fixed population of users.

import { asFeatureMap, legitimateSessions } from '@sentinel/engine/testing';

export const SCENARIOS = ['clean', 'swapped-sim', 'new-device', 'behaviour', 'retry'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** Out of every 10 requests: 6 clean, 1 of each other scenario. */
const PATTERN: readonly Scenario[] = [
  'clean',
  'clean',
  'clean',
  'swapped-sim',
  'clean',
  'new-device',
  'clean',
  'behaviour',
  'clean',
  'retry',
];

export interface BenchUser {
  readonly userId: string;
  readonly phoneNumber: string;
  readonly deviceId: string;
  readonly imei: string;
  /** Hours since this user's SIM swap; null = never swapped. */
  readonly swappedHoursAgo: number | null;
}

export function benchUsers(count: number, swappedEvery = 10): BenchUser[] {
  return Array.from({ length: count }, (_, i) => ({
    userId: `bench-user-${i}`,
    phoneNumber: `+2782${String(i).padStart(7, '0')}`,
    deviceId: `bench-device-${i}`,
    imei: '356938035643809',
    swappedHoursAgo: i % swappedEvery === 0 ? 2 : null,
  }));
}

// Sessions drawn around SHIELD's legitimate profile (the engine's seeded test data): the user's own
// behaviour, so a snapshot scores like the user against a baseline fitted from others of them.
const SNAPSHOTS = legitimateSessions(50, 7).map(asFeatureMap);

/** A 55-feature behavioural snapshot of a legitimate session. */
function behaviourSnapshot(i: number): Record<string, number> {
  return SNAPSHOTS[i % SNAPSHOTS.length] ?? {};
}

/** Legitimate sessions to enrol a bench user with (`POST …/behavior/sessions`, then `enroll`). */
export function enrolmentSessions(userIndex: number, n = 20): Record<string, number>[] {
  return legitimateSessions(n, 1_000 + userIndex).map(asFeatureMap);
}

/**
 * Builds request bodies by sequence number. `retry` re-sends, byte for byte, a body sent ten
 * requests earlier (same transactionId): the service must answer the same decision.
 */
export function createMix(users: readonly BenchUser[], runId: string) {
  const clean = users.filter((u) => u.swappedHoursAgo === null);
  const swapped = users.filter((u) => u.swappedHoursAgo !== null);
  const sent: string[] = [];
  const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

  const body = (i: number): { scenario: Scenario; body: string } => {
    const planned = PATTERN[i % PATTERN.length] ?? 'clean';
    if (planned === 'retry' && sent.length >= 10) {
      return { scenario: planned, body: sent[sent.length - 10] ?? '' };
    }
    // Too early to retry anything: a clean payment instead.
    const scenario = planned === 'retry' ? 'clean' : planned;
    const user = scenario === 'swapped-sim' ? pick(swapped, i) : pick(clean, i);
    const payment = {
      transactionId: `${runId}-${i}`,
      userId: user.userId,
      phoneNumber: user.phoneNumber,
      amount: { minor: 20_000 + (i % 13) * 1_500, currency: 'ZAR' },
      channel: 'PAYSHAP',
      device:
        scenario === 'new-device'
          ? { id: `unknown-device-${i}` }
          : { id: user.deviceId, imei: user.imei },
      ipAddress: '196.25.1.1',
      ...(scenario === 'behaviour'
        ? { behavior: { sessionId: `s-${i}`, features: behaviourSnapshot(i) } }
        : {}),
    };
    const text = JSON.stringify(payment);
    sent.push(text);
    if (sent.length > 100) {
      sent.shift();
    }
    return { scenario, body: text };
  };
  return { body };
}
