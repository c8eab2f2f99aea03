import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import { MemoryCustomerFactors, type CustomerFactors, type ForTenant } from '@sentinel/store';
import { describe, expect, it } from 'vitest';
import { FACTOR_POLICY } from './factor-policy.ts';
import type { PaymentChallenge } from './payment-binding.ts';
import { factorServiceForTest, jsonPoster, withTenant } from './testing/factor-fixtures.ts';
import { SoftwareAuthenticator } from './testing/software-authenticator.ts';

const ORIGIN = 'http://localhost:8081';
const TENANT = 'bank-a';

function aChallenge(overrides: Partial<PaymentChallenge> = {}): PaymentChallenge {
  return {
    id: 'dec-1',
    userId: 'alice',
    decisionId: 'dec-1',
    amount: { minor: 123_450, currency: 'ZAR' },
    payee: 'Bob’s Bakery',
    ...overrides,
  };
}

async function withPasskey(topOrigins: readonly string[] = []) {
  const ctx = factorServiceForTest([ORIGIN], undefined, topOrigins);
  const post = jsonPoster(withTenant(ctx.service.userRoutes(), TENANT));
  const authenticator = new SoftwareAuthenticator();
  const options = (await (
    await post('/v1/users/alice/passkeys/options', {})
  ).json()) as PublicKeyCredentialCreationOptionsJSON;
  const res = await post('/v1/users/alice/passkeys', authenticator.register(options, ORIGIN));
  expect(res.status).toBe(201);
  /** Options for `challenge` and the assertion the authenticator makes for them. */
  const sign = async (
    challenge: PaymentChallenge,
    opts: { origin?: string; clientData?: Record<string, unknown> } = {},
  ) => {
    const request = await ctx.service.passkeyRequest(TENANT, challenge);
    const response = authenticator.assert(request.options, opts.origin ?? ORIGIN, opts.clientData);
    return { request, response };
  };
  const verify = async (challenge: PaymentChallenge, opts: Parameters<typeof sign>[1] = {}) => {
    const { request, response } = await sign(challenge, opts);
    return ctx.service.verifyPasskey(TENANT, challenge, request.state, response);
  };
  return { ...ctx, post, authenticator, options, sign, verify };
}

describe('passkey registration', () => {
  it('asks for user verification, prefers a resident key, no attestation, excludes known credentials', async () => {
    const { post, authenticator } = await withPasskey();
    const options = (await (
      await post('/v1/users/alice/passkeys/options', { userName: 'alice@bank' })
    ).json()) as PublicKeyCredentialCreationOptionsJSON;
    expect(options).toMatchObject({
      rp: { id: 'localhost', name: 'Sentinel test bank' },
      user: { name: 'alice@bank' },
      attestation: 'none',
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
      excludeCredentials: [{ id: authenticator.id, type: 'public-key', transports: ['internal'] }],
    });
    // The user handle is opaque: not the customer id.
    expect(Buffer.from(options.user.id, 'base64url').toString('utf8')).not.toContain('alice');
  });

  it('stores the credential with transports and backup flags, and lists it without key material', async () => {
    const { service, factors, authenticator } = await withPasskey();
    const listed = await withTenant(service.userRoutes(), TENANT).request(
      '/v1/users/alice/factors',
    );
    expect(await listed.json()).toEqual({
      userId: 'alice',
      methods: ['WEBAUTHN'],
      passkeys: [
        {
          id: authenticator.id,
          transports: ['internal'],
          deviceType: 'singleDevice',
          backedUp: false,
          createdAt: '2026-03-01T10:00:00.000Z',
        },
      ],
      passkeysLocked: false,
      totp: null,
    });
    const [stored] = (await factors.forTenant(TENANT).get('alice')).passkeys;
    expect(stored).toMatchObject({
      transports: ['internal'],
      deviceType: 'singleDevice',
      backedUp: false,
      counter: 0,
    });
    expect(await service.enrolledMethods(TENANT, 'alice')).toEqual(['WEBAUTHN']);
    expect(await service.enrolledMethods('bank-b', 'alice')).toEqual([]);
  });

  it.each([
    {
      case: 'no user verification',
      code: 'AUTH.PASSKEY_INVALID',
      origin: ORIGIN,
      uv: false,
      advanceMs: 0,
    },
    {
      case: 'another origin',
      code: 'AUTH.PASSKEY_WRONG_ORIGIN',
      origin: 'https://evil.example',
      uv: true,
      advanceMs: 0,
    },
    {
      case: 'after the ceremony expired',
      code: 'AUTH.REGISTRATION_NOT_PENDING',
      origin: ORIGIN,
      uv: true,
      advanceMs: FACTOR_POLICY.registrationTtlMs,
    },
  ])('refuses a registration with $case ($code)', async ({ code, origin, uv, advanceMs }) => {
    const ctx = factorServiceForTest([ORIGIN]);
    const post = jsonPoster(withTenant(ctx.service.userRoutes(), TENANT));
    const authenticator = new SoftwareAuthenticator();
    authenticator.userVerified = uv;
    const options = (await (
      await post('/v1/users/alice/passkeys/options', {})
    ).json()) as PublicKeyCredentialCreationOptionsJSON;
    ctx.clock.advance(advanceMs);
    const res = await post('/v1/users/alice/passkeys', authenticator.register(options, origin));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ code });
    expect(await ctx.service.enrolledMethods(TENANT, 'alice')).toEqual([]);
  });
});

describe('passkey authentication bound to the payment', () => {
  it('returns options bound to the payment: allowCredentials, UV required, amount and payee', async () => {
    const { sign, authenticator } = await withPasskey();
    const { request } = await sign(aChallenge());
    expect(request.options).toMatchObject({
      rpId: 'localhost',
      userVerification: 'required',
      allowCredentials: [{ id: authenticator.id, type: 'public-key', transports: ['internal'] }],
    });
    expect(request.payment).toEqual({
      amount: { minor: 123_450, currency: 'ZAR' },
      payee: 'Bob’s Bakery',
    });
    expect(request.state).not.toContain(request.options.challenge);
  });

  it('passes, moves the counter, resets failures and records the use', async () => {
    const { sign, service, factors, clock } = await withPasskey();
    const challenge = aChallenge();
    const refused = await sign(challenge);
    expect(
      await service.verifyPasskey(
        TENANT,
        challenge,
        refused.request.state,
        refused.response,
        'https://evil.example',
      ),
    ).toMatchObject({ ok: false });
    expect((await factors.forTenant(TENANT).get('alice')).passkeyFailures).toBe(1);
    clock.advance(1_000);
    const good = await sign(challenge);
    expect(
      await service.verifyPasskey(TENANT, challenge, good.request.state, good.response),
    ).toEqual({ ok: true });
    const record = await factors.forTenant(TENANT).get('alice');
    expect(record.passkeyFailures).toBe(0);
    expect(record.passkeys[0]).toMatchObject({ counter: 2, lastUsedAt: clock.now() });
  });

  it.each([
    { what: 'amount', change: { amount: { minor: 123_451, currency: 'ZAR' } } },
    { what: 'currency', change: { amount: { minor: 123_450, currency: 'USD' } } },
    { what: 'payee', change: { payee: 'Mallory' } },
    { what: 'payee (to none)', change: { payee: null } },
    { what: 'decision', change: { decisionId: 'dec-2' } },
  ])('refuses an assertion once the $what changed (dynamic linking)', async ({ change }) => {
    const { sign, service } = await withPasskey();
    const signedFor = aChallenge();
    const { request, response } = await sign(signedFor);
    expect(
      await service.verifyPasskey(TENANT, { ...signedFor, ...change }, request.state, response),
    ).toMatchObject({
      ok: false,
      code: 'AUTH.PASSKEY_WRONG_PAYMENT',
    });
    // The untouched payment still verifies with the same assertion: only the change refused it.
    expect(await service.verifyPasskey(TENANT, signedFor, request.state, response)).toEqual({
      ok: true,
    });
  });

  it('allows a counter that stays 0 (synced passkeys), refuses one that goes back from > 0', async () => {
    const { verify, authenticator, factors } = await withPasskey();
    authenticator.counting = false;
    expect(await verify(aChallenge())).toEqual({ ok: true });
    expect(await verify(aChallenge())).toEqual({ ok: true });
    authenticator.counting = true;
    authenticator.counter = 5;
    expect(await verify(aChallenge())).toEqual({ ok: true });
    authenticator.counter = 2;
    expect(await verify(aChallenge())).toMatchObject({
      ok: false,
      code: 'AUTH.PASSKEY_COUNTER_REGRESSION',
    });
    authenticator.counting = false; // stays at the stored 6
    expect(await verify(aChallenge())).toMatchObject({
      ok: false,
      code: 'AUTH.PASSKEY_COUNTER_REGRESSION',
    });
    expect((await factors.forTenant(TENANT).get('alice')).passkeys[0]?.counter).toBe(6);
  });

  it.each([
    { case: 'without user verification', code: 'AUTH.PASSKEY_NOT_VERIFIED' },
    { case: 'from an origin not allowed', code: 'AUTH.PASSKEY_WRONG_ORIGIN' },
    { case: 'from a credential of someone else', code: 'AUTH.PASSKEY_UNKNOWN_CREDENTIAL' },
    { case: 'with a forged signature', code: 'AUTH.PASSKEY_INVALID' },
    { case: 'with a state that is not ours', code: 'AUTH.PASSKEY_INVALID' },
    { case: 'with a webauthn.create type', code: 'AUTH.PASSKEY_INVALID' },
  ])('refuses an assertion $case ($code)', async ({ case: what, code }) => {
    const { sign, service, authenticator } = await withPasskey();
    const challenge = aChallenge();
    authenticator.userVerified = what !== 'without user verification';
    const { request, response } = await sign(challenge, {
      origin: what === 'from an origin not allowed' ? 'http://localhost:9999' : ORIGIN,
      clientData: what === 'with a webauthn.create type' ? { type: 'webauthn.create' } : {},
    });
    let sent = response;
    let state = request.state;
    if (what === 'from a credential of someone else') {
      sent = new SoftwareAuthenticator().assert(request.options, ORIGIN);
    } else if (what === 'with a forged signature') {
      sent = {
        ...response,
        response: { ...response.response, signature: Buffer.alloc(70, 1).toString('base64url') },
      };
    } else if (what === 'with a state that is not ours') {
      state = 'v0.garbage';
    }
    expect(await service.verifyPasskey(TENANT, challenge, state, sent)).toMatchObject({
      ok: false,
      code,
    });
  });

  it('refuses a request whose Origin header is not allowed, even with good client data', async () => {
    const { sign, service } = await withPasskey();
    const challenge = aChallenge();
    const { request, response } = await sign(challenge);
    expect(
      await service.verifyPasskey(
        TENANT,
        challenge,
        request.state,
        response,
        'https://evil.example',
      ),
    ).toMatchObject({ ok: false, code: 'AUTH.PASSKEY_WRONG_ORIGIN' });
  });

  it('answers FACTOR_NOT_ENROLLED for a customer without passkeys (and at another tenant)', async () => {
    const { sign, service } = await withPasskey();
    const challenge = aChallenge();
    const { request, response } = await sign(challenge);
    expect(await service.verifyPasskey('bank-b', challenge, request.state, response)).toMatchObject(
      {
        ok: false,
        code: 'AUTH.FACTOR_NOT_ENROLLED',
      },
    );
  });

  it('locks passkeys after 100 consecutive failures; a success before resets the count', async () => {
    const { sign, verify, service, factors, clock, post } = await withPasskey();
    const challenge = aChallenge();
    const { request, response } = await sign(challenge);
    const wrongState = (await sign(challenge)).request.state;
    for (let i = 0; i < FACTOR_POLICY.maxConsecutiveFailures - 1; i++) {
      await service.verifyPasskey(TENANT, challenge, wrongState, response);
    }
    expect((await factors.forTenant(TENANT).get('alice')).passkeyFailures).toBe(99);
    expect(await service.verifyPasskey(TENANT, challenge, request.state, response)).toEqual({
      ok: true,
    });
    expect((await factors.forTenant(TENANT).get('alice')).passkeyFailures).toBe(0);
    for (let i = 0; i < FACTOR_POLICY.maxConsecutiveFailures; i++) {
      await service.verifyPasskey(TENANT, challenge, wrongState, response);
    }
    expect(await verify(challenge)).toMatchObject({ ok: false, code: 'AUTH.FACTOR_LOCKED' });
    expect((await factors.forTenant(TENANT).get('alice')).passkeyLockedAt).toEqual(clock.now());

    // The bank's recovery: a new passkey enrolled through its API unlocks, with a fresh count.
    const replacement = new SoftwareAuthenticator();
    const options = (await (
      await post('/v1/users/alice/passkeys/options', {})
    ).json()) as PublicKeyCredentialCreationOptionsJSON;
    expect(
      (await post('/v1/users/alice/passkeys', replacement.register(options, ORIGIN))).status,
    ).toBe(201);
    const unlocked = await factors.forTenant(TENANT).get('alice');
    expect(unlocked).not.toHaveProperty('passkeyLockedAt');
    expect(unlocked.passkeyFailures).toBe(0);
    const again = await service.passkeyRequest(TENANT, challenge);
    expect(
      await service.verifyPasskey(
        TENANT,
        challenge,
        again.state,
        replacement.assert(again.options, ORIGIN),
      ),
    ).toEqual({ ok: true });
  });
});

describe('passkey lock taken between the check and the write', () => {
  it('keeps the lock: a valid assertion neither passes nor unlocks', async () => {
    const memory = new MemoryCustomerFactors();
    let lockBeforeNextUpdate = false;
    // The real adapter, with another ceremony's locking write slipped in before ours.
    const racing: ForTenant<CustomerFactors> = {
      forTenant: (tenant) => {
        const inner = memory.forTenant(tenant);
        return {
          get: (userId) => inner.get(userId),
          update: async (userId, change) => {
            if (lockBeforeNextUpdate) {
              lockBeforeNextUpdate = false;
              await inner.update(userId, (current) => ({
                write: { ...current, passkeyFailures: 100, passkeyLockedAt: new Date(0) },
                result: null,
              }));
            }
            return inner.update(userId, change);
          },
        };
      },
    };
    const ctx = factorServiceForTest([ORIGIN], racing);
    const post = jsonPoster(withTenant(ctx.service.userRoutes(), TENANT));
    const authenticator = new SoftwareAuthenticator();
    const options = (await (
      await post('/v1/users/alice/passkeys/options', {})
    ).json()) as PublicKeyCredentialCreationOptionsJSON;
    expect(
      (await post('/v1/users/alice/passkeys', authenticator.register(options, ORIGIN))).status,
    ).toBe(201);
    const challenge = aChallenge();
    const request = await ctx.service.passkeyRequest(TENANT, challenge);
    lockBeforeNextUpdate = true;
    const result = await ctx.service.verifyPasskey(
      TENANT,
      challenge,
      request.state,
      authenticator.assert(request.options, ORIGIN),
    );
    expect(result).toMatchObject({ ok: false, code: 'AUTH.FACTOR_LOCKED' });
    const record = await memory.forTenant(TENANT).get('alice');
    expect(record.passkeyLockedAt).toEqual(new Date(0));
    expect(record.passkeys[0]?.counter).toBe(0);
  });
});

describe('Secure Payment Confirmation (payment.get)', () => {
  const spc = (value: string, currency: string, payeeName?: string) => ({
    type: 'payment.get',
    payment: {
      rpId: 'localhost',
      topOrigin: ORIGIN,
      ...(payeeName === undefined ? {} : { payeeName }),
      total: { currency, value },
      instrument: { displayName: 'Cheque account', icon: 'https://bank.example/card.png' },
    },
  });

  it.each([
    { value: '1234.50', currency: 'ZAR', payee: 'Bob’s Bakery', ok: true },
    { value: '1234.5', currency: 'ZAR', payee: 'Bob’s Bakery', ok: true },
    { value: '1234.51', currency: 'ZAR', payee: 'Bob’s Bakery', ok: false },
    { value: '1234.50', currency: 'USD', payee: 'Bob’s Bakery', ok: false },
    { value: '1234.50', currency: 'ZAR', payee: 'Mallory', ok: false },
    { value: '1234.50', currency: 'ZAR', payee: undefined, ok: false },
    { value: '1234.500001', currency: 'ZAR', payee: 'Bob’s Bakery', ok: false },
  ])('total $value $currency to $payee: accepted $ok', async ({ value, currency, payee, ok }) => {
    const { verify } = await withPasskey();
    const result = await verify(aChallenge(), { clientData: spc(value, currency, payee) });
    expect(result.ok ? { ok: true } : result).toEqual(
      ok
        ? { ok: true }
        : { ok: false, code: 'AUTH.PASSKEY_WRONG_PAYMENT', detail: expect.any(String) as string },
    );
  });
});

describe('an assertion made in a frame (the console shows the step-up page in its phone)', () => {
  const CONSOLE = 'http://localhost:8080';
  const framed = (topOrigin: string) => ({ clientData: { crossOrigin: true, topOrigin } });

  it.each([
    { frameAncestors: [CONSOLE], topOrigin: CONSOLE, ok: true },
    { frameAncestors: [CONSOLE], topOrigin: 'https://evil.example', ok: false },
    { frameAncestors: [], topOrigin: CONSOLE, ok: false },
  ])(
    'top origin $topOrigin with frame ancestors $frameAncestors: accepted $ok',
    async ({ frameAncestors, topOrigin, ok }) => {
      const { verify } = await withPasskey(frameAncestors);
      const result = await verify(aChallenge(), framed(topOrigin));
      expect(result.ok ? { ok: true } : result).toEqual(
        ok
          ? { ok: true }
          : { ok: false, code: 'AUTH.PASSKEY_INVALID', detail: expect.any(String) as string },
      );
    },
  );
});
