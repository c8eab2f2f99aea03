import { beforeEach, describe, expect, it } from 'vitest';
import type { Decision } from '@sentinel/contracts';
import { noFactors, type CustomerFactorsRecord, type StoredPasskey } from '@sentinel/store';
import {
  ALICE,
  aliceProfile,
  alicePayment,
  memoryAdapters,
  settableClock,
  T0,
  TENANT,
  testApi,
} from '../testing/harness.ts';

const MIN = 60_000;

const passkey: StoredPasskey = {
  id: 'cred-1',
  publicKey: new Uint8Array([165, 1, 2, 3]),
  counter: 0,
  transports: ['internal'],
  deviceType: 'multiDevice',
  backedUp: true,
  createdAt: new Date(T0.getTime() - 60 * MIN),
};
const totp = {
  secretCiphertext: 'c2VhbGVk',
  confirmedAt: new Date(T0.getTime() - 60 * MIN),
  consecutiveFailures: 0,
};

// Issue 11, item 7: the auth service owns the customer's factors; the decision's step-up methods
// (and NO_SAFE_STEP_UP) follow its record, read in risk-api's one snapshot read. Alice's SIM was
// swapped 5 minutes ago, so SMS and e-mail are out and only enrolled factors can step her up.
describe('step-up methods follow the auth service’s record of the customer’s factors', () => {
  let t: ReturnType<typeof testApi<ReturnType<typeof memoryAdapters>>>;

  beforeEach(async () => {
    t = testApi({ adapters: memoryAdapters(), clock: settableClock(T0) });
    expect((await t.call('PUT', `/v1/users/${ALICE.userId}`, aliceProfile())).status).toBe(200);
    await t.adapters.state.putSimSwapSignal({
      phoneNumber: ALICE.phoneNumber,
      lastSwapAt: new Date(T0.getTime() - 5 * MIN),
      checkedAt: T0,
      source: 'camara',
    });
  });

  /** What the auth service writes for Alice (its factor service's store is this one). */
  const authServiceHolds = (record: Partial<CustomerFactorsRecord>) =>
    t.adapters.state.factors.forTenant(TENANT).update(ALICE.userId, () => ({
      write: { ...noFactors(ALICE.userId), ...record },
      result: null,
    }));

  const pay = async () => {
    const res = await t.call<Decision>('POST', '/v1/assess-payment', alicePayment());
    expect(res.status).toBe(200);
    const stored = await t.adapters.log.get(TENANT, res.body.decisionId);
    return { decision: res.body, context: stored?.context };
  };

  it('uses the bank’s declared list while the auth service has never seen Alice', async () => {
    const { decision, context } = await pay();
    expect(decision.action).toBe('STEP_UP');
    expect(decision.stepUp?.methods).toEqual(['WEBAUTHN']);
    expect(context?.enrolledFactors).toEqual({
      source: 'BANK_DECLARED',
      methods: ['WEBAUTHN'],
      locked: [],
    });
  });

  it('offers what the auth service holds, over the declared list', async () => {
    await authServiceHolds({ passkeys: [passkey], totp });
    const { decision, context } = await pay();
    expect(decision.stepUp?.methods).toEqual(['WEBAUTHN', 'TOTP']);
    expect(context?.enrolledFactors).toEqual({
      source: 'AUTH_SERVICE',
      methods: ['WEBAUTHN', 'TOTP'],
      locked: [],
    });
    expect(context?.profile?.enrolledFactors).toEqual(['WEBAUTHN', 'TOTP']);
  });

  it('stops offering a deleted passkey: TOTP only, then NO_SAFE_STEP_UP once nothing is left', async () => {
    await authServiceHolds({ passkeys: [passkey], totp });
    expect((await pay()).decision.stepUp?.methods).toEqual(['WEBAUTHN', 'TOTP']);

    await authServiceHolds({ totp });
    expect((await pay()).decision.stepUp?.methods).toEqual(['TOTP']);

    // The declared ['WEBAUTHN'] does not come back: the auth service's record is the truth.
    await authServiceHolds({});
    const { decision, context } = await pay();
    expect(decision.action).toBe('DENY');
    expect(decision.stepUp).toBeUndefined();
    expect(decision.reasons).toContainEqual(
      expect.objectContaining({
        code: 'NO_SAFE_STEP_UP',
        evidence: { simInDoubt: true, enrolledFactors: 0 },
      }),
    );
    expect(context?.enrolledFactors).toEqual({ source: 'AUTH_SERVICE', methods: [], locked: [] });
  });

  it('does not offer a factor locked after 100 consecutive failures', async () => {
    await authServiceHolds({
      passkeys: [passkey],
      passkeyFailures: 100,
      passkeyLockedAt: new Date(T0.getTime() - MIN),
      totp,
    });
    const { decision, context } = await pay();
    expect(decision.stepUp?.methods).toEqual(['TOTP']);
    expect(context?.enrolledFactors).toEqual({
      source: 'AUTH_SERVICE',
      methods: ['TOTP'],
      locked: ['WEBAUTHN'],
    });
  });

  it('keeps tenants apart: another bank’s record of the same user id does not count', async () => {
    await t.adapters.state.factors.forTenant('other').update(ALICE.userId, () => ({
      write: { ...noFactors(ALICE.userId), totp },
      result: null,
    }));
    const { decision, context } = await pay();
    expect(decision.stepUp?.methods).toEqual(['WEBAUTHN']);
    expect(context?.enrolledFactors?.source).toBe('BANK_DECLARED');
  });
});
