import * as ff from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '@sentinel/kernel';
import { startFakeOperator, type FakeOperator } from '../providers/testing/fake-camara-operator.ts';
import { recordingLogger } from '../providers/testing/recording-logger.ts';
import { composeIngestion, type Ingestion } from './compose-ingestion.ts';
import { loadIngestionConfig } from './ingestion-config.ts';
import { FUNCTION_TARGETS, registerIngestionFunctions } from './register-functions.ts';

const TOKEN = 'sink-token-0123456789';
let operator: FakeOperator;
let ingestion: Ingestion;
const servers: Server[] = [];

async function serve(target: string): Promise<string> {
  const server = getTestServer(target);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  operator = await startFakeOperator();
  const loaded = loadIngestionConfig({
    TELCO_STORE: 'memory',
    TELCO_ROUTES: '*=simulator',
    TELCO_SIMULATOR_BASE_URL: operator.baseUrl,
    TELCO_SIMULATOR_TOKEN_URL: operator.tokenUrl,
    TELCO_SIMULATOR_CLIENT_ID: 'sentinel-client',
    TELCO_SIMULATOR_CLIENT_SECRET: 's3cret:with/odd+chars',
    TELCO_WEBHOOK_TOKENS: TOKEN,
    TELCO_POLL_RATE_PER_SECOND: '1000',
  });
  if (!loaded.ok) {
    throw new Error(loaded.issues.join('; '));
  }
  const logger = recordingLogger();
  ingestion = composeIngestion(loaded.config, { clock: systemClock, logger });
  registerIngestionFunctions(ff, ingestion, logger);
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await ingestion.close();
  await operator.close();
});

describe('functions-framework targets', () => {
  it(`${FUNCTION_TARGETS.webhook} serves the CAMARA webhook (raw body intact)`, async () => {
    const url = await serve(FUNCTION_TARGETS.webhook);
    const event = {
      id: 'ff-1',
      source: 'urn:operator',
      type: 'org.camaraproject.sim-swap-subscriptions.v0.swapped',
      specversion: '1.0',
      time: '2026-03-01T09:00:00Z',
      data: { subscriptionId: 's', phoneNumber: '+27821230001' },
    };
    const post = (token: string) =>
      fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/cloudevents+json',
          'x-correlator': 'abc-123',
        },
        body: JSON.stringify(event),
      });
    const refused = await post('wrong');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    const res = await post(TOKEN);
    expect(res.status).toBe(204);
    expect(res.headers.get('x-correlator')).toBe('abc-123');
    expect((await ingestion.store.getSimSwapSignal('+27821230001'))?.lastSwapAt).toEqual(
      new Date('2026-03-01T09:00:00Z'),
    );
  });

  it(`${FUNCTION_TARGETS.poll} refreshes the watched numbers and answers the report`, async () => {
    for (const n of ['+27821230002', '+27821230003', '+14155550100']) {
      await ingestion.enrollment.enroll(n);
    }
    const url = await serve(FUNCTION_TARGETS.poll);
    const res = await fetch(url, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ checked: 3, refreshed: 3, failed: 0, complete: true });
    expect((await ingestion.store.getSimSwapSignal('+14155550100'))?.source).toBe('simulator');
    // One OAuth token for the whole poll.
    expect(operator.tokenRequests()).toHaveLength(1);
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(405);
  });
});
