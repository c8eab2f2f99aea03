// risk-api and the auth service's real factor service composed on one store (memory or the
// Firestore emulator), for the cross-service tests of issue 11 item 7: what the factor service
// writes through its user routes is what risk-api's snapshot reads.
import { Hono } from 'hono';
import { URI, type TOTP } from 'otpauth';
import { expect } from 'vitest';
import { createFactorService } from '@sentinel/auth';
import { SoftwareAuthenticator } from '@sentinel/auth/testing';
import type { Decision, DecisionRecord } from '@sentinel/contracts';
import { createLogger } from '@sentinel/kernel';
import type { FakeClock } from '@sentinel/kernel/testing';
import type { CustomerFactors, ForTenant, TenantId } from '@sentinel/store';
import { ALICE, aliceProfile, alicePayment, TENANT, testApi } from '@sentinel/risk-api/testing';
import type { Adapters } from '@sentinel/risk-api';

const ORIGIN = 'http://localhost:8081';

/** The factor service's user routes behind a tenant, as the auth service mounts them. */
function userRoutes(factors: ForTenant<CustomerFactors>, clock: FakeClock, tenant: TenantId) {
  const service = createFactorService({
    factors,
    clock,
    rp: { id: 'localhost', name: 'Sentinel test', origins: [ORIGIN] },
    totpKey: Buffer.alloc(32, 3),
    logger: createLogger({ level: 'error', projectId: 'test', service: 'auth', write: () => {} }),
  });
  const app = new Hono<{ Variables: { tenant: TenantId } }>();
  app.use('*', async (c, next) => {
    c.set('tenant', tenant);
    await next();
  });
  app.route('/v1/users', service.userRoutes());
  return async (method: string, path: string, body?: unknown) => {
    const res = await app.request(path, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text === '' ? null : JSON.parse(text)) as unknown };
  };
}

/**
 * Alice, SIM swapped 5 minutes ago (only enrolled factors can step her up), declared by her bank
 * with a passkey; then enrolled, deleted and re-enrolled on the auth service, and a payment after
 * each step. Checks the decision and the stored context each time.
 */
export async function enrolDeleteAndPay(opts: {
  readonly adapters: Adapters;
  readonly factors: ForTenant<CustomerFactors>;
  readonly clock: FakeClock;
  readonly record: (decisionId: string) => Promise<DecisionRecord | null>;
}): Promise<void> {
  const risk = testApi({
    adapters: opts.adapters,
    clock: opts.clock,
    env: { SENTINEL_LATENCY_BUDGET_MS: '5000' },
  });
  const users = userRoutes(opts.factors, opts.clock, TENANT);
  const pay = async () => {
    const answer = await risk.call<Decision>('POST', '/v1/assess-payment', alicePayment());
    expect(answer.status).toBe(200);
    const stored = await opts.record(answer.body.decisionId);
    return { decision: answer.body, factors: stored?.context.enrolledFactors };
  };

  expect((await risk.call('PUT', `/v1/users/${ALICE.userId}`, aliceProfile())).status).toBe(200);
  await opts.adapters.state.putSimSwapSignal({
    phoneNumber: ALICE.phoneNumber,
    lastSwapAt: new Date(opts.clock.now().getTime() - 5 * 60_000),
    checkedAt: opts.clock.now(),
    source: 'camara',
  });
  // Never seen by the auth service: her bank's declared passkey counts.
  let paid = await pay();
  expect(paid.decision.stepUp?.methods).toEqual(['WEBAUTHN']);
  expect(paid.factors?.source).toBe('BANK_DECLARED');

  // A passkey and an authenticator app, enrolled through the auth service's user routes.
  const authenticator = new SoftwareAuthenticator();
  const options = await users('POST', `/v1/users/${ALICE.userId}/passkeys/options`);
  expect(options.status).toBe(200);
  const registered = await users(
    'POST',
    `/v1/users/${ALICE.userId}/passkeys`,
    authenticator.register(
      options.body as Parameters<SoftwareAuthenticator['register']>[0],
      ORIGIN,
    ),
  );
  expect(registered.status).toBe(201);
  const totp = await users('POST', `/v1/users/${ALICE.userId}/totp`);
  const uri = (totp.body as { otpauthUri: string }).otpauthUri;
  const code = (URI.parse(uri) as TOTP).generate({ timestamp: opts.clock.now().getTime() });
  expect((await users('POST', `/v1/users/${ALICE.userId}/totp/confirm`, { code })).status).toBe(
    200,
  );
  paid = await pay();
  expect(paid.decision.stepUp?.methods).toEqual(['WEBAUTHN', 'TOTP']);
  expect(paid.factors).toEqual({
    source: 'AUTH_SERVICE',
    methods: ['WEBAUTHN', 'TOTP'],
    locked: [],
  });

  // The passkey is deleted on the auth service: the next payment no longer offers it.
  const deleted = await users('DELETE', `/v1/users/${ALICE.userId}/passkeys/${authenticator.id}`);
  expect(deleted.status).toBe(204);
  paid = await pay();
  expect(paid.decision.stepUp?.methods).toEqual(['TOTP']);
  expect(paid.factors?.methods).toEqual(['TOTP']);

  // Nothing usable left once the TOTP factor is locked by 100 wrong codes' worth of failures:
  // write the lock as the factor service does, then pay: NO_SAFE_STEP_UP, the declared passkey
  // does not come back.
  await opts.factors.forTenant(TENANT).update(ALICE.userId, (current) => ({
    write: {
      ...current,
      totp: {
        ...(current.totp ?? { secretCiphertext: '' }),
        consecutiveFailures: 100,
        lockedAt: opts.clock.now(),
      },
    },
    result: null,
  }));
  paid = await pay();
  expect(paid.decision.action).toBe('DENY');
  expect(paid.decision.reasons.map((r) => r.code)).toContain('NO_SAFE_STEP_UP');
  expect(paid.factors).toEqual({ source: 'AUTH_SERVICE', methods: [], locked: ['TOTP'] });
  await risk.api.background.drain(5_000);
}
