// Strings with a lone UTF-16 surrogate are valid JSON (`"\ud800"`) and pass the edge's free-text
// fields, but Firestore stores UTF-8 and refused every write that held one. Found by the fuzz
// test's unicode, checked here on the emulators: such a payment was answered and never recorded
// (and held back the fallback outbox), such a profile was a 500. The adapter now stores U+FFFD in
// their place (adapters/firestore/storable.ts); the engine's inputs keep the exact text, escaped,
// in `contextJson`.
import { DEFAULT_POLICY } from '@sentinel/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, TENANT } from '@sentinel/risk-api/testing';
import { asStored, deliveryOf, startFaultStack, until, type FaultStack } from './fault-stack.ts';

const LONE = '\ud800';

let stack: FaultStack;

beforeAll(async () => {
  stack = await startFaultStack({
    prefix: 'fault-unicode',
    env: { SENTINEL_LATENCY_BUDGET_MS: '2000', SENTINEL_OUTBOX_SWEEP_MS: '600000' },
  });
});

afterAll(async () => {
  await stack.close();
});

describe('lone surrogates on Firestore', () => {
  it('records, applies and publishes payments whose free text holds one', async () => {
    const answers = await Promise.all([
      stack.assess({ device: { id: `phone-${LONE}` } }),
      stack.assess({ device: { id: 'alice-device-1', platform: `ios${LONE}` } }),
      stack.assess({ payee: { accountId: `acc-${LONE}`, isNew: true } }),
      stack.assess({ telcoUsage: { carrier: `x${LONE}` } }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(stack.api.fallback.size).toBe(0);
    const ids = answers.map((r) => r.body.decisionId);
    for (const [i, id] of ids.entries()) {
      const stored = await stack.adminLog.get(TENANT, id);
      expect(stored?.decision).toEqual(answers[i] && asStored(answers[i].body));
    }
    // The device id is stored with U+FFFD; the engine's inputs keep the original.
    const first = await stack.adminLog.get(TENANT, ids[0] ?? '');
    expect(first?.deviceId).toBe('phone-\ufffd');
    expect(first?.context['payment']).toMatchObject({ device: { id: `phone-${LONE}` } });
    // Delivered (history applied, event published): nothing left in the outbox.
    await until(() => deliveryOf(stack.delivered, ids).missing.length === 0, 10_000, 'delivered');
    await until(
      async () => {
        const due = await stack.adminLog.dueOutbox(new Date(Date.now() + 3_600_000), 100);
        return due.every((r) => !ids.includes(r.decision.decisionId));
      },
      10_000,
      'outbox completed',
    );
  });

  it('stores a profile and a policy comment that hold one', async () => {
    const profile = await stack.call('PUT', '/v1/users/u-lone', {
      phoneNumber: '+27821110009',
      devices: [{ id: `d-${LONE}`, boundAt: '2026-01-01T00:00:00Z' }],
      enrolledFactors: [],
      contacts: {},
    });
    expect(profile.status).toBe(200);
    const { version: _version, ...policy } = DEFAULT_POLICY;
    const put = await stack.call(
      'PUT',
      '/v1/policy',
      { policy, comment: `tuned ${LONE}` },
      { authorization: `Bearer ${ADMIN_KEY}` },
    );
    expect(put.status).toBe(200);
  });
});
