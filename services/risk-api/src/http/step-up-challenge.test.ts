import { beforeEach, describe, expect, it } from 'vitest';
import { clientSecret, type Decision } from '@sentinel/contracts';
import {
  ALICE,
  aliceProfile,
  alicePayment,
  memoryAdapters,
  OTHER_KEY,
  settableClock,
  STEP_UP_SECRET,
  T0,
  TENANT,
  testApi,
} from '../testing/harness.ts';

const MIN = 60_000;

interface DecisionView extends Decision {
  readonly stepUp?: Decision['stepUp'] & {
    readonly status: string;
    readonly method: string | null;
    readonly completedAt: string | null;
  };
}

describe('a STEP_UP decision’s challenge (issue 11)', () => {
  let t: ReturnType<typeof testApi<ReturnType<typeof memoryAdapters>>>;

  beforeEach(async () => {
    t = testApi({ adapters: memoryAdapters(), clock: settableClock(T0) });
    expect((await t.call('PUT', `/v1/users/${ALICE.userId}`, aliceProfile())).status).toBe(200);
    // Swapped 5 minutes ago: a passkey step-up.
    await t.adapters.state.putSimSwapSignal({
      phoneNumber: ALICE.phoneNumber,
      lastSwapAt: new Date(T0.getTime() - 5 * MIN),
      checkedAt: T0,
      source: 'camara',
    });
  });

  const stepUp = async () => {
    const payment = alicePayment({ payee: { accountId: 'ZA-ACC-777', isNew: true } });
    const res = await t.call<Decision>('POST', '/v1/assess-payment', payment);
    expect(res.body.action).toBe('STEP_UP');
    return { payment, decision: res.body };
  };

  it('is recorded with the decision, bound to its amount, payee, methods and expiry', async () => {
    const { payment, decision } = await stepUp();
    const challenge = await t.adapters.log.challenges.forTenant(TENANT).get(decision.decisionId);
    expect(challenge).toEqual({
      id: decision.decisionId,
      userId: ALICE.userId,
      decisionId: decision.decisionId,
      amount: payment.amount,
      payee: 'ZA-ACC-777',
      methods: decision.stepUp?.methods,
      riskLevel: decision.riskLevel,
      createdAt: T0,
      expiresAt: new Date(T0.getTime() + 5 * MIN),
      status: 'PENDING',
      attempts: 0,
      sends: 0,
    });
    // Another tenant does not see it.
    expect(await t.adapters.log.challenges.forTenant('other').get(decision.decisionId)).toBeNull();
  });

  it('answers the same client secret on a replay, and stores none', async () => {
    const { payment, decision } = await stepUp();
    const replay = await t.call<Decision>('POST', '/v1/assess-payment', payment);
    expect(replay.headers.get('sentinel-replayed')).toBe('true');
    expect(replay.body.stepUp?.challengeUrl).toBe(decision.stepUp?.challengeUrl);
    const secret = clientSecret(Buffer.from(STEP_UP_SECRET), TENANT, decision.decisionId);
    expect(decision.stepUp?.challengeUrl?.endsWith(`#${secret}`)).toBe(true);
    const stored = await t.adapters.log.get(TENANT, decision.decisionId);
    expect(stored?.decision.stepUp?.challengeUrl).toBe(
      `http://localhost:8081/v1/challenges/${decision.decisionId}`,
    );
    expect(JSON.stringify(stored)).not.toContain(secret);
  });

  it('gives another tenant’s identical payment another secret', async () => {
    const { decision } = await stepUp();
    const secret = decision.stepUp?.challengeUrl?.split('#')[1];
    expect(secret).toBe(clientSecret(Buffer.from(STEP_UP_SECRET), TENANT, decision.decisionId));
    expect(secret).not.toBe(
      clientSecret(Buffer.from(STEP_UP_SECRET), 'other', decision.decisionId),
    );
  });

  it('shows PENDING, then EXPIRED past expiry, on GET /v1/decisions/{id}', async () => {
    const { decision } = await stepUp();
    const path = `/v1/decisions/${decision.decisionId}`;
    const pending = await t.call<DecisionView>('GET', path);
    expect(pending.body.stepUp).toMatchObject({
      status: 'PENDING',
      method: null,
      completedAt: null,
      challengeUrl: decision.stepUp?.challengeUrl,
    });
    t.clock.advance(5 * MIN);
    const expired = await t.call<DecisionView>('GET', path);
    expect(expired.body.stepUp).toMatchObject({ status: 'EXPIRED', method: null });
    expect(
      (await t.call('GET', path, undefined, { authorization: `Bearer ${OTHER_KEY}` })).status,
    ).toBe(404);
  });

  it('shows the outcome the auth service recorded: status, method and time', async () => {
    const { decision } = await stepUp();
    const passedAt = new Date(T0.getTime() + MIN);
    await t.adapters.log.challenges.forTenant(TENANT).update(decision.decisionId, (c) => ({
      ...c,
      status: 'PASSED',
      passedWith: 'WEBAUTHN',
      completedAt: passedAt,
    }));
    t.clock.advance(10 * MIN);
    const view = await t.call<DecisionView>('GET', `/v1/decisions/${decision.decisionId}`);
    expect(view.body.stepUp).toMatchObject({
      status: 'PASSED',
      method: 'WEBAUTHN',
      completedAt: passedAt.toISOString(),
    });
  });

  it('creates no challenge for an approved payment', async () => {
    await t.adapters.state.putSimSwapSignal({
      phoneNumber: ALICE.phoneNumber,
      lastSwapAt: null,
      checkedAt: T0,
      source: 'camara',
    });
    const res = await t.call<Decision>('POST', '/v1/assess-payment', alicePayment());
    expect(res.body.action).toBe('APPROVE');
    expect(await t.adapters.log.challenges.forTenant(TENANT).get(res.body.decisionId)).toBeNull();
  });
});
