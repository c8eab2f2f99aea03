import { SmartRouter } from 'hono/router/smart-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeFactors } from '../testing/fake-factors.ts';
import {
  ALICE,
  OTHER_KEY,
  OTHER_TENANT,
  secretFor,
  startTestAuth,
  T0,
  type TestAuth,
} from '../testing/harness.ts';

const MIN = 60_000;

describe('who may read a challenge: the tenant’s API key or the challenge’s client secret', () => {
  let t: TestAuth;
  beforeEach(async () => {
    t = await startTestAuth({ factors: fakeFactors({ [ALICE.userId]: ['WEBAUTHN', 'TOTP'] }) });
    await t.setSim(null);
  });
  afterEach(() => t.close());

  it('shows the challenge to the bank’s API key and to its client secret alike', async () => {
    const c = await t.stepUp({ methods: ['WEBAUTHN', 'TOTP', 'SMS_OTP'] });
    const expected = {
      status: 'PENDING',
      methods: ['WEBAUTHN', 'TOTP', 'SMS_OTP'],
      expiresAt: new Date(T0.getTime() + 5 * MIN).toISOString(),
      attemptsLeft: 5,
      payment: { amount: c.amount, payee: c.payee },
    };
    const byKey = await t.call('GET', `/v1/challenges/${c.id}`);
    expect(byKey).toMatchObject({ status: 200, body: expected });
    const bySecret = await t.call('GET', `/v1/challenges/${c.id}`, undefined, secretFor(c.id));
    expect(bySecret).toMatchObject({ status: 200, body: expected });
  });

  it.each([
    ['another challenge’s secret', (_id: string, other: string) => secretFor(other)],
    ['a secret for another tenant', (id: string) => secretFor(id, OTHER_TENANT)],
    ['a forged MAC', (id: string) => `${secretFor(id).slice(0, -4)}AAAA`],
    ['another tenant’s API key', () => OTHER_KEY],
  ])('answers 404 AUTH.CHALLENGE_NOT_FOUND to %s', async (_name, credential) => {
    const c = await t.stepUp();
    const other = await t.stepUp();
    const res = await t.call(
      'GET',
      `/v1/challenges/${c.id}`,
      undefined,
      credential(c.id, other.id),
    );
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'AUTH.CHALLENGE_NOT_FOUND' });
    // The refusal names no secret.
    expect(JSON.stringify(res.body)).not.toContain(secretFor(c.id));
  });

  it('answers 401 without credentials or with an unknown one', async () => {
    const c = await t.stepUp();
    const none = await t.call('GET', `/v1/challenges/${c.id}`, undefined, null);
    expect(none).toMatchObject({ status: 401, body: { code: 'AUTH.MISSING_CREDENTIALS' } });
    const bad = await t.call('GET', `/v1/challenges/${c.id}`, undefined, 'not-a-key-at-all');
    expect(bad).toMatchObject({ status: 401, body: { code: 'AUTH.INVALID_CREDENTIALS' } });
  });

  it('does not let a client secret reach the user routes (API key only)', async () => {
    const c = await t.stepUp();
    const bySecret = await t.call(
      'GET',
      `/v1/users/${ALICE.userId}/factors`,
      undefined,
      secretFor(c.id),
    );
    expect(bySecret.status).toBe(401);
    const byKey = await t.call('GET', `/v1/users/${ALICE.userId}/factors`);
    expect(byKey).toMatchObject({
      status: 200,
      body: { tenant: 'bank', methods: ['WEBAUTHN', 'TOTP'] },
    });
  });

  it('offers only enrolled and safe methods: no SMS for a swapped SIM, no TOTP unless enrolled', async () => {
    await t.setSim(2);
    const c = await t.stepUp({ methods: ['WEBAUTHN', 'SMS_OTP', 'EMAIL_OTP'] });
    const res = await t.call<{ methods: string[] }>('GET', `/v1/challenges/${c.id}`);
    // E-mail is not enabled for this bank; SMS is blocked after the swap.
    expect(res.body.methods).toEqual(['WEBAUTHN']);
  });

  it('lets the configured web origin call the challenge routes (CORS), and no other', async () => {
    const c = await t.stepUp();
    const preflight = (origin: string) =>
      fetch(`${t.baseUrl}/v1/challenges/${c.id}/verify`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    const allowed = await preflight(t.pageOrigin);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(t.pageOrigin);
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves health, readiness and an OpenAPI document naming every challenge route', async () => {
    expect((await t.call('GET', '/healthz', undefined, null)).status).toBe(200);
    expect((await t.call('GET', '/readyz', undefined, null)).body).toEqual({ status: 'ready' });
    const doc = await t.call<{ paths: Record<string, unknown> }>(
      'GET',
      '/openapi.json',
      undefined,
      null,
    );
    expect(Object.keys(doc.body.paths).sort()).toEqual([
      '/v1/challenges/{id}',
      '/v1/challenges/{id}/otp',
      '/v1/challenges/{id}/verify',
      '/v1/challenges/{id}/webauthn',
      '/v1/challenges/{id}/webauthn/options',
    ]);
    const docs = await fetch(`${t.baseUrl}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui');
    // Every route compiles in Hono's RegExpRouter (one pair it cannot compile would send every
    // request through the slower TrieRouter; the kernel's docs routes once were such a pair).
    const { router } = t.service.app;
    expect(router).toBeInstanceOf(SmartRouter);
    expect(router instanceof SmartRouter && router.activeRouter.name).toBe('RegExpRouter');
  });
});
