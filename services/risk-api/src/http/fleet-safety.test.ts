import { DEFAULT_POLICY, type PolicyDocument } from '@sentinel/engine';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Decision } from '@sentinel/contracts';
import {
  ADMIN_KEY,
  ALICE,
  aliceProfile,
  alicePayment,
  memoryAdapters,
  settableClock,
  T0,
  TENANT,
  testApi,
} from '../testing/harness.ts';

// Issue 10, item 4b: the fleet rule freezes the accounts stuffed from a device, never the
// device's own customer because someone named other accounts from its (not secret) device id.

const MIN = 60_000;
const admin = { authorization: `Bearer ${ADMIN_KEY}` };

interface Customer {
  readonly userId: string;
  readonly phoneNumber: string;
  readonly deviceId: string;
}
const BOB: Customer = { userId: 'u-bob', phoneNumber: '+27821110002', deviceId: 'bob-phone' };
const CAROL: Customer = { userId: 'u-carol', phoneNumber: '+27821110003', deviceId: 'carol-phone' };
interface FreezeView {
  readonly frozen: boolean;
  readonly decisionId?: string;
  readonly reason?: string;
}

describe('the fleet rule cannot be turned against a customer (in-process)', () => {
  let t: ReturnType<typeof testApi<ReturnType<typeof memoryAdapters>>>;
  let clock: ReturnType<typeof settableClock>;

  /** One payment; waits for its delivery (sighting, freezes) so the next payment sees it. */
  const pay = async (body: Record<string, unknown>) => {
    const res = await t.call<Decision>('POST', '/v1/assess-payment', body);
    expect(res.status).toBe(200);
    await t.api.background.drain(1_000);
    // Half a minute apart: well inside the fleet window, and the SIM signals stay fresh (5 min).
    clock.advance(MIN / 2);
    return res.body;
  };
  /** A payment by `c` (their own phone unless `deviceId` says otherwise). */
  const payAs = (c: Customer, deviceId = c.deviceId) =>
    pay(
      alicePayment({
        userId: c.userId,
        phoneNumber: c.phoneNumber,
        device: { id: deviceId },
      }),
    );
  const freezeOf = async (userId: string) =>
    (await t.call<{ freeze: FreezeView }>('GET', `/v1/users/${userId}`)).body.freeze;
  const codes = (d: Decision) => d.reasons.map((r) => r.code);

  const enrol = async (c: Customer) => {
    const profile = {
      ...aliceProfile(),
      phoneNumber: c.phoneNumber,
      devices: [{ id: c.deviceId, boundAt: '2026-05-05T10:00:00Z' }],
    };
    expect((await t.call('PUT', `/v1/users/${c.userId}`, profile)).status).toBe(200);
    await t.adapters.state.putSimSwapSignal({
      phoneNumber: c.phoneNumber,
      lastSwapAt: null,
      checkedAt: T0,
      source: 'camara',
    });
  };
  const freezeBoundCustomer = async () => {
    const { version: _v, ...doc } = DEFAULT_POLICY;
    const policy: Omit<PolicyDocument, 'version'> = {
      ...doc,
      rules: doc.rules.map((r) =>
        r.kind === 'fleetAnomaly'
          ? { ...r, params: { ...r.params, freezeBoundCustomer: true } }
          : r,
      ),
    };
    const put = await t.call('PUT', '/v1/policy', { policy }, admin);
    expect(put.status).toBe(200);
  };

  beforeEach(async () => {
    clock = settableClock(T0);
    t = testApi({ adapters: memoryAdapters(), clock });
    expect((await t.call('PUT', `/v1/users/${ALICE.userId}`, aliceProfile())).status).toBe(200);
    await t.adapters.state.putSimSwapSignal({
      phoneNumber: ALICE.phoneNumber,
      lastSwapAt: null,
      checkedAt: T0,
      source: 'camara',
    });
  });

  it.each([
    ['before Alice paid from her phone', false],
    ['after Alice paid from her phone', true],
  ])(
    'a payment naming a customer who does not exist, from Alice’s device, %s, does not freeze her',
    async (_label, alicePaidFirst) => {
      if (alicePaidFirst) {
        expect((await pay(alicePayment())).action).toBe('APPROVE');
      }
      const forged = await pay(
        alicePayment({ userId: 'other', device: { id: ALICE.deviceId, imei: ALICE.imei } }),
      );
      expect(codes(forged)).not.toContain('FLEET_ANOMALY');
      // The forged attempt left no sighting: it counts towards nobody's fleet.
      const record = await t.adapters.log.get(TENANT, forged.decisionId);
      expect(record?.effects?.sighting).toBeNull();
      expect(record?.effects?.freezes).toEqual([]);

      const alice = await pay(alicePayment());
      expect(alice.action).toBe('APPROVE');
      expect(alice.freeze).toBe(false);
      expect(codes(alice)).not.toContain('FLEET_ANOMALY');
      expect((await freezeOf(ALICE.userId)).frozen).toBe(false);
    },
  );

  it('credential stuffing from one unbound device freezes every stuffed account', async () => {
    await enrol(BOB);
    await enrol(CAROL);
    const first = await payAs(ALICE, 'attacker-device');
    expect(codes(first)).not.toContain('FLEET_ANOMALY');
    const second = await payAs(BOB, 'attacker-device');
    const third = await payAs(CAROL, 'attacker-device');
    for (const d of [second, third]) {
      expect(d).toMatchObject({ action: 'DENY', freeze: true });
      expect(d.reasons[0]).toMatchObject({ code: 'FLEET_ANOMALY' });
    }
    expect(await freezeOf(ALICE.userId)).toMatchObject({
      frozen: true,
      decisionId: second.decisionId,
      reason: 'FLEET_ANOMALY',
    });
    expect(await freezeOf(BOB.userId)).toMatchObject({ frozen: true, reason: 'FLEET_ANOMALY' });
    expect(await freezeOf(CAROL.userId)).toMatchObject({
      frozen: true,
      decisionId: third.decisionId,
      reason: 'FLEET_ANOMALY',
    });
  });

  it('the device’s own customer in a fleet burst steps up and is not frozen; the others are', async () => {
    await enrol(BOB);
    await enrol(CAROL);
    expect((await pay(alicePayment())).action).toBe('APPROVE');
    const bob = await payAs(BOB, ALICE.deviceId);
    const carol = await payAs(CAROL, ALICE.deviceId);
    expect(bob).toMatchObject({ action: 'DENY', freeze: true });
    expect(carol).toMatchObject({ action: 'DENY', freeze: true });

    const alice = await pay(alicePayment());
    expect(alice).toMatchObject({ action: 'STEP_UP', freeze: false });
    expect(alice.reasons[0]).toMatchObject({
      code: 'FLEET_ANOMALY',
      evidence: { accounts: 3, boundToPayer: true },
    });
    expect((await freezeOf(ALICE.userId)).frozen).toBe(false);
    expect((await freezeOf(BOB.userId)).frozen).toBe(true);
    expect((await freezeOf(CAROL.userId)).frozen).toBe(true);
  });

  it('freezes the device’s own customer too when the policy asks for it', async () => {
    await freezeBoundCustomer();
    await enrol(BOB);
    expect((await pay(alicePayment())).action).toBe('APPROVE');
    const bob = await payAs(BOB, ALICE.deviceId);
    expect(bob).toMatchObject({ action: 'DENY', freeze: true });
    expect(await freezeOf(ALICE.userId)).toMatchObject({
      frozen: true,
      decisionId: bob.decisionId,
      reason: 'FLEET_ANOMALY',
    });
    const alice = await pay(alicePayment());
    expect(alice.action).toBe('DENY');
    expect(codes(alice)).toContain('ACCOUNT_FROZEN');
  });
});
