import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeFactors, GOOD_TOTP } from '../testing/fake-factors.ts';
import {
  ALICE,
  API_KEY,
  secretFor,
  startTestAuth,
  SWEEP_TOKEN,
  TENANT,
  type TestAuth,
} from '../testing/harness.ts';

const MIN = 60_000;
// Expiry, the sweep and the outbox are the challenge routes' own logic: a double of the factors
// module (only its TOTP code) keeps them short. Passkeys run the real module: challenge-passkeys.test.ts.
describe('expiry and the outcomes of a challenge', () => {
  let t: TestAuth;
  beforeEach(async () => {
    t = await startTestAuth({ factors: fakeFactors({ [ALICE.userId]: ['WEBAUTHN', 'TOTP'] }) });
    await t.setSim(null);
  });
  afterEach(() => t.close());

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
    const first = await t.call('POST', '/internal/sweep', undefined, SWEEP_TOKEN);
    // Expired, but Pub/Sub refused: the outcome stays in the outbox.
    expect(first.body).toEqual({ expired: 1, published: 0 });
    expect(t.publisher.events).toEqual([]);
    const second = await t.call('POST', '/internal/sweep', undefined, SWEEP_TOKEN);
    expect(second.body).toEqual({ expired: 0, published: 1 });
    expect(t.publisher.events.map((e) => [e.decisionId, e.status])).toEqual([[due.id, 'EXPIRED']]);
    expect((await t.call('POST', '/internal/sweep', undefined, SWEEP_TOKEN)).body).toEqual({
      expired: 0,
      published: 0,
    });
    expect((await t.service.challenges.view(TENANT, later.id)).status).toBe('PENDING');
  });

  it('refuses the sweep without its own token: no credentials, an API key, a wrong token', async () => {
    const due = await t.stepUp({ methods: ['TOTP'] });
    t.clock.advance(6 * MIN);
    const none = await t.call('POST', '/internal/sweep', undefined, null);
    expect(none).toMatchObject({ status: 401, body: { code: 'AUTH.MISSING_CREDENTIALS' } });
    for (const bearer of [API_KEY, secretFor(due.id), `${SWEEP_TOKEN}x`]) {
      const res = await t.call('POST', '/internal/sweep', undefined, bearer);
      expect(res).toMatchObject({ status: 401, body: { code: 'AUTH.INVALID_CREDENTIALS' } });
    }
    // The refused calls swept nothing: the one with the token finds the challenge still due.
    expect(t.publisher.events).toEqual([]);
    const swept = await t.call('POST', '/internal/sweep', undefined, SWEEP_TOKEN);
    expect(swept.body).toEqual({ expired: 1, published: 1 });
  });

  it('has no sweep route when no sweep token is configured (only the instances sweep)', async () => {
    const bare = await startTestAuth({ env: { AUTH_SWEEP_TOKEN: '' } });
    try {
      const res = await bare.call('POST', '/internal/sweep', undefined, SWEEP_TOKEN);
      expect(res.status).toBe(404);
    } finally {
      await bare.close();
    }
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
