import { beforeEach, describe, expect, it } from 'vitest';
import type { Decision } from '@sentinel/contracts';
import {
  ADMIN_KEY,
  memoryAdapters,
  OTHER_ADMIN_KEY,
  OTHER_KEY,
  OTHER_TENANT,
  PLATFORM_KEY,
  settableClock,
  T0,
  TENANT,
  testApi,
} from '../testing/harness.ts';
import { shieldCustomer, type ShieldCustomer } from '../testing/shield-customer.ts';

const MIN = 60_000;
const asOther = { authorization: `Bearer ${OTHER_KEY}` };
const asAdmin = { authorization: `Bearer ${ADMIN_KEY}` };
const asOtherAdmin = { authorization: `Bearer ${OTHER_ADMIN_KEY}` };
const asPlatform = { authorization: `Bearer ${PLATFORM_KEY}` };

interface UserView {
  readonly phoneNumber: string;
  readonly devices: readonly { readonly id: string }[];
  readonly freeze: { readonly frozen: boolean };
}

/**
 * Two tenants ("bank", "other") use the same userId: every endpoint answers the other tenant as if
 * the id had never been used (404 where the id must exist, never 403), and nothing one tenant
 * does changes what the other reads or decides (issue 10: bank-b read and overwrote bank-a's u-1).
 */
describe('tenant isolation over HTTP: two tenants, one userId', () => {
  let t: ReturnType<typeof testApi<ReturnType<typeof memoryAdapters>>>;
  let clock: ReturnType<typeof settableClock>;
  let customer: ShieldCustomer;
  let userId: string;

  const assess = async (body: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const res = await t.call<Decision>('POST', '/v1/assess-payment', body, headers);
    expect(res.status).toBe(200);
    await t.api.background.drain(1_000);
    return res.body;
  };
  const setSwap = (phoneNumber: string) =>
    t.adapters.state.putSimSwapSignal({
      phoneNumber,
      lastSwapAt: null,
      checkedAt: t.clock.now(),
      source: 'camara',
    });

  beforeEach(async () => {
    clock = settableClock(T0);
    t = testApi({ adapters: memoryAdapters(), clock });
    customer = shieldCustomer(31, T0);
    userId = customer.user.userId;
    expect((await t.call('PUT', `/v1/users/${userId}`, customer.profile)).status).toBe(200);
    const sessions = await t.call('POST', `/v1/users/${userId}/behavior/sessions`, {
      ...customer.sessionsBody,
    });
    expect(sessions.status).toBe(201);
    expect((await t.call('POST', `/v1/users/${userId}/behavior/enroll`, {})).status).toBe(201);
    await setSwap(customer.user.phoneNumber);
  });

  it('answers the other tenant 404 for the profile, its deletion, its unfreeze and its decisions', async () => {
    const decision = await assess(customer.payment('legitimate'));
    expect(decision.action).toBe('APPROVE');

    const missing = [
      await t.call('GET', `/v1/users/${userId}`, undefined, asOther),
      await t.call('DELETE', `/v1/users/${userId}`, undefined, asOther),
      await t.call('POST', `/v1/users/${userId}/unfreeze`, {}, asOtherAdmin),
      await t.call('GET', `/v1/decisions/${decision.decisionId}`, undefined, asOther),
      // Admins are per tenant too: the other tenant's admin does not see the decision either.
      await t.call('GET', `/v1/decisions/${decision.decisionId}`, undefined, asOtherAdmin),
    ];
    expect(missing.map((r) => [r.status, r.body.code])).toEqual(
      missing.map(() => [404, 'RESOURCE.NOT_FOUND']),
    );
    // The same answers as for ids nobody ever used: no existence oracle.
    const unused = await t.call('GET', '/v1/users/u-never-used', undefined, asOther);
    expect(unused.body.detail.replace('u-never-used', userId)).toBe(missing[0]?.body.detail);

    const enrolOther = await t.call('POST', `/v1/users/${userId}/behavior/enroll`, {}, asOther);
    const enrolUnused = await t.call('POST', '/v1/users/u-never-used/behavior/enroll', {}, asOther);
    expect(enrolOther.status).toBe(422);
    expect(enrolOther.body).toMatchObject({ code: 'BEHAVIOR.NOT_ENOUGH_SESSIONS', sessions: 0 });
    expect(enrolOther.body.detail.replace(userId, 'u-never-used')).toBe(enrolUnused.body.detail);

    // The owner still sees everything.
    expect((await t.call('GET', `/v1/users/${userId}`)).status).toBe(200);
    expect((await t.call('GET', `/v1/decisions/${decision.decisionId}`)).status).toBe(200);
    expect(
      (await t.call('GET', `/v1/decisions/${decision.decisionId}`, undefined, asAdmin)).status,
    ).toBe(200);
  });

  it('lets the other tenant write its own customer of that id without touching the first (the reported bug)', async () => {
    const before = await t.call<UserView>('GET', `/v1/users/${userId}`);
    const intruder = {
      ...customer.profile,
      phoneNumber: '+27829990001',
      devices: [{ id: 'intruder-phone', boundAt: '2026-11-20T10:00:00Z' }],
    };
    expect((await t.call('PUT', `/v1/users/${userId}`, intruder, asOther)).status).toBe(200);
    expect(
      (await t.call<UserView>('GET', `/v1/users/${userId}`, undefined, asOther)).body,
    ).toMatchObject({ phoneNumber: '+27829990001' });
    const after = await t.call<UserView>('GET', `/v1/users/${userId}`);
    expect(after.body).toEqual(before.body);

    // Failed logins and sessions reported by the other tenant are the other tenant's.
    for (let i = 0; i < 10; i++) {
      await t.call('POST', `/v1/users/${userId}/failed-logins`, {}, asOther);
    }
    await t.call('POST', `/v1/users/${userId}/behavior/sessions`, customer.sessionsBody, asOther);

    // The owner's next payment is decided on the owner's data: approved, as before.
    const decision = await assess(customer.payment('legitimate'));
    expect(decision.action).toBe('APPROVE');
    expect(decision.reasons.map((r) => r.code)).not.toContain('FAILED_LOGINS');
    expect(decision.signals.behavior?.baselineVersion).toBe(1);

    // And the other tenant's offboarding removes its own customer only.
    expect((await t.call('DELETE', `/v1/users/${userId}`, undefined, asOther)).status).toBe(204);
    expect((await t.call('GET', `/v1/users/${userId}`)).status).toBe(200);
  });

  it('keeps freezes per tenant: the other tenant neither sees nor lifts one', async () => {
    await t.adapters.state
      .forTenant(TENANT)
      .freezeAccount({ userId, decisionId: 'd-1', reason: 'FLEET_ANOMALY', at: T0 });
    expect((await t.call('POST', `/v1/users/${userId}/unfreeze`, {}, asOtherAdmin)).status).toBe(
      404,
    );
    expect((await t.call<UserView>('GET', `/v1/users/${userId}`)).body.freeze.frozen).toBe(true);

    // The other tenant's customer of that id pays freely; the owner's is denied.
    await t.call('PUT', `/v1/users/${userId}`, customer.profile, asOther);
    const theirs = await assess(customer.payment('legitimate'), asOther);
    expect(theirs.reasons.map((r) => r.code)).not.toContain('ACCOUNT_FROZEN');
    const ours = await assess(customer.payment('legitimate'));
    expect(ours.reasons.map((r) => r.code)).toEqual(['ACCOUNT_FROZEN']);

    const unfrozen = await t.call('POST', `/v1/users/${userId}/unfreeze`, {}, asAdmin);
    expect(unfrozen.status).toBe(200);
  });

  it('counts a device’s sightings per tenant: seen at one bank, it is no fleet at the other', async () => {
    const second = shieldCustomer(32, T0);
    const device = { id: 'shared-device', imei: '490154203237518' };
    const fromDevice = (c: ShieldCustomer) => {
      const { behavior: _b, ...body } = c.payment('legitimate');
      return { ...body, device };
    };
    expect((await assess(fromDevice(customer))).reasons.map((r) => r.code)).not.toContain(
      'FLEET_ANOMALY',
    );

    clock.advance(5 * MIN);
    await t.call('PUT', `/v1/users/${second.user.userId}`, second.profile, asOther);
    await setSwap(second.user.phoneNumber);
    const atOther = await assess(fromDevice(second), asOther);
    expect(atOther.reasons.map((r) => r.code)).not.toContain('FLEET_ANOMALY');
    expect(atOther.freeze).toBe(false);

    // The same second account at the first bank: the device's second account there.
    await t.call('PUT', `/v1/users/${second.user.userId}`, second.profile);
    const atFirst = await assess(fromDevice(second));
    expect(atFirst.reasons[0]).toMatchObject({ code: 'FLEET_ANOMALY' });
  });

  it('applies a tenant admin’s policy to that tenant only; the platform key changes the default', async () => {
    const current = await t.call<{ policy: Record<string, unknown> }>(
      'GET',
      '/v1/policy',
      undefined,
      asAdmin,
    );
    const { version: _v, ...policy } = current.body.policy;
    const override = { ...policy, description: 'bank override' };
    const put = await t.call<{ scope: string; policy: { id: string } }>(
      'PUT',
      '/v1/policy',
      { policy: override },
      { ...asAdmin, 'if-match': '"0"' },
    );
    expect(put.status).toBe(200);
    expect(put.body.scope).toBe('tenant');

    const ours = await assess(customer.payment('legitimate', 'tx-policy-1'));
    expect(ours.policy).toEqual({ id: put.body.policy.id, version: 1 });
    expect(ours.policy.id.startsWith(`${TENANT}.`)).toBe(true);
    await t.call('PUT', `/v1/users/${userId}`, customer.profile, asOther);
    const theirs = await assess(customer.payment('legitimate', 'tx-policy-1'), asOther);
    expect(theirs.policy).toEqual({ id: 'default', version: 0 });

    const seenByOther = await t.call<{ scope: string }>(
      'GET',
      '/v1/policy',
      undefined,
      asOtherAdmin,
    );
    expect(seenByOther.body.scope).toBe('built-in');
    expect(seenByOther.headers.get('etag')).toBe('"0"');

    // A tenant admin cannot change the platform default; the platform key can, and it reaches
    // every tenant without an override — but not the tenant that has one.
    const platformPut = await t.call<{ scope: string }>(
      'PUT',
      '/v1/policy',
      { policy: { ...policy, description: 'platform v1' } },
      asPlatform,
    );
    expect(platformPut.status).toBe(200);
    expect(platformPut.body.scope).toBe('platform');
    const theirsLater = await assess(customer.payment('legitimate', 'tx-policy-2'), asOther);
    expect(theirsLater.policy).toEqual({ id: 'default', version: 1 });
    const oursLater = await assess(customer.payment('legitimate', 'tx-policy-2'));
    expect(oursLater.policy.id).toBe(put.body.policy.id);
    const history = await t.call<{ revisions: { author: string }[] }>(
      'GET',
      '/v1/policy/history',
      undefined,
      asPlatform,
    );
    expect(history.body.revisions.map((r) => r.author)).toEqual(['ops']);
    const seenByOtherLater = await t.call<{ scope: string }>(
      'GET',
      '/v1/policy',
      undefined,
      asOtherAdmin,
    );
    expect(seenByOtherLater.body.scope).toBe('platform');

    // Another instance on the same stores picks up both on its next poll.
    const peer = testApi({ adapters: t.adapters, clock });
    expect(peer.api.policies.current(OTHER_TENANT).document.version).toBe(0);
    await peer.api.policies.refresh();
    expect(peer.api.policies.current(OTHER_TENANT).document).toMatchObject({
      id: 'default',
      version: 1,
    });
    expect(peer.api.policies.current(TENANT).document.id).toBe(put.body.policy.id);
  });

  it('refuses a platform key on customer data (403: a role, not an existence question)', async () => {
    const refused = [
      await t.call('GET', `/v1/users/${userId}`, undefined, asPlatform),
      await t.call('POST', '/v1/assess-payment', customer.payment('legitimate'), asPlatform),
      await t.call('POST', `/v1/users/${userId}/unfreeze`, {}, asPlatform),
    ];
    expect(refused.map((r) => [r.status, r.body.code])).toEqual(
      refused.map(() => [403, 'AUTH.FORBIDDEN']),
    );
  });
});
