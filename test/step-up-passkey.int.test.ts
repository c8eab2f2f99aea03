// Issue 11's real-browser test: risk-api and the auth service on one Firestore emulator and one
// Pub/Sub emulator, headless Chromium with a CDP virtual authenticator (ctap2, internal, resident
// key, user verification). The bank enrols Alice's passkey (its backend calls the user routes, the
// browser creates the credential) → her SIM is swapped → she pays → STEP_UP with WEBAUTHN only →
// the page shows amount and payee → passkey → PASSED on the decision, one event on risk-outcomes.
import { PubSubOutcomePublisher, ensureAvroTopic } from '@sentinel/pubsub';
import { Firestore } from '@google-cloud/firestore';
import { PubSub, type Message, type Subscription } from '@google-cloud/pubsub';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTCOME_AVSC_PATH, parseOutcomeEvent, type Decision } from '@sentinel/contracts';
import { systemClock } from '@sentinel/kernel';
import { FakeClock, launchChromium } from '@sentinel/kernel/testing';
import {
  FirestoreCustomerFactors,
  FirestoreDecisionLog,
  FirestorePolicyStores,
  FirestoreRiskStateStore,
  FirestoreStepUpChallenges,
  firestoreSettings,
} from '@sentinel/store';

import { startTestAuth, SWEEP_TOKEN, type TestAuth } from '@sentinel/auth/testing';
import { MemoryDecisionEventPublisher } from '@sentinel/risk-api';
import { ALICE, aliceProfile, alicePayment, T0, testApi } from '@sentinel/risk-api/testing';
import { uniqueProjectId } from './support/emulator-env.ts';

const projectId = uniqueProjectId('step-up-passkey');
const db = new Firestore({ ...firestoreSettings({ projectId }), ignoreUndefinedProperties: true });
const pubsub = new PubSub({ projectId });
const clock = new FakeClock(T0);
const PAYEE = { accountId: 'Bob’s Bakery' };
const AUTHENTICATOR = {
  protocol: 'ctap2',
  ctap2Version: 'ctap2_1',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
} as const;

let subscription: Subscription;
let auth: TestAuth;
let browser: Browser;
let page: Page;
/** How many times each decision's outcome arrived on risk-outcomes (every message is acked). */
const outcomes = new Map<string, { count: number; status: string; method: string | null }>();
let outcomeArrived: (() => void) | undefined;

const risk = testApi({
  adapters: {
    state: new FirestoreRiskStateStore(db),
    log: new FirestoreDecisionLog(db),
    policyStores: new FirestorePolicyStores(db),
    publisher: new MemoryDecisionEventPublisher(),
  },
  clock,
  env: { SENTINEL_LATENCY_BUDGET_MS: '2000', GOOGLE_CLOUD_PROJECT: projectId },
});

beforeAll(async () => {
  await ensureAvroTopic(pubsub, {
    topic: 'risk-outcomes',
    schemaId: 'risk-outcome',
    avscPath: OUTCOME_AVSC_PATH,
  });
  [subscription] = await pubsub.topic('risk-outcomes').createSubscription('step-up-passkey');
  subscription.on('message', (m: Message) => {
    m.ack();
    const event = parseOutcomeEvent(JSON.parse(m.data.toString('utf8')));
    const seen = outcomes.get(event.decisionId);
    outcomes.set(event.decisionId, {
      count: (seen?.count ?? 0) + 1,
      status: event.status,
      method: event.method ?? null,
    });
    outcomeArrived?.();
  });
  auth = await startTestAuth({
    clock,
    stores: {
      log: new FirestoreDecisionLog(db),
      challenges: new FirestoreStepUpChallenges(db),
      state: new FirestoreRiskStateStore(db),
      policyStores: new FirestorePolicyStores(db),
      customerFactors: new FirestoreCustomerFactors(db),
    },
    adapters: {
      publisher: new PubSubOutcomePublisher(pubsub, {
        topic: 'risk-outcomes',
        timeoutMs: 5_000,
        clock: systemClock,
      }),
    },
  });
  browser = await launchChromium();
  page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', { options: AUTHENTICATOR });
});

afterAll(async () => {
  await browser.close();
  await risk.api.background.drain(5_000);
  await auth.close();
  await subscription.close();
  await Promise.all([pubsub.close(), db.terminate()]);
});

/** Resolves once `decisionId`'s outcome has arrived on risk-outcomes. */
async function outcomeOf(decisionId: string) {
  while (!outcomes.has(decisionId)) {
    await new Promise<void>((resolve) => {
      outcomeArrived = resolve;
    });
  }
  return outcomes.get(decisionId);
}

/** Alice pays; the answer's challenge id and client secret (the fragment of its challengeUrl). */
async function pay(transactionId: string) {
  const answer = await risk.call<Decision>(
    'POST',
    '/v1/assess-payment',
    alicePayment({ transactionId, payee: PAYEE }),
  );
  expect(answer.status).toBe(200);
  const [url = '', secret = ''] = (answer.body.stepUp?.challengeUrl ?? '').split('#');
  return { answer: answer.body, id: new URL(url).pathname.split('/').pop() ?? '', secret };
}

/** Opens the step-up page as the customer's app links to it, and waits for it to settle. */
async function openPage(id: string, secret: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${auth.pageOrigin}/challenge/${id}#${secret}`);
  await page.locator('[data-id="outcome"][data-state]').waitFor();
}

describe('Alice passes her step-up with a passkey in the page (headless Chromium)', () => {
  it('enrols a passkey: the bank’s backend calls the user routes, the browser creates it', async () => {
    const options = await auth.call('POST', `/v1/users/${ALICE.userId}/passkeys/options`, {
      userName: 'alice',
    });
    expect(options.status).toBe(200);
    // Any page of the service's origin: the credential is scoped to RP id `localhost`.
    await page.goto(`${auth.pageOrigin}/healthz`);
    await page.addScriptTag({ url: '/challenge-assets/simplewebauthn-browser.js' });
    const registration: unknown = await page.evaluate(
      (optionsJSON) =>
        (
          globalThis as unknown as {
            SimpleWebAuthnBrowser: {
              startRegistration(o: { optionsJSON: unknown }): Promise<unknown>;
            };
          }
        ).SimpleWebAuthnBrowser.startRegistration({ optionsJSON }),
      options.body,
    );
    const stored = await auth.call('POST', `/v1/users/${ALICE.userId}/passkeys`, {
      ...(registration as object),
      name: 'Alice’s phone',
    });
    expect(stored).toMatchObject({
      status: 201,
      body: { transports: ['internal'], name: 'Alice’s phone' },
    });
    const factors = await auth.call('GET', `/v1/users/${ALICE.userId}/factors`);
    expect(factors.body).toMatchObject({ methods: ['WEBAUTHN'] });
    expect((await risk.call('PUT', `/v1/users/${ALICE.userId}`, aliceProfile())).status).toBe(200);
  });

  it('her SIM is swapped, she pays: STEP_UP by passkey, passed in the page; one outcome', async () => {
    await risk.adapters.state.putSimSwapSignal({
      phoneNumber: ALICE.phoneNumber,
      lastSwapAt: new Date(T0.getTime() - 5 * 60_000),
      checkedAt: T0,
      source: 'camara',
    });
    const { answer, id, secret } = await pay('passkey-pay-1');
    expect(answer.action).toBe('STEP_UP');
    expect(answer.stepUp?.methods).toEqual(['WEBAUTHN']);
    expect(id).toBe(answer.decisionId);

    await openPage(id, secret);
    expect(page.url()).toBe(`${auth.pageOrigin}/challenge/${id}`); // the secret left the bar
    expect(await page.locator('[data-id="amount"]').innerText()).toContain('1,250.00');
    expect(await page.locator('[data-id="payee"]').innerText()).toBe('Bob’s Bakery');
    expect(await page.locator('[data-id="code-form"]').isHidden()).toBe(true);
    await page.locator('[data-id="passkey"]').click();
    const outcome = page.locator(
      '[data-id="outcome"]:is([data-state="passed"], [data-state="refused"], [data-state="error"])',
    );
    await outcome.waitFor();
    expect(await outcome.innerText()).toBe('PASSED');
    expect(await outcome.getAttribute('data-state')).toBe('passed');

    const view = await risk.call<Decision & { stepUp: { status: string; method: string } }>(
      'GET',
      `/v1/decisions/${id}`,
    );
    expect(view.body.stepUp).toMatchObject({
      status: 'PASSED',
      method: 'WEBAUTHN',
      completedAt: clock.now().toISOString(),
    });
    expect(await outcomeOf(id)).toEqual({ count: 1, status: 'PASSED', method: 'WEBAUTHN' });
    const stored = await auth.call('GET', `/v1/users/${ALICE.userId}/factors`);
    expect(stored.body).toMatchObject({
      passkeys: [{ lastUsedAt: clock.now().toISOString() }],
    });

    // Opened again after PASSED: the page says so and offers nothing.
    await openPage(id, secret);
    expect(await page.locator('[data-id="status"]').innerText()).toBe('PASSED');
    expect(await page.locator('[data-id="outcome"]').getAttribute('data-state')).toBe('passed');
    expect(await page.locator('[data-id="passkey"]').isHidden()).toBe(true);
    expect(await page.locator('[data-id="code-form"]').isHidden()).toBe(true);
    // And its assertion route answers closed.
    const again = await auth.call('POST', `/v1/challenges/${id}/webauthn/options`, {}, secret);
    expect(again).toMatchObject({ status: 409, body: { code: 'AUTH.CHALLENGE_CLOSED' } });

    // "Exactly one": a later challenge expires and the sweep publishes it (its outbox emptied);
    // by the time its event has arrived, the first decision's has still arrived once.
    const later = await pay('passkey-pay-2');
    expect(later.answer.action).toBe('STEP_UP');
    clock.advance(6 * 60_000);
    const sweep = await auth.call('POST', '/internal/sweep', undefined, SWEEP_TOKEN);
    expect(sweep.body).toEqual({ expired: 1, published: 1 });
    expect(await outcomeOf(later.id)).toEqual({ count: 1, status: 'EXPIRED', method: null });
    expect(outcomes.get(id)?.count).toBe(1);
    expect((await auth.call('POST', '/internal/sweep', undefined, SWEEP_TOKEN)).body).toEqual({
      expired: 0,
      published: 0,
    });
  });
});
