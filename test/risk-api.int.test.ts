// The decision service end to end on the emulators: two risk-api instances sharing one Firestore
// project and one Pub/Sub topic, driven over HTTP (in process), read back from a subscription.
import { ensureAvroTopic } from '@sentinel/pubsub';
import { Firestore } from '@google-cloud/firestore';
import { PubSub, type Message, type Subscription } from '@google-cloud/pubsub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firestoreSettings } from '@sentinel/store';
import { FirestoreDecisionLog } from '@sentinel/store';
import { FirestorePolicyStores } from '@sentinel/store';
import { FirestoreRiskStateStore } from '@sentinel/store';
import { DECISION_AVSC_PATH } from '@sentinel/contracts';
import { PubSubDecisionEventPublisher } from '@sentinel/risk-api';
import { parseDecisionEvent, type Decision } from '@sentinel/contracts';
import {
  ADMIN_KEY,
  ALICE,
  aliceProfile,
  alicePayment,
  OTHER_ADMIN_KEY,
  OTHER_KEY,
  OTHER_TENANT,
  TENANT,
  testApi,
} from '@sentinel/risk-api/testing';
import { systemClock } from '@sentinel/kernel';
import { shieldCustomer, type ShieldCustomer } from '@sentinel/risk-api/testing';
import { DEFAULT_POLICY } from '@sentinel/engine';
import { uniqueProjectId } from './support/emulator-env.ts';

const projectId = uniqueProjectId('riskapi');
const TOPIC = 'risk-decisions';
const clients: { db: Firestore; pubsub: PubSub }[] = [];

function firestoreInstance() {
  const db = new Firestore({
    ...firestoreSettings({ projectId }),
    ignoreUndefinedProperties: true,
  });
  const pubsub = new PubSub({ projectId });
  clients.push({ db, pubsub });
  const adapters = {
    state: new FirestoreRiskStateStore(db),
    log: new FirestoreDecisionLog(db),
    policyStores: new FirestorePolicyStores(db),
    publisher: new PubSubDecisionEventPublisher(pubsub, { topic: TOPIC }),
  };
  return testApi({
    adapters,
    clock: systemClock,
    // The emulator is not a latency oracle (and shares two cores with the test run): a generous
    // budget keeps these tests about semantics; the benchmark measures latency.
    env: {
      SENTINEL_POLICY_REFRESH_MS: '500',
      SENTINEL_LATENCY_BUDGET_MS: '2000',
      GOOGLE_CLOUD_PROJECT: projectId,
    },
  });
}

/** Collects every message on the subscription, acking each. */
function collect(subscription: Subscription) {
  const messages: Message[] = [];
  subscription.on('message', (m: Message) => {
    messages.push(m);
    m.ack();
  });
  return messages;
}

/** Polls an async condition until it holds; fails the test after `timeoutMs`. */
async function eventually(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function until(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate() && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('risk-api on Firestore and Pub/Sub (emulators)', () => {
  let a: ReturnType<typeof firestoreInstance>;
  let b: ReturnType<typeof firestoreInstance>;
  let subscription: Subscription;
  let messages: Message[];
  /**
   * The end of delivery, observed instead of slept for: both instances' background deliveries
   * have settled (their outbox entries are done, so no sweep publishes them again), and every
   * publish the broker confirmed has reached the subscription. A duplicate would be one of them.
   */
  const everyPublishArrived = async (): Promise<void> => {
    await Promise.all([a.api.background.drain(10_000), b.api.background.drain(10_000)]);
    const confirmed = a.adapters.publisher.confirmed + b.adapters.publisher.confirmed;
    await eventually(() => Promise.resolve(messages.length >= confirmed));
  };
  /** The decision ids among `ids` that arrived on the subscription, once per delivery. */
  const deliveredOf = (ids: Set<string>) =>
    messages.map((m) => m.attributes['decisionId'] ?? '').filter((id) => ids.has(id));
  /** A fresh operator answer without a swap (the stored signal the hot path reads). */
  const cleanSignal = (phoneNumber: string) =>
    a.adapters.state.putSimSwapSignal({
      phoneNumber,
      lastSwapAt: null,
      checkedAt: new Date(),
      source: 'camara',
    });

  beforeAll(async () => {
    const admin = new PubSub({ projectId });
    clients.push({ db: new Firestore({ projectId }), pubsub: admin });
    await ensureAvroTopic(admin, {
      topic: TOPIC,
      schemaId: 'risk-decision',
      avscPath: DECISION_AVSC_PATH,
    });
    [subscription] = await admin.topic(TOPIC).createSubscription('risk-decisions-test');
    messages = collect(subscription);
    a = firestoreInstance();
    b = firestoreInstance();
    await a.api.start();
    await b.api.start();
    expect((await a.call('PUT', `/v1/users/${ALICE.userId}`, aliceProfile())).status).toBe(200);
    await a.adapters.state.putSimSwapSignal({
      phoneNumber: ALICE.phoneNumber,
      lastSwapAt: null,
      checkedAt: new Date(),
      source: 'camara',
    });
  });

  afterAll(async () => {
    await a.api.stop();
    await b.api.stop();
    await subscription.close();
    for (const c of clients) {
      await c.pubsub.close();
      await c.db.terminate();
    }
  });

  it('publishes every answered decision exactly once, and retries publish nothing new', async () => {
    const bodies = Array.from({ length: 12 }, () => alicePayment());
    const first = await Promise.all(
      bodies.map((body, i) =>
        (i % 2 === 0 ? a : b).call<Decision>('POST', '/v1/assess-payment', body),
      ),
    );
    expect(first.map((r) => r.status)).toEqual(bodies.map(() => 200));
    expect(first.map((r) => r.body.action)).toEqual(bodies.map(() => 'APPROVE'));
    // Retries land on the other instance and get the same decision.
    const retries = await Promise.all(
      bodies.map((body, i) =>
        (i % 2 === 0 ? b : a).call<Decision>('POST', '/v1/assess-payment', body),
      ),
    );
    expect(retries.map((r) => r.body.decisionId)).toEqual(first.map((r) => r.body.decisionId));
    expect(retries.every((r) => r.headers.get('sentinel-replayed') === 'true')).toBe(true);

    const ids = new Set(first.map((r) => r.body.decisionId));
    await until(() => deliveredOf(ids).length >= ids.size, 10_000);
    await everyPublishArrived();
    expect(deliveredOf(ids).sort()).toEqual([...ids].sort());
    const data = messages.at(-1)!.data.toString('utf8');
    const payload = parseDecisionEvent(JSON.parse(data));
    expect(payload.decisionId).toBe(messages.at(-1)!.attributes['decisionId']);
    expect(payload.tenantId).toBe(payload.clientId);
    expect(data).not.toContain(ALICE.phoneNumber);
  });

  it('keeps one decision when retries race on two instances', async () => {
    const body = alicePayment();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? a : b).call<Decision>('POST', '/v1/assess-payment', body),
      ),
    );
    const ids = new Set(results.map((r) => r.body.decisionId));
    expect(ids.size).toBe(1);
    await until(() => deliveredOf(ids).length > 0, 10_000);
    await everyPublishArrived();
    expect(deliveredOf(ids)).toEqual([...ids]);
    const stored = await b.call<Decision>('GET', `/v1/decisions/${[...ids][0]}`);
    expect(stored.body.decisionId).toBe([...ids][0]);
  });

  it('answers 409 on either instance for a reused transactionId with another body', async () => {
    const body = alicePayment();
    await a.call('POST', '/v1/assess-payment', body);
    const res = await b.call('POST', '/v1/assess-payment', { ...body, channel: 'EFT' });
    expect(res.status).toBe(409);
  });

  it('holds a payment whose stored signal is stale', async () => {
    await a.adapters.state.putSimSwapSignal({
      phoneNumber: '+27821110077',
      lastSwapAt: null,
      checkedAt: new Date(Date.now() - 3_600_000),
      source: 'camara',
    });
    const res = await b.call<Decision>(
      'POST',
      '/v1/assess-payment',
      alicePayment({ phoneNumber: '+27821110077' }),
    );
    expect(res.body.action).toBe('STEP_UP');
    expect(res.body.escrow).toMatchObject({ status: 'HELD', reason: 'TELCO_SIGNAL_STALE' });
  });

  it('enrols a customer through one instance and scores her payments on the other', async () => {
    const customer = shieldCustomer(31, new Date());
    const id = customer.user.userId;
    expect((await a.call('PUT', `/v1/users/${id}`, customer.profile)).status).toBe(200);
    await cleanSignal(customer.user.phoneNumber);
    const stored = await a.call('POST', `/v1/users/${id}/behavior/sessions`, customer.sessionsBody);
    expect(stored.status).toBe(201);
    const enrolled = await b.call<{ version: number; n: number }>(
      'POST',
      `/v1/users/${id}/behavior/enroll`,
      {},
    );
    expect(enrolled.body).toMatchObject({ version: 1, n: 20 });

    const legit = await a.call<Decision>(
      'POST',
      '/v1/assess-payment',
      customer.payment('legitimate'),
    );
    expect(legit.body.action).toBe('APPROVE');
    expect(legit.body.signals.behavior).toMatchObject({ baselineVersion: 1 });
    expect(legit.body.signals.behavior?.score).toBeGreaterThan(70);
    const view = await b.call<Decision & { inspector?: { behavior: { zScores: unknown[] } } }>(
      'GET',
      `/v1/decisions/${legit.body.decisionId}`,
    );
    expect(view.body.inspector?.behavior.zScores).toHaveLength(55);
  });

  it('sees a device on a second account across instances: fleet rule, both accounts frozen', async () => {
    const [first, second] = [shieldCustomer(41, new Date()), shieldCustomer(42, new Date())];
    for (const c of [first, second]) {
      expect((await a.call('PUT', `/v1/users/${c.user.userId}`, c.profile)).status).toBe(200);
      await cleanSignal(c.user.phoneNumber);
    }
    const device = { id: `fleet-${Date.now()}`, imei: '490154203237518' };
    const fromFleet = (c: ShieldCustomer) => ({ ...c.payment('scenario_5'), device });

    const one = await a.call<Decision>('POST', '/v1/assess-payment', fromFleet(first));
    expect(one.body.reasons.map((r) => r.code)).not.toContain('FLEET_ANOMALY');
    // The sighting is written after the answer (outbox delivery): until that delivery lands,
    // another instance cannot see it (docs/behavior.md, "Consistency"). Earlier tests' deliveries
    // may still hold this instance's background busy, so wait for this one sighting.
    await eventually(async () => {
      const { deviceSightings } = await b.adapters.state
        .forTenant(TENANT)
        .readSnapshot(second.user.userId, second.user.phoneNumber, {
          timeoutMs: 5_000,
          deviceId: device.id,
        });
      return deviceSightings.some((s) => s.userId === first.user.userId);
    });

    const two = await b.call<Decision>('POST', '/v1/assess-payment', fromFleet(second));
    expect(two.body.action).toBe('DENY');
    expect(two.body.freeze).toBe(true);
    expect(two.body.reasons.map((r) => r.code)).toContain('FLEET_ANOMALY');

    for (const c of [first, second]) {
      await eventually(async () => {
        const user = await a.call<{ freeze: { frozen: boolean; decisionId?: string } }>(
          'GET',
          `/v1/users/${c.user.userId}`,
        );
        return user.body.freeze.frozen && user.body.freeze.decisionId === two.body.decisionId;
      });
    }
    const back = await a.call<Decision>('POST', '/v1/assess-payment', first.payment('legitimate'));
    expect(back.body.action).toBe('DENY');
    expect(back.body.reasons.map((r) => r.code)).toEqual(['ACCOUNT_FROZEN']);

    const unfrozen = await b.call<{ frozen: boolean }>(
      'POST',
      `/v1/users/${first.user.userId}/unfreeze`,
      {},
      { authorization: `Bearer ${ADMIN_KEY}` },
    );
    expect(unfrozen.body.frozen).toBe(false);
    const again = await a.call<Decision>('POST', '/v1/assess-payment', first.payment('legitimate'));
    expect(again.body.action).toBe('APPROVE');
  });

  it('applies a policy change made on one instance to the other within 5 s', async () => {
    const { version: _v, ...doc } = DEFAULT_POLICY;
    const policy = {
      ...doc,
      rules: doc.rules.map((r) =>
        r.kind === 'deviceBinding' ? { ...r, params: { ...r.params, unknownDeviceWeight: 58 } } : r,
      ),
    };
    const before = messages.length;
    const put = await a.call(
      'PUT',
      '/v1/policy',
      { policy, comment: 'int test' },
      {
        authorization: `Bearer ${ADMIN_KEY}`,
      },
    );
    expect(put.status).toBe(200);
    const started = Date.now();
    let res = await b.call<Decision>(
      'POST',
      '/v1/assess-payment',
      alicePayment({ device: { id: 'new-phone' } }),
    );
    while (res.body.policy.version !== 1 && Date.now() - started < 5_000) {
      await new Promise((r) => setTimeout(r, 100));
      res = await b.call<Decision>(
        'POST',
        '/v1/assess-payment',
        alicePayment({ device: { id: 'new-phone' } }),
      );
    }
    expect(res.body.policy.version).toBe(1);
    expect(res.body.reasons.find((r) => r.code === 'DEVICE_UNKNOWN')?.weight).toBe(58);
    await until(
      () => messages.slice(before).some((m) => m.attributes['decisionId'] === res.body.decisionId),
      10_000,
    );
    const event = messages.find((m) => m.attributes['decisionId'] === res.body.decisionId)!;
    expect(parseDecisionEvent(JSON.parse(event.data.toString('utf8'))).policyVersion).toBe(1);
  });

  it('keeps two tenants with one userId apart in Firestore, on either instance', async () => {
    const other = { authorization: `Bearer ${OTHER_KEY}` };
    const otherAdmin = { authorization: `Bearer ${OTHER_ADMIN_KEY}` };
    const path = `/v1/users/${ALICE.userId}`;
    expect((await b.call('GET', path, undefined, other)).status).toBe(404);
    const ours = await a.call<Decision>('POST', '/v1/assess-payment', alicePayment());
    expect(ours.status).toBe(200);
    const read = await b.call('GET', `/v1/decisions/${ours.body.decisionId}`, undefined, other);
    expect(read.status).toBe(404);
    const unfreeze = await b.call('POST', `${path}/unfreeze`, {}, otherAdmin);
    expect(unfreeze.status).toBe(404);

    // The other tenant's customer of the same id is its own document; ours is untouched.
    const intruder = { ...aliceProfile(), phoneNumber: '+27829990002' };
    expect((await b.call('PUT', path, intruder, other)).status).toBe(200);
    const mine = await a.call<{ phoneNumber: string }>('GET', path);
    expect(mine.body.phoneNumber).toBe(ALICE.phoneNumber);
    const db = clients[0]?.db;
    if (db === undefined) {
      throw new Error('no Firestore client');
    }
    const doc = (p: string) => db.doc(p).get();
    expect((await doc(`tenants/${TENANT}/users/${ALICE.userId}`)).get('phoneNumber')).toBe(
      ALICE.phoneNumber,
    );
    expect((await doc(`tenants/${OTHER_TENANT}/users/${ALICE.userId}`)).get('phoneNumber')).toBe(
      '+27829990002',
    );
    expect((await doc(`users/${ALICE.userId}`)).exists).toBe(false);
    expect((await doc(`tenants/${TENANT}/decisions/${ours.body.decisionId}`)).exists).toBe(true);

    // The policy change above was our tenant's override: the other tenant still decides on the
    // platform default, on either instance.
    await cleanSignal('+27829990002');
    const theirs = await b.call<Decision>(
      'POST',
      '/v1/assess-payment',
      alicePayment({ phoneNumber: '+27829990002' }),
      other,
    );
    expect(theirs.status).toBe(200);
    expect(theirs.body.policy).toEqual({ id: 'default', version: 0 });
    expect(ours.body.policy).toEqual({ id: `${TENANT}.default`, version: 1 });
  });
});
