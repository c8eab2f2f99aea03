import { Firestore } from '@google-cloud/firestore';
import { afterAll, describe, expect, it } from 'vitest';
import { uniqueProjectId } from '../../../test/support/emulator-env.ts';
import { FirestoreSimulatorStore } from './store/firestore-simulator-store.ts';
import { specValidators } from './testing/openapi.ts';
import { testSimulator } from './testing/simulator-harness.ts';

// State survives a restart: two simulator instances on one Firestore (emulator) project. What
// the first is told, the second answers: numbers, issued tokens and subscriptions.

const spec = specValidators('sim-swap.yaml');
const PHONE = '+27821234567';
const projectId = uniqueProjectId('telco-sim-restart');
const clients: Firestore[] = [];
const delivered: string[] = [];
const instance = () => {
  const db = new Firestore({ projectId, preferRest: false });
  clients.push(db);
  return testSimulator({
    store: new FirestoreSimulatorStore(db),
    send: (_url, init) => {
      delivered.push(init.body);
      return Promise.resolve({ status: 204 });
    },
  });
};

afterAll(async () => {
  await Promise.all(clients.map((db) => db.terminate()));
});

describe('simulator state on Firestore', () => {
  it('answers from a second instance what the first was told', async () => {
    const first = instance();
    await first.putNumber(PHONE, { swappedHoursAgo: 2 });
    const token = await first.issueToken({ phoneNumber: PHONE });
    const created = await first.call('POST', '/sim-swap-subscriptions/v0.3/subscriptions', {
      body: {
        protocol: 'HTTP',
        sink: 'https://sink.example.com/camara',
        types: ['org.camaraproject.sim-swap-subscriptions.v0.swapped'],
        config: { subscriptionDetail: { phoneNumber: PHONE }, subscriptionMaxEvents: 3 },
      },
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;

    const second = instance();
    const retrieved = await second.call('POST', '/sim-swap/v2/retrieve-date', { token, body: {} });
    expect(retrieved.status).toBe(200);
    const ok = spec.response('/retrieve-date', 'post', '200');
    expect(ok(retrieved.body), spec.errors(ok)).toBe(true);
    expect(retrieved.body).toEqual({
      latestSimChange: new Date(second.clock.now().getTime() - 2 * 3_600_000).toISOString(),
    });
    const checked = await second.call('POST', '/sim-swap/v2/check', {
      body: { phoneNumber: PHONE, maxAge: 3 },
    });
    expect(checked).toMatchObject({ status: 200, body: { swapped: true } });
    const subscription = await second.call(
      'GET',
      `/sim-swap-subscriptions/v0.3/subscriptions/${id}`,
    );
    expect(subscription).toMatchObject({
      status: 200,
      body: {
        id,
        config: { subscriptionDetail: { phoneNumber: PHONE }, subscriptionMaxEvents: 3 },
      },
    });
    const numbers = await second.call('GET', '/sim-swap/v2/demo/numbers');
    expect(numbers.body).toEqual([expect.objectContaining({ phoneNumber: PHONE })]);
  });

  it('announces the end of a subscription once when both instances end it', async () => {
    const a = instance();
    const b = instance();
    await a.putNumber('+27821234599');
    const created = await a.call('POST', '/sim-swap-subscriptions/v0.3/subscriptions', {
      body: {
        protocol: 'HTTP',
        sink: 'https://sink.example.com/once',
        types: ['org.camaraproject.sim-swap-subscriptions.v0.swapped'],
        config: {
          subscriptionDetail: { phoneNumber: '+27821234599' },
          subscriptionExpireTime: new Date(a.clock.now().getTime() + 1_000).toISOString(),
        },
      },
    });
    expect(created.status).toBe(201);
    a.clock.advance(1_000);
    b.clock.advance(1_000);
    const ended = await Promise.all([a.sim.subscriptions.sweep(), b.sim.subscriptions.sweep()]);
    expect(ended[0] + ended[1]).toBe(1);
    await Promise.all([a.sim.subscriptions.idle(), b.sim.subscriptions.idle()]);
    expect(delivered.map((body) => JSON.parse(body) as unknown)).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ terminationReason: 'SUBSCRIPTION_EXPIRED' }) as unknown,
      }),
    ]);
  });
});
