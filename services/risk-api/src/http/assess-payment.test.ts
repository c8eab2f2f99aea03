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
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('POST /v1/assess-payment (in-memory adapters)', () => {
  let t: ReturnType<typeof testApi<ReturnType<typeof memoryAdapters>>>;

  const setSwap = (lastSwapAt: Date | null, checkedAt = T0) =>
    t.adapters.state.putSimSwapSignal({
      phoneNumber: ALICE.phoneNumber,
      lastSwapAt,
      checkedAt,
      source: 'camara',
    });

  const assess = (body: Record<string, unknown>, headers?: Record<string, string>) =>
    t.call<Decision>('POST', '/v1/assess-payment', body, headers);

  beforeEach(async () => {
    t = testApi({ adapters: memoryAdapters(), clock: settableClock(T0) });
    const put = await t.call('PUT', `/v1/users/${ALICE.userId}`, aliceProfile());
    expect(put.status).toBe(200);
    await setSwap(null);
  });

  it('approves a clean, known customer on her bound device', async () => {
    const res = await assess(alicePayment());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      action: 'APPROVE',
      riskScore: 0,
      riskLevel: 'LOW',
      reasons: [],
      freeze: false,
      signals: {
        simSwap: { lastSwapAt: null, ageHours: null, freshness: 'FRESH', source: 'camara' },
      },
      policy: { id: 'default', version: 0 },
    });
    expect(res.body.decisionId).toMatch(UUID_V7);
    expect(res.body.stepUp).toBeUndefined();
    expect(res.body.escrow).toBeUndefined();
    expect(res.headers.get('server-timing')).toMatch(
      /^read;dur=[\d.]+, engine;dur=[\d.]+, commit;dur=[\d.]+, total;dur=[\d.]+$/,
    );
  });

  it('steps up with WebAuthn only when the SIM was swapped 5 minutes ago on her own device', async () => {
    await setSwap(new Date(T0.getTime() - 5 * MIN));
    const res = await assess(alicePayment());
    expect(res.body.action).toBe('STEP_UP');
    expect(res.body.stepUp?.methods).toEqual(['WEBAUTHN']);
    const secret = clientSecret(Buffer.from(STEP_UP_SECRET), TENANT, res.body.decisionId);
    expect(res.body.stepUp?.challengeUrl).toBe(
      `http://localhost:8081/v1/challenges/${res.body.decisionId}#${secret}`,
    );
    expect(res.body.stepUp?.expiresAt).toBe(new Date(T0.getTime() + 5 * MIN).toISOString());
    expect(res.body.reasons[0]).toMatchObject({
      code: 'SIM_SWAP_RECENT',
      evidence: { ageHours: 0.1 },
    });
    expect(res.body.signals.simSwap.ageHours).toBe(0.1);
  });

  it.each([
    ['a new device', { device: { id: 'attacker-phone', imei: '490154203237518' } }],
    [
      'IMEI drift on the bound device id',
      { device: { id: ALICE.deviceId, imei: '490154203237518' } },
    ],
  ])('denies a SIM swapped < 24 h ago with %s', async (_label, overrides) => {
    // The bank registered Alice's bound device with her handset's IMEI (aliceProfile).
    await setSwap(new Date(T0.getTime() - 3 * 60 * MIN));
    const res = await assess(alicePayment(overrides));
    expect(res.body.action).toBe('DENY');
    expect(res.body.riskLevel).toBe('CRITICAL');
    expect(res.body.reasons.map((r) => r.code)).toContain('DEVICE_CHANGE_AFTER_SIM_SWAP');
    expect(res.body.stepUp).toBeUndefined();
  });

  it('holds the payment in escrow with a step-up when the telco signal is stale', async () => {
    await setSwap(null, new Date(T0.getTime() - 20 * MIN));
    const res = await assess(alicePayment());
    expect(res.body.action).toBe('STEP_UP');
    expect(res.body.signals.simSwap.freshness).toBe('STALE');
    expect(res.body.escrow).toMatchObject({ status: 'HELD', reason: 'TELCO_SIGNAL_STALE' });
    expect(res.body.escrow?.escrowId).toMatch(UUID_V7);
    expect(res.body.escrow?.releaseBy).toBe(new Date(T0.getTime() + 24 * 60 * MIN).toISOString());
    expect(res.body.reasons.map((r) => r.code)).toContain('TELCO_SIGNAL_STALE');
    expect(res.body.stepUp?.methods).toEqual(['WEBAUTHN']);
  });

  it('publishes what the escrow and auth services need with the held decision', async () => {
    await setSwap(null, new Date(T0.getTime() - 20 * MIN));
    const res = await assess(alicePayment({ payee: { accountId: 'payee-77', isNew: true } }));
    await t.api.background.drain(1_000);
    const [event] = t.adapters.publisher.events;
    expect(event).toMatchObject({
      decisionId: res.body.decisionId,
      tenantId: 'bank',
      escrowHeld: true,
      escrowId: res.body.escrow?.escrowId,
      escrowReason: 'TELCO_SIGNAL_STALE',
      escrowReleaseBy: Date.parse(res.body.escrow?.releaseBy ?? '') * 1000,
      stepUpMethods: res.body.stepUp?.methods,
      stepUpChallengeId: res.body.decisionId,
      amountMinor: 125_000,
      currency: 'ZAR',
      policyId: res.body.policy.id,
      policyVersion: res.body.policy.version,
    });
    expect(event?.payeeKey).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(event)).not.toContain('payee-77');
  });

  it('says UNAVAILABLE and holds when no signal was ever received for the number', async () => {
    const res = await assess(alicePayment({ phoneNumber: '+27821119999' }));
    expect(res.body.signals.simSwap.freshness).toBe('UNAVAILABLE');
    expect(res.body.escrow?.reason).toBe('TELCO_SIGNAL_UNAVAILABLE');
  });

  it('answers with the safe action, not an error, when the store cannot be read', async () => {
    t.adapters.state.setFault('readSnapshot', new Error('connection refused'));
    const res = await assess(alicePayment());
    expect(res.status).toBe(200);
    expect(res.body.action).toBe('STEP_UP');
    expect(res.body.escrow?.status).toBe('HELD');
    expect(res.body.reasons[0]?.code).toBe('DEPENDENCY_UNAVAILABLE');
  });

  it('answers within the budget when the store hangs', async () => {
    t.adapters.state.setFault('readSnapshot', 'hang');
    const pending = assess(alicePayment());
    await t.clock.untilTimers(1); // the read's deadline
    t.clock.advance(50); // SENTINEL_LATENCY_BUDGET_MS default
    const res = await pending;
    expect(res.body.reasons[0]?.code).toBe('DEPENDENCY_UNAVAILABLE');
  });

  describe('idempotency', () => {
    it('returns the same decision for a retry and publishes one event', async () => {
      const body = alicePayment();
      const first = await assess(body);
      // The same body with keys in another order is the same request.
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const second = await assess(reordered);
      expect(second.status).toBe(200);
      expect(second.body).toEqual(first.body);
      expect(second.headers.get('sentinel-replayed')).toBe('true');
      await t.api.background.drain(1_000);
      const ids = t.adapters.publisher.events.map((e) => e.decisionId);
      expect(ids).toEqual([first.body.decisionId]);
    });

    it('rejects the same transactionId with a different body (409)', async () => {
      const body = alicePayment();
      await assess(body);
      const res = await t.call('POST', '/v1/assess-payment', {
        ...body,
        amount: { minor: 1, currency: 'ZAR' },
      });
      expect(res.status).toBe(409);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.body.code).toBe('IDEMPOTENCY.CONFLICT');
    });

    it('scopes transaction ids per API client', async () => {
      const body = alicePayment();
      const mine = await assess(body);
      const theirs = await assess(body, { authorization: `Bearer ${OTHER_KEY}` });
      expect(theirs.status).toBe(200);
      expect(theirs.body.decisionId).not.toBe(mine.body.decisionId);
    });

    it('gives one decision to 20 concurrent retries', async () => {
      const body = alicePayment();
      const results = await Promise.all(Array.from({ length: 20 }, () => assess(body)));
      expect(new Set(results.map((r) => r.body.decisionId)).size).toBe(1);
      await t.api.background.drain(1_000);
      expect(t.adapters.publisher.events).toHaveLength(1);
    });
  });

  it('answers before the delivery of its decision starts, then delivers it', async () => {
    const res = await assess(alicePayment());
    expect(res.status).toBe(200);
    expect(t.adapters.publisher.attempts).toBe(0);
    await t.api.background.drain(1_000);
    expect(t.adapters.publisher.attempts).toBe(1);
    expect(t.adapters.publisher.events[0]?.decisionId).toBe(res.body.decisionId);
  });

  it('publishes a pseudonymised event carrying the decision id', async () => {
    const res = await assess(alicePayment());
    await t.api.background.drain(1_000);
    const [event] = t.adapters.publisher.events;
    expect(event?.decisionId).toBe(res.body.decisionId);
    expect(event?.action).toBe('APPROVE');
    const serialised = JSON.stringify(event);
    for (const raw of [ALICE.phoneNumber, ALICE.userId, '196.25.1.1', ALICE.deviceId]) {
      expect(serialised).not.toContain(raw);
    }
  });

  it('records the decision so GET /v1/decisions/{id} returns it to its client only', async () => {
    const res = await assess(alicePayment());
    const got = await t.call<Decision>('GET', `/v1/decisions/${res.body.decisionId}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ ...res.body, decidedAt: T0.toISOString() });
    const other = await t.call('GET', `/v1/decisions/${res.body.decisionId}`, undefined, {
      authorization: `Bearer ${OTHER_KEY}`,
    });
    expect(other.status).toBe(404);
  });

  it('logs the decision without personal data and with the trace id', async () => {
    await assess(alicePayment(), {
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
    const line = t.logs.find((l) => l['message'] === 'decision');
    expect(line).toMatchObject({
      severity: 'INFO',
      action: 'APPROVE',
      'logging.googleapis.com/trace': 'projects/test/traces/4bf92f3577b34da6a3ce929d0e0e4736',
      'logging.googleapis.com/spanId': '00f067aa0ba902b7',
      'logging.googleapis.com/trace_sampled': true,
    });
    const all = JSON.stringify(t.logs);
    expect(all).not.toContain(ALICE.phoneNumber);
    expect(all).not.toContain('196.25.1.1');
  });
});
