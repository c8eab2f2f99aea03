// Escrow end to end on the emulators (issue 12): the risk-api holds a payment whose telco signal
// is unavailable in the decision's own commit; the escrow's functions-framework functions (served
// on loopback, fed by the emulator's push subscriptions) announce it, apply outcomes and operator
// verifications, expire it, and tell the payment stack through signed webhooks that a receiver
// checks with the Standard Webhooks reference library.
import { PubSubOutcomePublisher, ensureAvroTopic } from '@sentinel/pubsub';
import { Firestore } from '@google-cloud/firestore';
import { PubSub, type Message, type Subscription } from '@google-cloud/pubsub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPseudonymiser,
  DECISION_AVSC_PATH,
  OUTCOME_AVSC_PATH,
  toDecisionEvent,
  parseEscrowEvent,
  toAvroJson,
  type Decision,
  type DecisionRecord,
  type OutcomeEvent,
} from '@sentinel/contracts';
import { FakeClock } from '@sentinel/kernel/testing';
import {
  FirestoreDecisionLog,
  FirestorePolicyStores,
  FirestoreReportedOutcomes,
  FirestoreRiskStateStore,
  firestoreSettings,
} from '@sentinel/store';

import { MemoryDecisionEventPublisher, PubSubDecisionEventPublisher } from '@sentinel/risk-api';
import {
  ADMIN_KEY,
  API_KEY,
  OTHER_ADMIN_KEY,
  OTHER_KEY,
  testApi,
} from '@sentinel/risk-api/testing';
import { DEFAULT_POLICY } from '@sentinel/engine';
import {
  composeTestEscrow,
  ESCROW_TEST_KEYS,
  ESCROW_TEST_SWEEP_TOKEN,
  escrowTestLogs,
  fakeWebhookSecret,
  startTestEscrow,
  startWebhookReceiver,
  type TestEscrow,
  type WebhookReceiver,
} from '@sentinel/escrow/testing';
import { systemClock } from '@sentinel/kernel';
import { uniqueProjectId } from './support/emulator-env.ts';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.ts';

const projectId = uniqueProjectId('escrow');
const db = new Firestore({ ...firestoreSettings({ projectId }), ignoreUndefinedProperties: true });
const pubsub = new PubSub({ projectId });
// Real time now, moved by hand: the webhooks' signatures carry wall-clock time (the receiver
// checks ±5 min), while holds, retries and expiry run on this clock.
const clock = new FakeClock(new Date(Math.floor(Date.now() / 1000) * 1000));
const SECRET = fakeWebhookSecret(7);
const HOUR = 3_600_000;

const firestoreAdapters = () => ({
  state: new FirestoreRiskStateStore(db),
  log: new FirestoreDecisionLog(db),
  policyStores: new FirestorePolicyStores(db),
});
const env = { SENTINEL_LATENCY_BUDGET_MS: '5000', GOOGLE_CLOUD_PROJECT: projectId };
// Decision events on the emulator's risk-decisions topic (the escrow's push subscription).
const published = testApi({
  adapters: {
    ...firestoreAdapters(),
    publisher: new PubSubDecisionEventPublisher(pubsub, {
      topic: 'risk-decisions',
      timeoutMs: 5_000,
      clock: systemClock,
    }),
    outcomes: new FirestoreReportedOutcomes(db),
    outcomePublisher: new PubSubOutcomePublisher(pubsub, {
      topic: 'risk-outcomes',
      timeoutMs: 5_000,
      clock: systemClock,
    }),
  },
  clock,
  env,
});
// Decision events kept in memory: the tests that decide when (or whether) the escrow hears one.
const quiet = testApi({
  adapters: { ...firestoreAdapters(), publisher: new MemoryDecisionEventPublisher() },
  clock,
  env,
});

let proxy: TcpProxy;
const webhooks = () =>
  JSON.stringify({ bank: { url: `http://127.0.0.1:${proxy.port}/webhooks`, secrets: [SECRET] } });
let receiver: WebhookReceiver;
let escrow: TestEscrow;
let deadLetters: Subscription;
let escrowEvents: Subscription;
let outcomes: PubSubOutcomePublisher;
/** Answers for the receiver, per request number; a test swaps it. */
let respond: (n: number) => number = () => 200;

beforeAll(async () => {
  await ensureAvroTopic(pubsub, {
    topic: 'risk-decisions',
    schemaId: 'risk-decision',
    avscPath: DECISION_AVSC_PATH,
  });
  await ensureAvroTopic(pubsub, {
    topic: 'risk-outcomes',
    schemaId: 'risk-outcome',
    avscPath: OUTCOME_AVSC_PATH,
  });
  receiver = await startWebhookReceiver({ secrets: [SECRET], respond: (n) => respond(n) });
  proxy = await startTcpProxy({ host: '127.0.0.1', port: receiver.port });
  escrow = await startTestEscrow({
    db,
    pubsub,
    projectId,
    clock,
    webhooks: webhooks(),
    push: { decisionsTopic: 'risk-decisions', outcomesTopic: 'risk-outcomes', prefix: 'e2e' },
  });
  [deadLetters] = await pubsub.topic('escrow-dead-letters').createSubscription('e2e-dead');
  [escrowEvents] = await pubsub.topic('escrow-events').createSubscription('e2e-events');
  outcomes = new PubSubOutcomePublisher(pubsub, {
    topic: 'risk-outcomes',
    timeoutMs: 5_000,
    clock: systemClock,
  });
  for (const t of [published, quiet]) {
    // Bob: a bound phone, no passkey, no authenticator app, and an operator that does not cover
    // him (no SIM swap signal will ever be stored for his number).
    await t.call('PUT', '/v1/users/bob', bobProfile(), { authorization: `Bearer ${API_KEY}` });
  }
});

afterAll(async () => {
  await published.api.background.drain(5_000);
  await quiet.api.background.drain(5_000);
  await escrow.close();
  await proxy.close();
  await receiver.close();
  await deadLetters.close();
  await escrowEvents.close();
  await Promise.all([pubsub.close(), db.terminate()]);
});

function bobProfile() {
  return {
    phoneNumber: '+27821230003',
    devices: [{ id: 'bob-phone-1', boundAt: '2026-01-05T10:00:00Z' }],
    enrolledFactors: [],
  };
}

let txCounter = 0;
function bobPays(overrides: Record<string, unknown> = {}) {
  txCounter++;
  return {
    transactionId: `tx-bob-${projectId}-${txCounter}`,
    userId: 'bob',
    phoneNumber: '+27821230003',
    amount: { minor: 150_000, currency: 'ZAR' },
    channel: 'PAYSHAP',
    device: { id: 'bob-phone-1' },
    ipAddress: '196.25.1.1',
    ...overrides,
  };
}

async function heldPayment(
  api: Pick<typeof quiet, 'call'>,
): Promise<Decision & { escrow: { escrowId: string } }> {
  const res = await api.call<Decision>('POST', '/v1/assess-payment', bobPays(), {
    authorization: `Bearer ${API_KEY}`,
  });
  expect(res.status).toBe(200);
  const { escrow: held } = res.body;
  if (held === undefined) {
    throw new Error(`not held: ${JSON.stringify(res.body)}`);
  }
  return { ...res.body, escrow: held };
}

interface EscrowBody {
  readonly status: string;
  readonly settlement: { readonly cause: string; readonly by: string | null } | null;
  readonly verifications: readonly unknown[];
}
interface Deliveries {
  readonly deliveries: readonly {
    readonly eventId: string;
    readonly type: string;
    readonly sequence: number;
    readonly publishedAt: string | null;
    readonly webhook: {
      readonly status: string;
      readonly attempts: readonly { readonly status: number | null }[];
    };
  }[];
}

/** The raw push body Pub/Sub sends to an endpoint, as the emulator sends it. */
function pushBody(data: unknown, attributes: Record<string, string> = {}) {
  return {
    message: {
      data: Buffer.from(typeof data === 'string' ? data : JSON.stringify(data)).toString('base64'),
      attributes,
      messageId: `m-${Math.random().toString(36).slice(2)}`,
      publishTime: new Date().toISOString(),
    },
    subscription: `projects/${projectId}/subscriptions/test`,
  };
}

async function push(target: 'decisions' | 'outcomes', body: unknown): Promise<number> {
  const topic = target === 'decisions' ? 'risk-decisions' : 'risk-outcomes';
  const res = await fetch(
    `${escrow.baseUrl}/events/${target}/projects/${projectId}/topics/${topic}`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  await res.text();
  return res.status;
}

const pseudonymise = createPseudonymiser('test-pseudonym-key-0123456789');
/** The decision's event as the risk-api's relay publishes it (Avro JSON). */
const eventOf = (record: DecisionRecord) => toAvroJson(toDecisionEvent(record, pseudonymise));

async function recordOf(decisionId: string): Promise<DecisionRecord> {
  const record = await new FirestoreDecisionLog(db).get('bank', decisionId);
  if (record === null) {
    throw new Error(`no record ${decisionId}`);
  }
  return record;
}

async function pullUntil(sub: Subscription, match: (m: Message) => boolean): Promise<Message> {
  return new Promise((resolve) => {
    const onMessage = (m: Message) => {
      m.ack();
      if (match(m)) {
        sub.off('message', onMessage);
        resolve(m);
      }
    };
    sub.on('message', onMessage);
  });
}

describe('Bob, whose operator does not cover him, pays R1,500', () => {
  it('is held, not refused; a call-centre verification releases it and the bank hears escrow.released', async () => {
    const decision = await heldPayment(published);
    // Issue 12's measurement was DENY (TELCO_SIGNAL_UNAVAILABLE + NO_SAFE_STEP_UP).
    expect(decision).toMatchObject({
      action: 'STEP_UP',
      stepUp: { methods: ['OUT_OF_BAND'] },
      escrow: { status: 'HELD', reason: 'TELCO_SIGNAL_UNAVAILABLE' },
    });
    expect(decision.stepUp?.challengeUrl).toBeUndefined();
    const { escrowId } = decision.escrow;
    // The hold exists the moment the answer is out: written in the decision's commit.
    const held = await escrow.call<EscrowBody>('GET', `/v1/escrows/${escrowId}`);
    expect(held).toMatchObject({ status: 200, body: { status: 'HELD', settlement: null } });

    // The decision event reaches the escrow through the emulator's push subscription.
    const announced = await receiver.waitFor(
      (d) => d.type === 'escrow.held' && d.transactionId === decision.transactionId,
    );
    expect(announced).toMatchObject({ id: `${escrowId}.1`, verified: true, status: 200 });

    // A call-centre agent verifies Bob on a number the bank has on record.
    const verified = await escrow.call<EscrowBody>(
      'POST',
      `/v1/escrows/${escrowId}/verifications`,
      { method: 'CALL_CENTRE', result: 'PASSED', operator: 'cc-agent-117', reference: 'CALL-42' },
    );
    expect(verified.body).toMatchObject({
      status: 'RELEASED',
      settlement: { cause: 'VERIFIED', by: 'cc-agent-117' },
    });
    const released = await receiver.waitFor(
      (d) => d.type === 'escrow.released' && d.transactionId === decision.transactionId,
    );
    expect(released).toMatchObject({ id: `${escrowId}.2`, verified: true });
    expect(JSON.parse(released.body)).toMatchObject({
      type: 'escrow.released',
      data: { escrowId, status: 'RELEASED', cause: 'VERIFIED', sequence: 2 },
    });

    // The risk-api's view of the decision follows the hold.
    const view = await published.call<{
      escrow: { status: string; cause: string };
      stepUp: { status: string; method: string };
    }>('GET', `/v1/decisions/${decision.decisionId}`, undefined, {
      authorization: `Bearer ${API_KEY}`,
    });
    expect(view.body.escrow).toMatchObject({ status: 'RELEASED', cause: 'VERIFIED' });
    expect(view.body.stepUp).toMatchObject({ status: 'PASSED', method: 'OUT_OF_BAND' });

    // Both transitions are on escrow-events (Avro JSON, escrow-event schema).
    const onTopic = await pullUntil(
      escrowEvents,
      (m) => m.attributes['eventId'] === `${escrowId}.2`,
    );
    expect(parseEscrowEvent(JSON.parse(onTopic.data.toString('utf8')))).toMatchObject({
      type: 'escrow.released',
      escrowId,
    });
  });

  it('lists a tenant’s escrows of one state, newest first, page by page', async () => {
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      made.push((await heldPayment(quiet)).escrow.escrowId);
    }
    interface Page {
      escrows: { escrowId: string; status: string }[];
      next: string | null;
    }
    const first = await escrow.call<Page>('GET', '/v1/escrows?status=HELD&limit=2');
    expect(first.status).toBe(200);
    expect(first.body.escrows.map((e) => e.escrowId)).toEqual([made[2], made[1]]);
    expect(first.body.next).toBe(made[1]);
    const second = await escrow.call<Page>(
      'GET',
      `/v1/escrows?status=HELD&limit=2&after=${first.body.next ?? ''}`,
    );
    expect(second.body.escrows[0]?.escrowId).toBe(made[0]);
    expect(second.body.escrows.every((e) => e.status === 'HELD')).toBe(true);
    // Another tenant's list holds none of them.
    const other = await escrow.call<Page>(
      'GET',
      '/v1/escrows?status=HELD',
      undefined,
      ESCROW_TEST_KEYS.otherClient,
    );
    expect(other.body.escrows.filter((e) => made.includes(e.escrowId))).toEqual([]);
    // Every status at once (no filter) is newest first too: ordered by heldAt, not by a
    // descending scan of the key alone, which Firestore refuses without a filter.
    const all = await escrow.call<Page>('GET', '/v1/escrows?limit=2');
    expect(all.status).toBe(200);
    expect(all.body.escrows.map((e) => e.escrowId)).toEqual([made[2], made[1]]);
    const unknownCursor = await escrow.call<Page>(
      'GET',
      '/v1/escrows?after=00000000-0000-7000-8000-000000000000',
    );
    expect(unknownCursor.body).toEqual({ escrows: [], next: null });
    const bad = await escrow.call('GET', '/v1/escrows?status=PAUSED');
    expect(bad.status).toBe(400);
  });

  it('keeps another tenant out: its key sees no escrow', async () => {
    const { escrow: held } = await heldPayment(quiet);
    const res = await escrow.call(
      'GET',
      `/v1/escrows/${held.escrowId}`,
      undefined,
      ESCROW_TEST_KEYS.otherClient,
    );
    expect(res.status).toBe(404);
    expect(res.contentType).toContain('application/problem+json');
    for (const path of ['deliveries', 'verifications']) {
      const probe = await escrow.call(
        path === 'deliveries' ? 'GET' : 'POST',
        `/v1/escrows/${held.escrowId}/${path}`,
        path === 'deliveries'
          ? undefined
          : { method: 'BRANCH', result: 'PASSED', operator: 'x', reference: 'y' },
        ESCROW_TEST_KEYS.otherClient,
      );
      expect(probe.status).toBe(404);
    }
    const risk = await quiet.call('GET', `/v1/escrows/${held.escrowId}`, undefined, {
      authorization: `Bearer ${OTHER_KEY}`,
    });
    expect(risk.status).toBe(404);
  });
});

describe('an outcome that beats the decision event', () => {
  it('finds the hold (written with the decision), and the late event changes nothing', async () => {
    const decision = await heldPayment(quiet);
    const { escrowId } = decision.escrow;
    const outcome: OutcomeEvent = {
      decisionId: decision.decisionId,
      tenantId: 'bank',
      status: 'CONFIRMED_LEGITIMATE',
      method: null,
      completedAt: clock.now().getTime() * 1000,
      createdAt: clock.now().getTime() * 1000,
      attempts: 0,
      sends: 0,
      schemaVersion: 2,
      source: 'BANK',
      reportedBy: 'analyst-7',
      reference: null,
    };
    await outcomes.publish(outcome);
    const released = await receiver.waitFor(
      (d) => d.type === 'escrow.released' && d.transactionId === decision.transactionId,
    );
    expect(JSON.parse(released.body)).toMatchObject({ data: { cause: 'CONFIRMED_LEGITIMATE' } });

    // Minutes later the decision event arrives (twice: Pub/Sub redelivers).
    const event = eventOf(await recordOf(decision.decisionId));
    expect(await push('decisions', pushBody(event, { escrowHeld: 'true' }))).toBeLessThan(300);
    expect(await push('decisions', pushBody(event, { escrowHeld: 'true' }))).toBeLessThan(300);
    const log = await escrow.call<Deliveries>('GET', `/v1/escrows/${escrowId}/deliveries`);
    expect(log.body.deliveries.map((d) => [d.type, d.sequence])).toEqual([
      ['escrow.held', 1],
      ['escrow.released', 2],
    ]);
    const state = await escrow.call<EscrowBody>('GET', `/v1/escrows/${escrowId}`);
    expect(state.body.status).toBe('RELEASED');
  });

  it('creates a hold its decision’s commit did not write (records from before holds were kept)', async () => {
    const decision = await heldPayment(quiet);
    const { escrowId } = decision.escrow;
    await db.doc(`tenants/bank/escrows/${escrowId}`).delete();
    const event = eventOf(await recordOf(decision.decisionId));
    expect(await push('decisions', pushBody(event, { escrowHeld: 'true' }))).toBeLessThan(300);
    const made = await escrow.call<EscrowBody & { rules: { release: string } }>(
      'GET',
      `/v1/escrows/${escrowId}`,
    );
    expect(made.body).toMatchObject({ status: 'HELD', rules: { release: 'VERIFICATION' } });
    const log = await escrow.call<Deliveries>('GET', `/v1/escrows/${escrowId}/deliveries`);
    expect(log.body.deliveries.map((d) => d.type)).toEqual(['escrow.held']);
  });

  it('makes one hold of a decision event delivered twice', async () => {
    const decision = await heldPayment(quiet);
    const event = eventOf(await recordOf(decision.decisionId));
    const body = pushBody(event, { escrowHeld: 'true' });
    const codes = await Promise.all([push('decisions', body), push('decisions', body)]);
    expect(codes.every((c) => c < 300)).toBe(true);
    const log = await escrow.call<Deliveries>(
      'GET',
      `/v1/escrows/${decision.escrow.escrowId}/deliveries`,
    );
    expect(log.body.deliveries.map((d) => d.type)).toEqual(['escrow.held']);
  });
});

describe('a held payment with an in-app step-up', () => {
  it('is released when the auth service publishes the step-up PASSED', async () => {
    const decision = await heldPayment(quiet);
    const outcome: OutcomeEvent = {
      decisionId: decision.decisionId,
      tenantId: 'bank',
      status: 'PASSED',
      method: 'WEBAUTHN',
      completedAt: clock.now().getTime() * 1000,
      createdAt: clock.now().getTime() * 1000,
      attempts: 0,
      sends: 0,
      schemaVersion: 2,
      source: 'AUTH',
      reportedBy: null,
      reference: null,
    };
    await outcomes.publish(outcome);
    const released = await receiver.waitFor(
      (d) => d.type === 'escrow.released' && d.transactionId === decision.transactionId,
    );
    expect(JSON.parse(released.body)).toMatchObject({ data: { cause: 'STEP_UP_PASSED' } });
  });
});

describe('a tenant whose policy wants a clean telco signal as well', () => {
  it('keeps a verified hold until the signal is fresh and clean, then the sweep releases it', async () => {
    const { version: _v, ...doc } = DEFAULT_POLICY;
    const put = await quiet.call(
      'PUT',
      '/v1/policy',
      { policy: { ...doc, escrow: { ...doc.escrow, release: 'VERIFICATION_AND_CLEAN_SIGNAL' } } },
      { authorization: `Bearer ${OTHER_ADMIN_KEY}`, 'if-match': '"0"' },
    );
    expect(put.status).toBe(200);
    const carol = { ...bobProfile(), phoneNumber: '+27821230004' };
    await quiet.call('PUT', '/v1/users/carol', carol, { authorization: `Bearer ${OTHER_KEY}` });
    const res = await quiet.call<Decision>(
      'POST',
      '/v1/assess-payment',
      bobPays({ userId: 'carol', phoneNumber: carol.phoneNumber }),
      { authorization: `Bearer ${OTHER_KEY}` },
    );
    const escrowId = res.body.escrow?.escrowId ?? '';
    const other = ESCROW_TEST_KEYS.otherClient;
    const verified = await escrow.call<EscrowBody & { rules: { release: string } }>(
      'POST',
      `/v1/escrows/${escrowId}/verifications`,
      { method: 'CALL_CENTRE', result: 'PASSED', operator: 'cc-agent-9', reference: 'CALL-7' },
      other,
    );
    // The hold keeps the rule of the policy that made it; no signal yet, so it waits.
    expect(verified.body).toMatchObject({
      status: 'HELD',
      rules: { release: 'VERIFICATION_AND_CLEAN_SIGNAL' },
      verifications: [expect.objectContaining({ result: 'PASSED' })],
    });
    expect((await escrow.service.sweep()).releasedOnSignal).toBe(0);
    // The operator answers at last: no swap, checked just now.
    await new FirestoreRiskStateStore(db).putSimSwapSignal({
      phoneNumber: carol.phoneNumber,
      lastSwapAt: null,
      checkedAt: clock.now(),
      source: 'camara',
    });
    expect((await escrow.service.sweep()).releasedOnSignal).toBe(1);
    const after = await escrow.call<EscrowBody>('GET', `/v1/escrows/${escrowId}`, undefined, other);
    expect(after.body).toMatchObject({
      status: 'RELEASED',
      settlement: { cause: 'VERIFIED_AND_SIGNAL_CLEAN', by: null },
    });
  });
});

describe('confirmed fraud and expiry', () => {
  it('reverses a hold when the bank reports CONFIRMED_FRAUD', async () => {
    const decision = await heldPayment(published);
    const report = await published.call(
      'POST',
      `/v1/decisions/${decision.decisionId}/outcome`,
      {
        outcome: 'CONFIRMED_FRAUD',
        reportedBy: 'fraud-analyst-3',
        reference: 'CASE-991',
      },
      { authorization: `Bearer ${API_KEY}` },
    );
    expect(report.status).toBe(201);
    const reversed = await receiver.waitFor(
      (d) => d.type === 'escrow.reversed' && d.transactionId === decision.transactionId,
    );
    expect(JSON.parse(reversed.body)).toMatchObject({ data: { cause: 'CONFIRMED_FRAUD' } });
  });

  it('expires a hold nobody verified once releaseBy passes: the payment was never sent', async () => {
    const decision = await heldPayment(quiet);
    const { escrowId } = decision.escrow;
    clock.advance(24 * HOUR);
    const sweep = await fetch(`${escrow.baseUrl}/internal/sweep`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ESCROW_TEST_SWEEP_TOKEN}` },
    });
    expect(sweep.status).toBe(200);
    const report = (await sweep.json()) as { expired: number };
    expect(report.expired).toBeGreaterThanOrEqual(1);
    const state = await escrow.call<EscrowBody>('GET', `/v1/escrows/${escrowId}`);
    expect(state.body).toMatchObject({ status: 'EXPIRED', settlement: { cause: 'HOLD_EXPIRED' } });
    await receiver.waitFor(
      (d) => d.type === 'escrow.expired' && d.transactionId === decision.transactionId,
    );
    // Ended is ended: an admin can neither release nor reverse it now.
    const late = await escrow.call(
      'POST',
      `/v1/escrows/${escrowId}/release`,
      { by: 'ops-lead' },
      ESCROW_TEST_KEYS.admin,
    );
    expect(late).toMatchObject({ status: 409, body: { code: 'ESCROW.NOT_HELD' } });
  });

  it('lets only an admin key release or reverse by hand', async () => {
    const { escrow: held } = await heldPayment(quiet);
    const asClient = await escrow.call('POST', `/v1/escrows/${held.escrowId}/reverse`, {
      by: 'someone',
    });
    expect(asClient).toMatchObject({ status: 403, body: { code: 'AUTH.FORBIDDEN' } });
    const asAdmin = await escrow.call<EscrowBody>(
      'POST',
      `/v1/escrows/${held.escrowId}/reverse`,
      { by: 'ops-lead' },
      ESCROW_TEST_KEYS.admin,
    );
    expect(asAdmin.body).toMatchObject({
      status: 'REVERSED',
      settlement: { cause: 'ADMIN_REVERSE', by: 'ops-lead' },
    });
    expect(ADMIN_KEY).not.toBe(ESCROW_TEST_KEYS.admin);
  });
});

describe('bad input', () => {
  it('sends an unreadable decision event to the dead letters and keeps serving', async () => {
    const dead = pullUntil(
      deadLetters,
      (m) => m.attributes['deadLetterSource'] === 'risk-decisions',
    );
    expect(await push('decisions', pushBody('{not json', { escrowHeld: 'true' }))).toBeLessThan(
      300,
    );
    const letter = await dead;
    expect(letter.data.toString('utf8')).toBe('{not json');
    expect(letter.attributes['deadLetterReason']).toBeTruthy();
    expect(escrowTestLogs).toContainEqual(
      expect.objectContaining({ message: 'unreadable message dead-lettered' }),
    );
    // Not a crash loop: the next good event is served.
    const decision = await heldPayment(quiet);
    const event = eventOf(await recordOf(decision.decisionId));
    expect(await push('decisions', pushBody(event, { escrowHeld: 'true' }))).toBeLessThan(300);
    const state = await escrow.call<Deliveries>(
      'GET',
      `/v1/escrows/${decision.escrow.escrowId}/deliveries`,
    );
    expect(state.body.deliveries.map((d) => d.type)).toEqual(['escrow.held']);
  });

  it('answers an invalid verification with problem+json naming the fields', async () => {
    const { escrow: held } = await heldPayment(quiet);
    const res = await escrow.call<{ code: string; errors: { path: string }[] }>(
      'POST',
      `/v1/escrows/${held.escrowId}/verifications`,
      { method: 'TELEPATHY', result: 'PASSED', operator: '' },
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('REQUEST.INVALID_BODY');
    expect(res.body.errors.map((e) => e.path).sort()).toEqual(['method', 'operator', 'reference']);
  });
});

describe('webhook delivery when the payment stack is down', () => {
  it('retries with the same webhook-id: refused, then 500 three times, then 200 — delivered once', async () => {
    const decision = await heldPayment(quiet);
    const { escrowId } = decision.escrow;
    const tx = decision.transactionId;
    const served = receiver.deliveries.length;
    // Announced while the receiver is up.
    await escrow.service.onDecision({
      tenantId: 'bank',
      decisionId: decision.decisionId,
      escrowHeld: true,
    });
    await receiver.waitFor((d) => d.type === 'escrow.held' && d.transactionId === tx);

    proxy.setMode({ kind: 'refuse' });
    const released = await escrow.call<EscrowBody>(
      'POST',
      `/v1/escrows/${escrowId}/release`,
      { by: 'ops-lead' },
      ESCROW_TEST_KEYS.admin,
    );
    expect(released.body.status).toBe('RELEASED');
    proxy.setMode({ kind: 'pass' });
    const failFrom = served + 2;
    respond = (n) => (n >= failFrom && n < failFrom + 3 ? 500 : 200);
    try {
      // The schedule with random 0.5 (no jitter): 5 s, 5 min, 30 min, 2 h.
      for (const step of [5_000, 300_000, 1_800_000, 7_200_000]) {
        clock.advance(step);
        await escrow.service.sweep();
      }
    } finally {
      respond = () => 200;
    }
    const mine = receiver.deliveries.filter(
      (d) => d.transactionId === tx && d.type === 'escrow.released',
    );
    expect(mine.map((d) => d.status)).toEqual([500, 500, 500, 200]);
    expect(new Set(mine.map((d) => d.id))).toEqual(new Set([`${escrowId}.2`]));
    expect(mine.every((d) => d.verified)).toBe(true);
    expect(new Set(mine.map((d) => d.body)).size).toBe(1);
    const log = await escrow.call<Deliveries>('GET', `/v1/escrows/${escrowId}/deliveries`);
    const terminal = log.body.deliveries.find((d) => d.type === 'escrow.released');
    expect(terminal?.webhook.status).toBe('DELIVERED');
    expect(terminal?.webhook.attempts.map((a) => a.status)).toEqual([null, 500, 500, 500, 200]);
  });

  it('dead-letters a delivery after the last attempt (about three days)', async () => {
    const decision = await heldPayment(quiet);
    const { escrowId } = decision.escrow;
    respond = () => 503;
    try {
      await escrow.call(
        'POST',
        `/v1/escrows/${escrowId}/reverse`,
        { by: 'ops-lead' },
        ESCROW_TEST_KEYS.admin,
      );
      // Ten attempts in all: the first, then nine after 5 s … 24 h.
      for (const step of [5e3, 3e5, 18e5, 72e5, 18e6, 36e6, 504e5, 72e6, 864e5]) {
        clock.advance(step);
        await escrow.service.sweep();
      }
    } finally {
      respond = () => 200;
    }
    const log = await escrow.call<Deliveries>('GET', `/v1/escrows/${escrowId}/deliveries`);
    for (const d of log.body.deliveries) {
      expect(d.webhook.status).toBe('DEAD');
      expect(d.webhook.attempts).toHaveLength(10);
    }
    // Dead letters stay readable through the API and were still published on the topic.
    expect(log.body.deliveries.every((d) => d.publishedAt !== null)).toBe(true);
  });
});

describe('racing release, reverse and expiry from separate clients', () => {
  it('ends each of 100 holds exactly once, with exactly one terminal webhook each', async () => {
    const holds: { escrowId: string; transactionId: string }[] = [];
    for (let i = 0; i < 100; i++) {
      const d = await heldPayment(quiet);
      holds.push({ escrowId: d.escrow.escrowId, transactionId: d.transactionId });
    }
    // Three more escrow instances, each with its own Firestore client (own channel, own
    // transactions), as three Cloud Run instances would be.
    const clients = [1, 2, 3].map(
      () => new Firestore({ ...firestoreSettings({ projectId }), ignoreUndefinedProperties: true }),
    );
    const [a, b, c] = clients.map(
      (client) =>
        composeTestEscrow({ db: client, pubsub, projectId, clock, webhooks: webhooks() }).service,
    );
    if (a === undefined || b === undefined || c === undefined) {
      throw new Error('three services');
    }
    clock.advance(25 * HOUR);
    const attempt = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        () => 'lost',
      );
    await Promise.all([
      ...holds.flatMap((h) => [
        attempt(a.decide('bank', h.escrowId, 'RELEASE', 'ops-a')),
        attempt(b.decide('bank', h.escrowId, 'REVERSE', 'ops-b')),
      ]),
      c.sweep(),
    ]);
    await a.sweep();
    const statuses = await Promise.all(
      holds.map(
        async (h) => (await escrow.call<EscrowBody>('GET', `/v1/escrows/${h.escrowId}`)).body,
      ),
    );
    expect(statuses.every((s) => ['RELEASED', 'REVERSED', 'EXPIRED'].includes(s.status))).toBe(
      true,
    );
    const ids = new Set(holds.map((h) => h.transactionId));
    const terminal = (d: { type: string | null; transactionId: string | null }) =>
      d.type !== 'escrow.held' && d.transactionId !== null && ids.has(d.transactionId);
    await Promise.all(
      holds.map((h) => receiver.waitFor((d) => terminal(d) && d.transactionId === h.transactionId)),
    );
    const perHold = new Map<string, Set<string>>();
    for (const d of receiver.deliveries.filter(terminal)) {
      const key = d.transactionId ?? '';
      perHold.set(key, (perHold.get(key) ?? new Set()).add(`${d.id ?? ''}|${d.type ?? ''}`));
    }
    expect(perHold.size).toBe(100);
    for (const [tx, seen] of perHold) {
      expect([tx, seen.size]).toEqual([tx, 1]);
    }
    // Each terminal webhook arrived exactly once (the delivery lease keeps workers apart).
    const counts = receiver.deliveries.filter(terminal).length;
    expect(counts).toBe(100);
    // And it agrees with the state: the webhook's type is the escrow's end.
    holds.forEach((h, i) => {
      const d = receiver.deliveries.find((x) => terminal(x) && x.transactionId === h.transactionId);
      expect(d?.type).toBe(`escrow.${statuses[i]?.status.toLowerCase() ?? ''}`);
    });
    await Promise.all(clients.map((client) => client.terminate()));
  });
});
