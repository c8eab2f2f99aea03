import type { DemoFixtures } from '../shared/api.ts';
import type { BehaviourSnapshot } from './payment-request.ts';

/**
 * THE SEAM for the behaviour SDK (`@sentinel/behavior-sdk`, landing separately): where the payment
 * app gets the snapshot it sends with a payment. Today it returns one of the sessions npm start
 * drew from SHIELD's profiles (`GET /demo/fixtures`: `own` is the customer's, `scenario_N` an
 * attack's). When the SDK lands, the customer's own case becomes the SDK's `snapshot()` of this
 * very page (its real keys, taps and navigation), and only attacks keep using fixtures.
 */
export function behaviourSnapshot(
  fixtures: DemoFixtures,
  name: string,
  sessionId: string,
): BehaviourSnapshot | null {
  const features = fixtures.snapshots[name];
  return features === undefined ? null : { sessionId, features };
}
