import { DEFAULT_POLICY, type PolicyDocument } from '@sentinel/engine';
import { describe, expect, it } from 'vitest';
import type { Decision } from '@sentinel/contracts';
import {
  ADMIN_KEY,
  ALICE,
  aliceProfile,
  alicePayment,
  memoryAdapters,
  T0,
  testApi,
  TENANT,
} from '../testing/harness.ts';

const admin = { authorization: `Bearer ${ADMIN_KEY}` };
interface RevisionWire {
  policy: PolicyDocument;
  author: string;
  updatedAt: string;
  comment?: string;
}

/** The default policy with the unknown-device weight changed. */
function withDeviceWeight(weight: number): Omit<PolicyDocument, 'version'> {
  const { version: _v, ...doc } = DEFAULT_POLICY;
  return {
    ...doc,
    rules: doc.rules.map((r) =>
      r.kind === 'deviceBinding'
        ? { ...r, params: { ...r.params, unknownDeviceWeight: weight } }
        : r,
    ),
  };
}

describe('policy administration', () => {
  it('is for admin keys only', async () => {
    const t = testApi({ adapters: memoryAdapters() });
    expect((await t.call('GET', '/v1/policy')).status).toBe(403);
    const put = await t.call('PUT', '/v1/policy', { policy: withDeviceWeight(50) });
    expect(put.status).toBe(403);
    expect(put.body.code).toBe('AUTH.FORBIDDEN');
  });

  it('shows the built-in default as version 0 before any change', async () => {
    const t = testApi({ adapters: memoryAdapters() });
    const res = await t.call<RevisionWire>('GET', '/v1/policy', undefined, admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"0"');
    expect(res.body.policy).toEqual(DEFAULT_POLICY);
  });

  it('applies a raised weight to the next decision and versions it with author and comment', async () => {
    const t = testApi({ adapters: memoryAdapters() });
    await t.call('PUT', `/v1/users/${ALICE.userId}`, aliceProfile());
    await t.adapters.state.putSimSwapSignal({
      phoneNumber: ALICE.phoneNumber,
      lastSwapAt: null,
      checkedAt: T0,
      source: 'camara',
    });
    const newDevice = { device: { id: 'new-phone' } };
    const before = await t.call<Decision>('POST', '/v1/assess-payment', alicePayment(newDevice));

    const put = await t.call<RevisionWire>(
      'PUT',
      '/v1/policy',
      { policy: withDeviceWeight(55), comment: 'unknown devices are riskier' },
      { ...admin, 'if-match': '"0"' },
    );
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toBe('"1"');
    expect(put.body).toMatchObject({
      scope: 'tenant',
      author: TENANT,
      comment: 'unknown devices are riskier',
      policy: { version: 1 },
    });

    const after = await t.call<Decision>('POST', '/v1/assess-payment', alicePayment(newDevice));
    expect(after.body.riskScore).toBeGreaterThan(before.body.riskScore);
    expect(after.body.reasons.find((r) => r.code === 'DEVICE_UNKNOWN')?.weight).toBe(55);
    // The tenant's override, named so that no decision confuses it with the platform default.
    expect(after.body.policy).toEqual({ id: `${TENANT}.default`, version: 1 });
    await t.api.background.drain(1_000);
    expect(t.adapters.publisher.events.at(-1)?.policyVersion).toBe(1);

    const history = await t.call<{ revisions: RevisionWire[] }>(
      'GET',
      '/v1/policy/history',
      undefined,
      admin,
    );
    expect(history.body.revisions.map((r) => r.policy.version)).toEqual([1]);
  });

  it('lets a tenant add a telco usage rule, which the live API then applies to telcoUsage', async () => {
    const t = testApi({ adapters: memoryAdapters() });
    await t.call('PUT', `/v1/users/${ALICE.userId}`, aliceProfile());
    await t.adapters.state.putSimSwapSignal({
      phoneNumber: ALICE.phoneNumber,
      lastSwapAt: null,
      checkedAt: T0,
      source: 'camara',
    });
    const smsFlood = { telcoUsage: { sms24h: 80, usualSmsPerDay: 6 } };
    const before = await t.call<Decision>('POST', '/v1/assess-payment', alicePayment(smsFlood));
    expect(before.body.reasons.map((r) => r.code)).not.toContain('SMS_PATTERN_ANOMALY');

    const { version: _v, ...doc } = DEFAULT_POLICY;
    const smsPattern = {
      id: 'sms-pattern',
      kind: 'smsPattern',
      params: { multiplier: 3, minValue: 20, weight: 10 },
    };
    const put = await t.call(
      'PUT',
      '/v1/policy',
      { policy: { ...doc, rules: [...doc.rules, smsPattern] } },
      { ...admin, 'if-match': '"0"' },
    );
    expect(put.status).toBe(200);

    const after = await t.call<Decision>('POST', '/v1/assess-payment', alicePayment(smsFlood));
    expect(after.body.reasons.find((r) => r.code === 'SMS_PATTERN_ANOMALY')).toMatchObject({
      weight: 10,
      evidence: { value: 80, usualPerDay: 6 },
    });
  });

  it('rejects an invalid policy with every problem named, and keeps the old one', async () => {
    const t = testApi({ adapters: memoryAdapters() });
    const bad = {
      ...withDeviceWeight(20),
      levels: { mediumFrom: 70, highFrom: 40 },
      rules: [...withDeviceWeight(20).rules, { id: 'x', kind: 'astrology', params: {} }],
    };
    const res = await t.call('PUT', '/v1/policy', { policy: bad }, admin);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('POLICY.INVALID');
    const paths = res.body.errors?.map((e) => e.path) ?? [];
    expect(paths.some((p) => p.startsWith('levels'))).toBe(true);
    expect(paths.some((p) => p.startsWith(`rules[${bad.rules.length - 1}]`))).toBe(true);
    const active = await t.call<RevisionWire>('GET', '/v1/policy', undefined, admin);
    expect(active.body.policy.version).toBe(0);
    expect(t.api.policies.current(TENANT).document.version).toBe(0);
  });

  it('answers 412 when If-Match names a version that is no longer active', async () => {
    const t = testApi({ adapters: memoryAdapters() });
    expect(
      (await t.call('PUT', '/v1/policy', { policy: withDeviceWeight(45) }, admin)).status,
    ).toBe(200);
    const stale = await t.call(
      'PUT',
      '/v1/policy',
      { policy: withDeviceWeight(50) },
      { ...admin, 'if-match': '"0"' },
    );
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('POLICY.VERSION_CONFLICT');
  });

  it('reaches another instance sharing the store through its refresh loop', async () => {
    const adapters = memoryAdapters();
    const a = testApi({ adapters });
    const b = testApi({ adapters });
    await a.call('PUT', '/v1/policy', { policy: withDeviceWeight(60) }, admin);
    expect(b.api.policies.current(TENANT).document.version).toBe(0);
    await b.api.policies.refresh();
    expect(b.api.policies.current(TENANT).document.version).toBe(1);
  });
});
