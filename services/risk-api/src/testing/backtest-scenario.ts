// A backtest scenario recorded through the real risk-api (issue 13 item 6), shared by the
// in-memory suite and the one on the emulators: Alice's payments, 30 minutes apart (no velocity
// rule), each kind chosen for what the new-payee rule does when its weight is raised.
import { DEFAULT_POLICY, type PolicyDocument } from '@sentinel/engine';
import type { Decision } from '@sentinel/contracts';
import type { FakeClock } from '@sentinel/kernel/testing';
import type { RiskStateStore } from '@sentinel/store';
import { ALICE, aliceProfile, alicePayment, ADMIN_KEY } from './harness.ts';

export const ADMIN = { authorization: `Bearer ${ADMIN_KEY}` };

/** The default policy as a candidate, with the new-payee rule's weight set. */
export function withNewPayeeWeight(weight: number): Omit<PolicyDocument, 'version'> {
  const { version: _v, ...doc } = DEFAULT_POLICY;
  return {
    ...doc,
    rules: doc.rules.map((r) =>
      r.kind === 'newPayeeHighAmount' ? { ...r, params: { ...r.params, weight } } : r,
    ),
  };
}

/** The reason code of the rule whose weight the scenario raises. */
export const BACKTEST_RULE = 'NEW_PAYEE_HIGH_AMOUNT';

/**
 * What raising the rule's weight by `delta` does to a recorded decision, worked out from the
 * recorded score and the default levels (LOW → APPROVE, MEDIUM/HIGH → STEP_UP, CRITICAL → DENY)
 * without the engine: the action it moves to, or null when it does not move.
 */
export function movedAction(d: Decision, delta: number): string | null {
  if (!d.reasons.some((r) => r.code === BACKTEST_RULE) || d.riskLevel === 'CRITICAL') {
    return null;
  }
  const score = Math.min(100, d.riskScore + delta);
  const after = score >= DEFAULT_POLICY.levels.mediumFrom ? 'STEP_UP' : 'APPROVE';
  return after === d.action ? null : after;
}

/**
 * The payments, in order: small (no rule), new payee above R5,000 (25: APPROVE, LOW), unknown
 * device (40: STEP_UP), and both (65: STEP_UP, HIGH) — raising the rule's weight from 25 to 40
 * moves the second kind to STEP_UP and leaves the fourth where it was.
 */
const KINDS = [
  {},
  { amount: { minor: 600_000, currency: 'ZAR' }, payee: { accountId: 'payee-new', isNew: true } },
  { device: { id: 'stranger-phone' } },
  {
    amount: { minor: 600_000, currency: 'ZAR' },
    payee: { accountId: 'payee-new', isNew: true },
    device: { id: 'stranger-phone' },
  },
] as const;

interface Caller {
  readonly clock: FakeClock;
  readonly adapters: { readonly state: RiskStateStore };
  readonly api: { readonly background: { drain(timeoutMs: number): Promise<unknown> } };
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- testApi's call: the caller names the body type
  call<T>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T }>;
}

/** Records `rounds × 4` decisions through `POST /v1/assess-payment`, 30 minutes apart. */
export async function recordBacktestScenario(t: Caller, rounds: number): Promise<Decision[]> {
  const put = await t.call('PUT', `/v1/users/${ALICE.userId}`, aliceProfile());
  if (put.status !== 200 && put.status !== 201) {
    throw new Error(`profile: ${put.status}`);
  }
  const decisions: Decision[] = [];
  for (let i = 0; i < rounds * KINDS.length; i++) {
    // A fresh signal for every payment: a stale one would add its own weight.
    await t.adapters.state.putSimSwapSignal({
      phoneNumber: ALICE.phoneNumber,
      lastSwapAt: null,
      checkedAt: t.clock.now(),
      source: 'camara',
    });
    const res = await t.call<Decision>(
      'POST',
      '/v1/assess-payment',
      alicePayment({ transactionId: `bt-${i}`, ...KINDS[i % KINDS.length] }),
    );
    if (res.status !== 200) {
      throw new Error(`assess-payment: ${res.status}`);
    }
    decisions.push(res.body);
    // Each decision's history and sighting are applied after the answer, in the background: the
    // next payment must see them, or its score depends on how busy the machine is (amount anomaly
    // counts the recorded payments).
    await t.api.background.drain(10_000);
    t.clock.advance(30 * 60_000);
  }
  return decisions;
}
