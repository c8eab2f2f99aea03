import { beforeEach, describe, expect, it } from 'vitest';
import type { Decision } from '@sentinel/contracts';
import {
  ADMIN_KEY,
  memoryAdapters,
  settableClock,
  T0,
  testApi,
  TENANT,
} from '../testing/harness.ts';
import { shieldCustomer, type ShieldCustomer } from '../testing/shield-customer.ts';

const MIN = 60_000;
const admin = { authorization: `Bearer ${ADMIN_KEY}` };

interface DecisionView extends Decision {
  readonly inspector?: {
    readonly behavior: {
      readonly zScores: readonly { readonly name: string; readonly z: number }[];
      readonly fusedScore: number;
      readonly shieldLevel: string;
      readonly imputed: readonly string[];
    };
  };
}
interface FreezeView {
  readonly frozen: boolean;
  readonly decisionId?: string;
  readonly reason?: string;
  readonly unfrozenBy?: string;
}

describe('behavioural biometrics over HTTP (in-memory adapters)', () => {
  let t: ReturnType<typeof testApi<ReturnType<typeof memoryAdapters>>>;
  let clock: ReturnType<typeof settableClock>;
  let customer: ShieldCustomer;
  let userId: string;

  const setSwap = (swappedMinutesAgo: number | null, phoneNumber = customer.user.phoneNumber) =>
    t.adapters.state.putSimSwapSignal({
      phoneNumber,
      lastSwapAt:
        swappedMinutesAgo === null ? null : new Date(T0.getTime() - swappedMinutesAgo * MIN),
      checkedAt: t.clock.now(),
      source: 'camara',
    });
  const assess = async (body: Record<string, unknown>) => {
    const res = await t.call<Decision>('POST', '/v1/assess-payment', body);
    expect(res.status).toBe(200);
    // Delivery (history, sighting, freezes) runs after the answer; the next request must see it.
    await t.api.background.drain(1_000);
    return res.body;
  };
  const enrol = async (c: ShieldCustomer) => {
    const id = c.user.userId;
    expect((await t.call('PUT', `/v1/users/${id}`, c.profile)).status).toBe(200);
    expect((await t.call('POST', `/v1/users/${id}/behavior/sessions`, c.sessionsBody)).status).toBe(
      201,
    );
    expect((await t.call('POST', `/v1/users/${id}/behavior/enroll`, {})).status).toBe(201);
  };
  const freezeOf = async (id: string) =>
    (await t.call<{ freeze: FreezeView }>('GET', `/v1/users/${id}`)).body.freeze;

  beforeEach(async () => {
    clock = settableClock(T0);
    t = testApi({ adapters: memoryAdapters(), clock });
    customer = shieldCustomer(11, T0);
    userId = customer.user.userId;
    await enrol(customer);
    await setSwap(null);
  });

  it('approves the customer’s own session on her phone, with a high behaviour confidence', async () => {
    const decision = await assess(customer.payment('legitimate'));
    expect(decision.action).toBe('APPROVE');
    expect(decision.freeze).toBe(false);
    const behavior = decision.signals.behavior;
    expect(Object.keys(behavior ?? {}).sort()).toEqual([
      'baselineVersion',
      'distance',
      'score',
      'topAnomalies',
    ]);
    expect(behavior?.score).toBeGreaterThan(70);
    expect(behavior?.baselineVersion).toBe(1);
    expect(behavior?.distance).toBeGreaterThan(0);
  });

  it('shows the feature inspector on GET /v1/decisions/{id}: z-scores per feature', async () => {
    const decision = await assess(customer.payment('scenario_3'));
    const view = await t.call<DecisionView>('GET', `/v1/decisions/${decision.decisionId}`);
    expect(view.status).toBe(200);
    const inspector = view.body.inspector?.behavior;
    expect(inspector?.zScores).toHaveLength(55);
    expect(inspector?.zScores[0]?.name).toBe('tap_pressure_mean');
    expect(inspector?.imputed).toEqual([]);
    expect(inspector?.shieldLevel).toBe('CRITICAL');
    expect(inspector?.fusedScore).toBe(decision.signals.behavior?.score);
    // The most unusual feature of the inspector is the first anomaly of the answer.
    const top = [...(inspector?.zScores ?? [])].sort((a, b) => Math.abs(b.z) - Math.abs(a.z))[0];
    expect(Math.abs(top?.z ?? 0)).toBeGreaterThan(2.5);
    expect(decision.signals.behavior?.topAnomalies.length).toBeGreaterThan(0);
  });

  it('leaves signals.behavior out without a snapshot or without a baseline', async () => {
    const { behavior: _b, ...withoutSnapshot } = customer.payment('legitimate');
    expect((await assess(withoutSnapshot)).signals).not.toHaveProperty('behavior');
    const stranger = shieldCustomer(12, T0);
    await t.call('PUT', `/v1/users/${stranger.user.userId}`, stranger.profile);
    await setSwap(null, stranger.user.phoneNumber);
    const view = await t.call<DecisionView>(
      'GET',
      `/v1/decisions/${(await assess(stranger.payment('legitimate'))).decisionId}`,
    );
    expect(view.body.signals).not.toHaveProperty('behavior');
    expect(view.body).not.toHaveProperty('inspector');
  });

  it('denies and freezes an attacker with the SIM, keeps denying, until an admin unfreezes', async () => {
    await setSwap(30);
    const attack = await assess(customer.payment('scenario_1'));
    expect(attack.action).toBe('DENY');
    expect(attack.freeze).toBe(true);
    expect(attack.signals.behavior?.score).toBeLessThan(45);
    expect(await freezeOf(userId)).toMatchObject({
      frozen: true,
      decisionId: attack.decisionId,
      reason: 'BEHAVIOR_ANOMALY',
    });
    expect(attack.reasons.map((r) => r.code)).toContain('BEHAVIOR_ANOMALY');

    // The customer's own, clean payment later: still denied while frozen.
    clock.advance(10 * MIN);
    await setSwap(null);
    const later = await assess(customer.payment('legitimate'));
    expect(later.action).toBe('DENY');
    expect(later.reasons.map((r) => r.code)).toEqual(['ACCOUNT_FROZEN']);
    expect(later.freeze).toBe(false);

    const forbidden = await t.call('POST', `/v1/users/${userId}/unfreeze`, {});
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('AUTH.FORBIDDEN');

    clock.advance(MIN);
    await setSwap(null);
    const unfrozen = await t.call<FreezeView>(
      'POST',
      `/v1/users/${userId}/unfreeze`,
      { comment: 'customer verified in branch' },
      admin,
    );
    expect(unfrozen.status).toBe(200);
    expect(unfrozen.body).toMatchObject({
      userId,
      frozen: false,
      decisionId: attack.decisionId,
      unfrozenBy: TENANT,
      unfrozenAt: t.clock.now().toISOString(),
      comment: 'customer verified in branch',
    });
    const again = await t.call<FreezeView>('POST', `/v1/users/${userId}/unfreeze`, {}, admin);
    expect(again.body).toEqual(unfrozen.body);

    // A late re-delivery of the attack's decision does not freeze the account again.
    const record = await t.adapters.log.get(TENANT, attack.decisionId);
    if (record === null) {
      throw new Error('the attack was not recorded');
    }
    await t.api.relay.deliver(record);
    expect((await freezeOf(userId)).frozen).toBe(false);

    const after = await assess(customer.payment('legitimate'));
    expect(after.action).toBe('APPROVE');
  });

  it('freezes every account the fleet device touched, from the second account on', async () => {
    const other = shieldCustomer(13, T0);
    await enrol(other);
    await setSwap(null, other.user.phoneNumber);
    const fleetDevice = { id: 'shared-attacker-device', imei: '490154203237518' };
    // No behaviour snapshot: only the device speaks, so the fleet rule is seen on its own.
    const fromFleet = (c: ShieldCustomer) => {
      const { behavior: _b, ...body } = c.payment('legitimate');
      return { ...body, device: fleetDevice };
    };

    const first = await assess(fromFleet(customer));
    expect(first.reasons.map((r) => r.code)).not.toContain('FLEET_ANOMALY');
    expect(first.freeze).toBe(false);

    clock.advance(20 * MIN);
    await setSwap(null, other.user.phoneNumber);
    const second = await assess(fromFleet(other));
    expect(second.action).toBe('DENY');
    expect(second.freeze).toBe(true);
    expect(second.reasons[0]).toMatchObject({
      code: 'FLEET_ANOMALY',
      evidence: { accounts: 2, windowMinutes: 60 },
    });
    for (const id of [userId, other.user.userId]) {
      expect(await freezeOf(id)).toMatchObject({
        frozen: true,
        decisionId: second.decisionId,
        reason: 'FLEET_ANOMALY',
      });
    }

    // The first account, back on its own phone: frozen.
    await setSwap(null);
    const back = await assess(customer.payment('legitimate'));
    expect(back.action).toBe('DENY');
    expect(back.reasons.map((r) => r.code)).toEqual(['ACCOUNT_FROZEN']);
  });

  it('does not see a device again on another account after the fleet window', async () => {
    const other = shieldCustomer(14, T0);
    await enrol(other);
    await setSwap(null, other.user.phoneNumber);
    const device = { id: 'family-tablet' };
    const { behavior: _a, ...a } = customer.payment('legitimate');
    const { behavior: _b, ...b } = other.payment('legitimate');
    await assess({ ...a, device });
    clock.advance(61 * MIN);
    await setSwap(null, other.user.phoneNumber);
    const later = await assess({ ...b, device });
    expect(later.reasons.map((r) => r.code)).not.toContain('FLEET_ANOMALY');
    expect(later.freeze).toBe(false);
  });

  it('records one sighting per decision: a replayed transaction writes nothing again', async () => {
    const body = customer.payment('legitimate');
    const first = await assess(body);
    const replay = await t.call<Decision>('POST', '/v1/assess-payment', body);
    expect(replay.headers.get('sentinel-replayed')).toBe('true');
    expect(replay.body.decisionId).toBe(first.decisionId);
    await t.api.background.drain(1_000);
    const record = await t.adapters.log.get(TENANT, first.decisionId);
    if (record === null) {
      throw new Error('not recorded');
    }
    await t.api.relay.deliver(record);
    const snapshot = await t.adapters.state
      .forTenant(TENANT)
      .readSnapshot(userId, customer.user.phoneNumber, {
        timeoutMs: 100,
        deviceId: customer.user.boundDevice.id,
      });
    expect(snapshot.deviceSightings).toEqual([
      { userId, deviceId: customer.user.boundDevice.id, at: T0, bound: true },
    ]);
  });
});
