import {
  assessmentBehavior,
  createBehaviorCollector,
  enrolBehavior,
  type ApiResult,
  type BaselineSummary,
  type BehaviorCollector,
  type BehaviorSnapshot as SdkSnapshot,
} from '@sentinel/behavior-sdk';
import type { DemoFixtures } from '../shared/api.ts';
import type { BehaviourSnapshot } from './payment-request.ts';

/**
 * Where a payment's behavioural snapshot comes from: `profile`, the sessions npm start drew from
 * SHIELD's profiles (`GET /demo/fixtures`: `own` is the customer's, `scenario_N` an attack's), or
 * `browser`, the behaviour SDK's snapshot of this very page — the real keys, taps and navigation of
 * whoever is at the keyboard (SHIELD's sandbox: one person enrols, another tries to pay).
 */
export type BehaviourSource = 'profile' | 'browser';

let collector: BehaviorCollector | null = null;

/** Starts recording the phone's DOM events with the SDK; returns the function that stops it. */
export function captureBehaviour(root: HTMLElement): () => void {
  collector?.stop();
  const own = createBehaviorCollector({ root });
  collector = own;
  return () => {
    own.stop();
    if (collector === own) {
      collector = null;
    }
  };
}

/** The app shows `name` now (`dashboard`, `transfer`, `otp`: SHIELD's navigation features). */
export function showScreen(name: string): void {
  collector?.screen(name);
}

/** The session recorded since the last payment or enrol round, and a fresh one started. */
function takeSession(): SdkSnapshot | null {
  if (collector === null) {
    return null;
  }
  const snapshot = collector.snapshot();
  collector.reset();
  collector.screen('transfer');
  return snapshot;
}

/**
 * The snapshot a payment carries. Attacks (`scenario_N`, `bot`) always send their fixture; the
 * customer's own payment sends the fixture or, with `browser`, this page's recorded session.
 */
export function behaviourSnapshot(
  fixtures: DemoFixtures,
  name: string,
  sessionId: string,
  source: BehaviourSource = 'profile',
): BehaviourSnapshot | null {
  if (source === 'browser' && name === 'own') {
    const session = takeSession();
    return session === null ? null : assessmentBehavior(session, sessionId);
  }
  const features = fixtures.snapshots[name];
  return features === undefined ? null : { sessionId, features };
}

/**
 * Enrol mode: keeps one recorded session (a practice payment) for the baseline. Record stands for
 * Pay, so it counts as the form's submission: a training session without one taught the baseline
 * that this customer never submits (the first real payment then scored z ≈ 470 on it).
 */
export function recordEnrolmentSession(): SdkSnapshot | null {
  collector?.submit();
  return takeSession();
}

/** Enrol mode's end: stores the recorded sessions for `userId` and fits the baseline from all. */
export function fitBaseline(
  apiKey: string,
  userId: string,
  sessions: readonly SdkSnapshot[],
): Promise<ApiResult<BaselineSummary>> {
  return enrolBehavior({ baseUrl: location.origin, apiKey, userId, sessions });
}
