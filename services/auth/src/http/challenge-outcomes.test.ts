import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeFactors, GOOD_CREDENTIAL, GOOD_TOTP } from '../testing/fake-factors.ts';
import { ALICE, secretFor, startTestAuth, TENANT, type TestAuth } from '../testing/harness.ts';

const MIN = 60_000;
// The double checks only the id; the route's schema wants WebAuthn's whole JSON form.
const assertion = (id: string) => ({
  id,
  rawId: id,
  type: 'public-key',
  response: { clientDataJSON: 'e30', authenticatorData: 'AA', signature: 'AA' },
  clientExtensionResults: {},
});

describe('passkeys, expiry and the outcomes of a challenge', () => {
  let t: TestAuth;
  beforeEach(async () => {
    t = await startTestAuth({ factors: fakeFactors({ [ALICE.userId]: ['WEBAUTHN', 'TOTP'] }) });
    await t.setSim(null);
  });
  afterEach(() => t.close());

  it('passes with a passkey: options carry the payment, the assertion passes once', async () => {
    const c = await t.stepUp({ methods: ['WEBAUTHN'] });
    const secret = secretFor(c.id);
    const path = `/v1/challenges/${c.id}/webauthn`;
    const early = await t.call('POST', path, assertion(GOOD_CREDENTIAL), secret);
    expect(early).toMatchObject({ status: 422, body: { code: 'AUTH.PASSKEY_INVALID' } });

    const options = await t.call('POST', `${path}/options`, undefined, secret);
    expect(options).toMatchObject({
      status: 200,
      body: {
        challenge: `nonce-${c.id}`,
        userVerification: 'required',
        payment: { amount: c.amount, payee: c.payee },
      },
    });
    const wrong = await t.call('POST', path, assertion('another-credential'), secret);
    expect(wrong).toMatchObject({
      status: 422,
      body: { code: 'AUTH.PASSKEY_UNKNOWN_CREDENTIAL', attemptsLeft: 4 },
    });
    // The state is single use: after a refused assertion the app asks for fresh options.
    const stale = await t.call('POST', path, assertion(GOOD_CREDENTIAL), secret);
    expect(stale).toMatchObject({ status: 422, body: { code: 'AUTH.PASSKEY_INVALID' } });
    expect((await t.call('POST', `${path}/options`, undefined, secret)).status).toBe(200);
    const passed = await t.call('POST', path, assertion(GOOD_CREDENTIAL), secret);
    expect(passed).toMatchObject({ status: 200, body: { status: 'PASSED' } });
    // A replayed assertion finds the challenge closed.
    const replay = await t.call('POST', path, assertion(GOOD_CREDENTIAL), secret);
    expect(replay).toMatchObject({ status: 409, body: { code: 'AUTH.CHALLENGE_CLOSED' } });
    expect((await t.log.get(TENANT, c.id))?.stepUpOutcome).toMatchObject({
      status: 'PASSED',
      method: 'WEBAUTHN',
    });
    // Two attempts were counted (the refused one and the pass); the stale one was not.
    expect((await t.service.challenges.view(TENANT, c.id)).attemptsLeft).toBe(3);
  });

  it('refuses passkey options when the customer has no passkey', async () => {
    const fresh = await startTestAuth({ factors: fakeFactors({ [ALICE.userId]: ['TOTP'] }) });
    try {
      const c = await fresh.stepUp({ methods: ['WEBAUTHN', 'TOTP'] });
      const res = await fresh.call('POST', `/v1/challenges/${c.id}/webauthn/options`);
      expect(res).toMatchObject({ status: 403, body: { code: 'AUTH.FACTOR_NOT_ENROLLED' } });
    } finally {
      await fresh.close();
    }
  });

  it('expires: every route answers 410 and the decision records EXPIRED, published once', async () => {
    const c = await t.stepUp({ methods: ['TOTP'] });
    t.clock.advance(5 * MIN);
    const res = await t.call('POST', `/v1/challenges/${c.id}/verify`, {
      method: 'TOTP',
      code: GOOD_TOTP,
    });
    expect(res).toMatchObject({ status: 410, body: { code: 'AUTH.CHALLENGE_EXPIRED' } });
    const view = await t.call('GET', `/v1/challenges/${c.id}`);
    expect(view.body).toMatchObject({ status: 'EXPIRED', methods: [] });
    const options = await t.call('POST', `/v1/challenges/${c.id}/webauthn/options`);
    expect(options.status).toBe(410);
    expect((await t.log.get(TENANT, c.id))?.stepUpOutcome).toEqual({
      status: 'EXPIRED',
      method: null,
      at: t.clock.now(),
    });
    await t.service.relay.settle();
    expect(t.publisher.events.map((e) => [e.decisionId, e.status])).toEqual([[c.id, 'EXPIRED']]);
  });

  it('the sweep expires due challenges and publishes each outcome, even after a Pub/Sub outage', async () => {
    const due = await t.stepUp({ methods: ['TOTP'] });
    const later = await t.stepUp({
      methods: ['TOTP'],
      expiresAt: new Date(t.clock.now().getTime() + 30 * MIN),
    });
    t.clock.advance(6 * MIN);
    t.publisher.failNext(1);
    const first = await t.call('POST', '/internal/sweep', undefined, null);
    // Expired, but Pub/Sub refused: the outcome stays in the outbox.
    expect(first.body).toEqual({ expired: 1, published: 0 });
    expect(t.publisher.events).toEqual([]);
    const second = await t.call('POST', '/internal/sweep', undefined, null);
    expect(second.body).toEqual({ expired: 0, published: 1 });
    expect(t.publisher.events.map((e) => [e.decisionId, e.status])).toEqual([[due.id, 'EXPIRED']]);
    expect((await t.call('POST', '/internal/sweep', undefined, null)).body).toEqual({
      expired: 0,
      published: 0,
    });
    expect((await t.service.challenges.view(TENANT, later.id)).status).toBe('PENDING');
  });

  it('keeps a passed outcome whose publish failed, and the sweep publishes it', async () => {
    const c = await t.stepUp({ methods: ['TOTP'] });
    t.publisher.failNext(1);
    const res = await t.call('POST', `/v1/challenges/${c.id}/verify`, {
      method: 'TOTP',
      code: GOOD_TOTP,
    });
    expect(res.body).toEqual({ status: 'PASSED', attemptsLeft: 4 });
    await t.service.relay.settle();
    expect(t.publisher.events).toEqual([]);
    expect(await t.service.challenges.sweep()).toEqual({ expired: 0, published: 1 });
    expect(t.publisher.events).toEqual([
      expect.objectContaining({ decisionId: c.id, status: 'PASSED', method: 'TOTP' }),
    ]);
  });
});
