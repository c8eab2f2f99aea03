import { Firestore } from '@google-cloud/firestore';
import * as ff from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { FirestoreRiskStateStore, firestoreSettings } from '@sentinel/store';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueProjectId } from '../../../../test/support/emulator-env.ts';
import { systemClock } from '@sentinel/kernel';
import { startFakeOperator, type FakeOperator } from '../providers/testing/fake-camara-operator.ts';
import { recordingLogger } from '../providers/testing/recording-logger.ts';
import { TELCO_COLLECTIONS } from './adapters/firestore-collections.ts';
import { composeIngestion, type Ingestion } from './compose-ingestion.ts';
import { cloudEventKey } from './event-ledger.ts';
import { loadIngestionConfig } from './ingestion-config.ts';
import { FUNCTION_TARGETS, registerIngestionFunctions } from './register-functions.ts';

const TOKEN = 'sink-token-0123456789';
const NUMBER = '+27825550001';
const projectId = uniqueProjectId('telco-ingestion');
let db: Firestore;
let reader: Firestore;
let operator: FakeOperator;
let ingestion: Ingestion;
let server: Server;
let webhookUrl: string;

beforeAll(async () => {
  db = new Firestore({ ...firestoreSettings({ projectId }), ignoreUndefinedProperties: true });
  // A second client reads back, so nothing is served from the writer's memory.
  reader = new Firestore(firestoreSettings({ projectId }));
  operator = await startFakeOperator({
    retrieveDate: (n) =>
      n.endsWith('9')
        ? { status: 503, body: { status: 503, code: 'UNAVAILABLE', message: '' } }
        : { status: 200, body: { latestSimChange: null, monitoredPeriod: 120 } },
  });
  const loaded = loadIngestionConfig({
    GOOGLE_CLOUD_PROJECT: projectId,
    TELCO_SIMULATOR_BASE_URL: operator.baseUrl,
    TELCO_SIMULATOR_TOKEN_URL: operator.tokenUrl,
    TELCO_SIMULATOR_CLIENT_ID: 'sentinel-client',
    TELCO_SIMULATOR_CLIENT_SECRET: 's3cret:with/odd+chars',
    TELCO_WEBHOOK_TOKENS: TOKEN,
    TELCO_POLL_RATE_PER_SECOND: '500',
    TELCO_POLL_MAX_ATTEMPTS: '1',
  });
  if (!loaded.ok) {
    throw new Error(loaded.issues.join('; '));
  }
  const logger = recordingLogger();
  ingestion = composeIngestion(loaded.config, { clock: systemClock, logger, db });
  registerIngestionFunctions(ff, ingestion, logger);
  server = getTestServer(FUNCTION_TARGETS.webhook);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await operator.close();
  await Promise.all([db.terminate(), reader.terminate()]);
});

const SOURCE = 'https://notifications.operator.example';
const swapped = (id: string, data: Record<string, unknown>) => ({
  id,
  source: SOURCE,
  type: 'org.camaraproject.sim-swap-subscriptions.v0.swapped',
  specversion: '1.0',
  datacontenttype: 'application/json',
  time: '2026-03-01T09:58:00.000Z',
  data: { subscriptionId: 'sub-1', ...data },
});

const deliver = (event: unknown) =>
  fetch(webhookUrl, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/cloudevents+json' },
    body: JSON.stringify(event),
  });

describe('CAMARA webhook end to end (functions-framework → Firestore emulator)', () => {
  it('event → signal updated → replay is a no-op', async () => {
    const store = new FirestoreRiskStateStore(reader);
    const before = Date.now();
    const res = await deliver(swapped('evt-1', { phoneNumber: NUMBER }));
    expect(res.status).toBe(204);
    const signal = await store.getSimSwapSignal(NUMBER);
    expect(signal).toMatchObject({
      phoneNumber: NUMBER,
      lastSwapAt: new Date('2026-03-01T09:58:00.000Z'),
      source: 'camara-subscription',
    });
    expect(signal?.checkedAt.getTime()).toBeGreaterThanOrEqual(before);
    const ledger = await reader
      .collection(TELCO_COLLECTIONS.camaraEvents)
      .doc(cloudEventKey(SOURCE, 'evt-1'))
      .get();
    expect(ledger.get('state')).toBe('done');
    expect(ledger.get('outcome')).toBe('signal-updated');

    // Make any write visible: a replay must leave this marker alone.
    const marker = {
      phoneNumber: NUMBER,
      lastSwapAt: null,
      checkedAt: new Date(0),
      source: 'marker',
    };
    await new FirestoreRiskStateStore(db).putSimSwapSignal(marker);
    const replay = await deliver(swapped('evt-1', { phoneNumber: NUMBER }));
    expect(replay.status).toBe(204);
    expect(await store.getSimSwapSignal(NUMBER)).toEqual(marker);
  });

  it('an event without phoneNumber finds the number through camaraSubscriptionRefs', async () => {
    await ingestion.refs.put({
      phoneNumber: '+27825550002',
      subscriptionId: 'sub-77',
      createdAt: new Date(),
    });
    expect((await deliver(swapped('evt-2', { subscriptionId: 'sub-77' }))).status).toBe(204);
    expect(
      await new FirestoreRiskStateStore(reader).getSimSwapSignal('+27825550002'),
    ).toMatchObject({
      lastSwapAt: new Date('2026-03-01T09:58:00.000Z'),
      source: 'camara-subscription',
    });
  });

  it('a wrong bearer is 401 and leaves no trace', async () => {
    const res = await fetch(webhookUrl, {
      method: 'POST',
      headers: { authorization: 'Bearer nope', 'content-type': 'application/cloudevents+json' },
      body: JSON.stringify(swapped('evt-3', { phoneNumber: '+27825550003' })),
    });
    expect(res.status).toBe(401);
    const ledger = await reader
      .collection(TELCO_COLLECTIONS.camaraEvents)
      .doc(cloudEventKey(SOURCE, 'evt-3'))
      .get();
    expect(ledger.exists).toBe(false);
  });
});

describe('poller end to end (Firestore emulator)', () => {
  it('refreshes watched numbers into simSwapSignals and records health in watchedNumbers', async () => {
    const numbers = Array.from({ length: 20 }, (_, i) => `+2782666${String(i).padStart(4, '0')}`);
    for (const n of numbers) {
      await ingestion.enrollment.enroll(n);
    }
    const report = await ingestion.poll();
    // 2 of the 20 end in 9 and fail; the two numbers the webhook wrote are not watched.
    expect(report).toMatchObject({
      checked: 20,
      refreshed: 18,
      updated: 18,
      failed: 2,
      complete: true,
    });
    const store = new FirestoreRiskStateStore(reader);
    expect(await store.getSimSwapSignal(numbers[0] ?? '')).toMatchObject({
      lastSwapAt: null,
      monitoredPeriodHours: 2880,
      source: 'simulator',
    });
    const failing = await reader
      .collection(TELCO_COLLECTIONS.watchedNumbers)
      .doc('+27826660009')
      .get();
    expect(failing.get('consecutiveFailures')).toBe(1);
    expect(failing.get('lastError.reason')).toBe('UNAVAILABLE');
    expect(operator.tokenRequests()).toHaveLength(1);

    const again = await ingestion.poll();
    expect(again).toMatchObject({ checked: 20, refreshed: 18, updated: 0, failed: 2 });
    expect(
      (await reader.collection(TELCO_COLLECTIONS.watchedNumbers).doc('+27826660009').get()).get(
        'failureCount',
      ),
    ).toBe(2);
  });
});
