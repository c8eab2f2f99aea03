// SIM swap signals end to end on the emulator: the CAMARA simulator, the telco ingestion (webhook,
// subscriptions, poller) and the risk-api, each on a real loopback HTTP server, one Firestore.
import { Firestore } from '@google-cloud/firestore';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  composeIngestion,
  createLiveSignalLookup,
  loadIngestionConfig,
  type Ingestion,
} from '@sentinel/telco';
import { silentLogger } from '@sentinel/kernel';
import { composeSimulator } from '@sentinel/camara-simulator';
import { loadSimulatorConfig } from '@sentinel/camara-simulator';
import { MemorySimulatorStore } from '@sentinel/camara-simulator';
import { firestoreSettings } from '@sentinel/store';
import { FirestoreDecisionLog } from '@sentinel/store';
import { FirestorePolicyStores } from '@sentinel/store';
import { FirestoreRiskStateStore } from '@sentinel/store';
import { MemoryDecisionEventPublisher } from '@sentinel/risk-api';
import type { Decision } from '@sentinel/contracts';
import { systemClock, type Clock } from '@sentinel/kernel';
import { FakeClock } from '@sentinel/kernel/testing';
import { ALICE, aliceProfile, alicePayment, testApi } from '@sentinel/risk-api/testing';
import { freePort } from './bench/servers.ts';
import { uniqueProjectId } from './support/emulator-env.ts';

const projectId = uniqueProjectId('telco');
const servers: ServerType[] = [];
const listen = async (fetch: (r: Request) => Response | Promise<Response>) => {
  const port = await freePort();
  servers.push(serve({ fetch, port, hostname: '127.0.0.1' }));
  return `http://127.0.0.1:${port}`;
};
const json = (method: string, url: string, body: unknown) =>
  fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('SIM swap signals from the CAMARA simulator to the decision', () => {
  let db: Firestore;
  let simulator: string;
  let ingestion: Ingestion;
  let api: ReturnType<typeof riskApi>;

  function riskApi(
    provider: Ingestion['provider'],
    env: Record<string, string> = {},
    clock: Clock = systemClock,
  ) {
    const state = new FirestoreRiskStateStore(db, { clock });
    return testApi({
      adapters: {
        state,
        log: new FirestoreDecisionLog(db),
        policyStores: new FirestorePolicyStores(db),
        publisher: new MemoryDecisionEventPublisher(),
        liveSignal: createLiveSignalLookup({ provider, store: state, clock }),
        enrollment: ingestion.enrollment,
      },
      clock,
      env: { GOOGLE_CLOUD_PROJECT: projectId, SENTINEL_LATENCY_BUDGET_MS: '2000', ...env },
    });
  }

  beforeAll(async () => {
    db = new Firestore({ ...firestoreSettings({ projectId }), ignoreUndefinedProperties: true });
    const sim = loadSimulatorConfig({ SIMULATOR_STORE: 'memory', SIMULATOR_LOCAL_MODE: 'true' });
    if (!sim.ok) {
      throw new Error(sim.issues.join('; '));
    }
    simulator = await listen(
      composeSimulator(sim.config, { store: new MemorySimulatorStore() }).app.fetch,
    );
    const webhookPort = await freePort();
    const telco = loadIngestionConfig({
      TELCO_STORE: 'firestore',
      GOOGLE_CLOUD_PROJECT: projectId,
      TELCO_SIMULATOR_BASE_URL: `${simulator}/sim-swap/v2`,
      TELCO_SUBSCRIPTIONS_PROVIDER: 'simulator',
      TELCO_WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/camara/webhook`,
      TELCO_WEBHOOK_TOKENS: 'test-sink-token-0001',
    });
    if (!telco.ok) {
      throw new Error(telco.issues.join('; '));
    }
    ingestion = composeIngestion(telco.config, { clock: systemClock, logger: silentLogger, db });
    const hooks = new Hono();
    hooks.post('/camara/webhook', (c) => ingestion.webhook(c.req.raw));
    servers.push(serve({ fetch: hooks.fetch, port: webhookPort, hostname: '127.0.0.1' }));
    api = riskApi(ingestion.provider);

    // The operator knows the number (activated two years ago); the bank onboards the customer.
    const activated = await json(
      'PUT',
      `${simulator}/sim-swap/v2/demo/numbers/${ALICE.phoneNumber}`,
      {
        activatedAt: new Date(Date.now() - 730 * 86_400_000).toISOString(),
      },
    );
    expect(activated.ok).toBe(true);
    expect((await api.call('PUT', `/v1/users/${ALICE.userId}`, aliceProfile())).status).toBe(200);
    await api.api.background.drain(5_000);
  });

  afterAll(async () => {
    await api.api.stop();
    for (const s of servers) {
      s.close();
    }
    await ingestion.close();
    await db.terminate();
  });

  it('watches and subscribes the number at onboarding, and the poller makes its signal fresh', async () => {
    const subs = (await (
      await fetch(`${simulator}/sim-swap-subscriptions/v0.3/subscriptions`, {
        headers: { authorization: 'Bearer local-camara-token' },
      })
    ).json()) as { sink: string }[];
    expect(subs.map((s) => s.sink)).toEqual([expect.stringMatching(/\/camara\/webhook$/)]);
    const report = await ingestion.poll();
    expect(report).toMatchObject({ checked: 1, failed: 0 });
    const res = await api.call<Decision>('POST', '/v1/assess-payment', alicePayment());
    expect(res.body).toMatchObject({
      action: 'APPROVE',
      signals: { simSwap: { freshness: 'FRESH', lastSwapAt: null } },
    });
  });

  it('reflects a swap at the operator in the next decisions, through the webhook', async ({
    annotate,
  }) => {
    const swapped = await json(
      'PUT',
      `${simulator}/sim-swap/v2/demo/numbers/${ALICE.phoneNumber}`,
      {
        swappedHoursAgo: 0.05,
      },
    );
    expect(swapped.ok).toBe(true);
    // A bounded wait for the webhook's effect (how long it took is measured, not asserted: the
    // source below shows the webhook, not a poll, brought the swap).
    const started = Date.now();
    let res = await api.call<Decision>('POST', '/v1/assess-payment', alicePayment());
    while (res.body.action === 'APPROVE' && Date.now() - started < 15_000) {
      await new Promise((r) => setTimeout(r, 100));
      res = await api.call<Decision>('POST', '/v1/assess-payment', alicePayment());
    }
    expect(res.body.action).toBe('STEP_UP');
    expect(res.body.stepUp?.methods).toEqual(['WEBAUTHN']);
    expect(res.body.reasons[0]?.code).toBe('SIM_SWAP_RECENT');
    expect(res.body.signals.simSwap.source).toMatch(/camara-subscription/);
    await annotate(`swap at the simulator → STEP_UP decision in ${Date.now() - started} ms`);
  });

  it('answers in budget with STEP_UP + escrow when the provider is slow', async ({ annotate }) => {
    // An operator that never answers in time; it counts the lookups that reach it.
    let asked = 0;
    const slow = await listen(async (request) => {
      if (request.url.includes('/retrieve-date')) {
        asked++;
      }
      await new Promise((r) => setTimeout(r, 2_000));
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    });
    const slowConfig = loadIngestionConfig({
      TELCO_STORE: 'memory',
      TELCO_SIMULATOR_BASE_URL: `${slow}/sim-swap/v2`,
    });
    if (!slowConfig.ok) {
      throw new Error(slowConfig.issues.join('; '));
    }
    // One fake clock for the budget, the live lookup's deadline and the provider: time moves only
    // when the test moves it, so the cut is exactly at the live-lookup budget (25 ms).
    const clock = new FakeClock(new Date());
    const slowTelco = composeIngestion(slowConfig.config, { clock, logger: silentLogger });
    const budgeted = riskApi(slowTelco.provider, { SENTINEL_LATENCY_BUDGET_MS: '50' }, clock);
    await budgeted.adapters.state.putSimSwapSignal({
      phoneNumber: ALICE.phoneNumber,
      lastSwapAt: null,
      checkedAt: new Date(clock.now().getTime() - 3_600_000),
      source: 'camara',
    });
    /** Assesses, moving the clock by the live-lookup budget once the operator has been asked. */
    const assessAgainstSlowOperator = async (body: Record<string, unknown>) => {
      const askedBefore = asked;
      const pending = budgeted.call<Decision>('POST', '/v1/assess-payment', body);
      await vi.waitFor(() => expect(asked).toBe(askedBefore + 1), { timeout: 10_000 });
      clock.advance(25);
      return pending;
    };
    const stale = await assessAgainstSlowOperator(alicePayment());
    const unknown = await assessAgainstSlowOperator(alicePayment({ phoneNumber: '+27821119876' }));
    // One live lookup per assessment, given the 25 ms live budget and cut there; nothing else
    // took fake time, so the whole answer took exactly that long on the service's clock.
    const timing = stale.headers.get('server-timing') ?? '';
    expect(timing).toContain('telco;dur=25.00');
    expect(stale.body.latencyMs).toBe(25);
    await annotate(`provider sleeping 2 s: Server-Timing ${timing}`);
    expect(stale.body).toMatchObject({
      action: 'STEP_UP',
      escrow: { status: 'HELD', reason: 'TELCO_SIGNAL_STALE' },
    });
    expect(stale.body.signals.simSwap.freshness).toBe('STALE');
    expect(unknown.body).toMatchObject({
      action: 'STEP_UP',
      escrow: { status: 'HELD', reason: 'TELCO_SIGNAL_UNAVAILABLE' },
    });
    // The background refreshes retry on the fake clock: drive it until the service has stopped.
    await clock.drive(budgeted.api.stop());
    await slowTelco.close();
  });
});
