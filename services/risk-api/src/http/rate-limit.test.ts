import { describe, expect, it } from 'vitest';
import {
  ADMIN_KEY,
  ALICE,
  aliceProfile,
  alicePayment,
  memoryAdapters,
  OTHER_KEY,
  PLATFORM_KEY,
  settableClock,
  TENANT,
  testApi,
} from '../testing/harness.ts';

/** A risk-api with small budgets on a fake clock the test moves. */
function limited(env: Record<string, string> = {}) {
  const clock = settableClock();
  const t = testApi({
    adapters: memoryAdapters(),
    clock,
    env: {
      ...env,
      SENTINEL_RATE_ASSESS_PER_SECOND: '1',
      SENTINEL_RATE_ASSESS_BURST: '2',
      SENTINEL_RATE_WRITES_PER_SECOND: '0.25',
      SENTINEL_RATE_WRITES_BURST: '1',
    },
  });
  const advance = (ms: number) => {
    clock.advance(ms);
  };
  const assess = (key?: string) =>
    t.call(
      'POST',
      '/v1/assess-payment',
      alicePayment(),
      key === undefined ? {} : { authorization: `Bearer ${key}` },
    );
  return { ...t, advance, assess };
}

describe('rate limits', () => {
  it('answers 429 problem+json with Retry-After past the assessment budget, and recovers', async () => {
    const t = limited();
    expect((await t.assess()).status).toBe(200);
    expect((await t.assess()).status).toBe(200);
    const refused = await t.assess();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body).toMatchObject({ code: 'REQUEST.RATE_LIMITED', budget: 'assess' });

    t.advance(999);
    const stillRefused = await t.assess();
    expect(stillRefused.status).toBe(429);
    expect(stillRefused.headers.get('retry-after')).toBe('1'); // 1 ms, rounded up to a second
    t.advance(1);
    expect((await t.assess()).status).toBe(200);
    expect((await t.assess()).status).toBe(429);
  });

  it("one tenant's exhaustion leaves another tenant's budget whole", async () => {
    const t = limited();
    await t.assess();
    await t.assess();
    expect((await t.assess()).status).toBe(429);
    expect((await t.assess(OTHER_KEY)).status).toBe(200);
    expect((await t.assess(OTHER_KEY)).status).toBe(200);
    expect((await t.assess(OTHER_KEY)).status).toBe(429);
  });

  it('writes have their own budget; reads are not limited', async () => {
    const t = limited();
    const put = () => t.call('PUT', `/v1/users/${ALICE.userId}`, aliceProfile());
    expect((await put()).status).toBe(200);
    const refused = await put();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('4'); // 0.25 per second
    expect(refused.body).toMatchObject({ code: 'REQUEST.RATE_LIMITED', budget: 'writes' });
    const failedLogin = await t.call('POST', `/v1/users/${ALICE.userId}/failed-logins`, {});
    expect(failedLogin.status).toBe(429);
    // the assessment budget is untouched, and reading is free
    expect((await t.assess()).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      expect((await t.call('GET', `/v1/users/${ALICE.userId}`)).status).toBe(200);
    }
    t.advance(4_000);
    expect((await put()).status).toBe(200);
  });

  it('counts the admin endpoints as writes of the tenant: its admin and API keys share one budget', async () => {
    const t = limited();
    const admin = { authorization: `Bearer ${ADMIN_KEY}` };
    const unfreeze = () =>
      t.call('POST', `/v1/users/${ALICE.userId}/unfreeze`, { comment: 'checked' }, admin);
    expect((await t.call('PUT', `/v1/users/${ALICE.userId}`, aliceProfile())).status).toBe(200);
    expect((await unfreeze()).status).toBe(429);
    t.advance(4_000);
    expect((await unfreeze()).status).not.toBe(429);
  });

  it('gives a platform operator its own budget, even one named like a tenant', async () => {
    const t = limited({ SENTINEL_PLATFORM_KEYS: `${TENANT}:${PLATFORM_KEY}` });
    expect((await t.call('PUT', `/v1/users/${ALICE.userId}`, aliceProfile())).status).toBe(200);
    const platform = { authorization: `Bearer ${PLATFORM_KEY}` };
    // The tenant's only write token is spent; the operator's request is judged on its body (400).
    const put = await t.call('PUT', '/v1/policy', {}, platform);
    expect(put.status).toBe(400);
  });

  it('authenticates before counting: a bad key is 401 and spends nothing', async () => {
    const t = limited();
    for (let i = 0; i < 3; i++) {
      expect((await t.assess('not-a-configured-key')).status).toBe(401);
    }
    expect((await t.assess()).status).toBe(200);
  });
});
