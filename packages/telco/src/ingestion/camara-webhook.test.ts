import { MemoryRiskStateStore } from '@sentinel/store';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '@sentinel/kernel/testing';
import { recordingLogger } from '../providers/testing/recording-logger.ts';
import { MemoryEventLedger } from './adapters/memory-event-ledger.ts';
import { MemorySubscriptionRefs } from './adapters/memory-subscription-refs.ts';
import { createCamaraWebhookHandler, SUBSCRIPTION_SIGNAL_SOURCE } from './camara-webhook.ts';
import { SUBSCRIPTION_ENDED, SWAPPED } from './cloud-event.ts';
import { cloudEventKey } from './event-ledger.ts';

const TOKEN = 'sink-token-0123456789';
const NUMBER = '+27821234567';

function setUp() {
  const clock = new FakeClock();
  const store = new MemoryRiskStateStore();
  const refs = new MemorySubscriptionRefs();
  const ledger = new MemoryEventLedger();
  const logger = recordingLogger();
  const resubscribed: { phoneNumber: string; subscriptionId: string; terminationReason: string }[] =
    [];
  const handler = createCamaraWebhookHandler({
    store,
    ledger,
    refs,
    sinkTokens: [TOKEN],
    resubscribe: (phoneNumber, ended) => {
      resubscribed.push({ phoneNumber, ...ended });
      return Promise.resolve();
    },
    clock,
    logger,
  });
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    handler(
      new Request('http://sentinel.test/camara/webhook', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/cloudevents+json',
          ...headers,
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );
  return { clock, store, refs, ledger, logger, resubscribed, handler, post };
}

const swapped = (id: string, data: Record<string, unknown>, time = '2026-03-01T09:58:00Z') => ({
  id,
  source: 'https://notifications.operator.example',
  type: SWAPPED,
  specversion: '1.0',
  datacontenttype: 'application/json',
  time,
  data: { subscriptionId: 'sub-1', ...data },
});

const ended = (id: string, terminationReason: string, data: Record<string, unknown> = {}) => ({
  ...swapped(id, {}),
  type: SUBSCRIPTION_ENDED,
  data: { subscriptionId: 'sub-1', terminationReason, ...data },
});

describe('CAMARA webhook: swapped', () => {
  it('updates the signal at once and answers 204', async () => {
    const { post, store, clock } = setUp();
    const res = await post(swapped('e1', { phoneNumber: NUMBER }));
    expect(res.status).toBe(204);
    expect(await store.getSimSwapSignal(NUMBER)).toEqual({
      phoneNumber: NUMBER,
      lastSwapAt: new Date('2026-03-01T09:58:00Z'),
      checkedAt: clock.now(),
      source: SUBSCRIPTION_SIGNAL_SOURCE,
    });
  });

  it('a replay answers 204 without touching the signal', async () => {
    const { post, store } = setUp();
    await post(swapped('e1', { phoneNumber: NUMBER }));
    const marker = {
      phoneNumber: NUMBER,
      lastSwapAt: null,
      checkedAt: new Date(0),
      source: 'marker',
    };
    await store.putSimSwapSignal(marker);
    const replay = await post(swapped('e1', { phoneNumber: NUMBER }));
    expect(replay.status).toBe(204);
    expect(await store.getSimSwapSignal(NUMBER)).toEqual(marker);
  });

  it('the same id from another source is another event', async () => {
    const { post, store } = setUp();
    await post(swapped('e1', { phoneNumber: NUMBER }));
    await store.putSimSwapSignal({
      phoneNumber: NUMBER,
      lastSwapAt: null,
      checkedAt: new Date(0),
      source: 'x',
    });
    await post({ ...swapped('e1', { phoneNumber: NUMBER }), source: 'urn:other-operator' });
    expect((await store.getSimSwapSignal(NUMBER))?.source).toBe(SUBSCRIPTION_SIGNAL_SOURCE);
  });

  it('finds the number from the subscription id when the event has none', async () => {
    const { post, store, refs, clock } = setUp();
    await refs.put({ phoneNumber: NUMBER, subscriptionId: 'sub-9', createdAt: clock.now() });
    expect((await post(swapped('e2', { subscriptionId: 'sub-9' }))).status).toBe(204);
    expect((await store.getSimSwapSignal(NUMBER))?.lastSwapAt).toEqual(
      new Date('2026-03-01T09:58:00Z'),
    );
  });

  it('an event for an unknown subscription is acknowledged and logged, nothing written', async () => {
    const { post, store, logger } = setUp();
    expect((await post(swapped('e3', { subscriptionId: 'nobody' }))).status).toBe(204);
    expect(await store.getSimSwapSignal(NUMBER)).toBeNull();
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ message: 'CAMARA event for a subscription we do not know' }),
    );
  });

  it('an older event arriving late never moves the swap time backwards', async () => {
    const { post, store } = setUp();
    await post(swapped('new', { phoneNumber: NUMBER }, '2026-03-01T09:58:00Z'));
    await post(swapped('old', { phoneNumber: NUMBER }, '2026-02-20T00:00:00Z'));
    expect((await store.getSimSwapSignal(NUMBER))?.lastSwapAt).toEqual(
      new Date('2026-03-01T09:58:00Z'),
    );
  });

  it('keeps the operator window a poll recorded', async () => {
    const { post, store } = setUp();
    await store.putSimSwapSignal({
      phoneNumber: NUMBER,
      lastSwapAt: null,
      checkedAt: new Date(0),
      source: 'camara-za',
      monitoredPeriodHours: 2880,
    });
    await post(swapped('e4', { phoneNumber: NUMBER }));
    expect(await store.getSimSwapSignal(NUMBER)).toMatchObject({
      lastSwapAt: new Date('2026-03-01T09:58:00Z'),
      monitoredPeriodHours: 2880,
    });
  });

  it('a failing store answers 500 and releases the event, so the redelivery applies it', async () => {
    const { post, store } = setUp();
    store.setFault('putSimSwapSignal', new Error('down'));
    expect((await post(swapped('e5', { phoneNumber: NUMBER }))).status).toBe(500);
    store.setFault('putSimSwapSignal', null);
    expect((await post(swapped('e5', { phoneNumber: NUMBER }))).status).toBe(204);
    expect(await store.getSimSwapSignal(NUMBER)).not.toBeNull();
  });

  it('a delivery racing another of the same event is told to retry', async () => {
    const { post, ledger, clock } = setUp();
    await ledger.claim(cloudEventKey('https://notifications.operator.example', 'e6'), clock.now());
    const res = await post(swapped('e6', { phoneNumber: NUMBER }));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
  });
});

describe('CAMARA webhook: subscription-ended', () => {
  it.each([
    'SUBSCRIPTION_EXPIRED',
    'MAX_EVENTS_REACHED',
    'ACCESS_TOKEN_EXPIRED',
    'NETWORK_TERMINATED',
  ])('%s resubscribes the number', async (reason) => {
    const { post, resubscribed } = setUp();
    expect((await post(ended('x1', reason, { phoneNumber: NUMBER }))).status).toBe(204);
    expect(resubscribed).toEqual([
      { phoneNumber: NUMBER, subscriptionId: 'sub-1', terminationReason: reason },
    ]);
  });

  it('SUBSCRIPTION_DELETED (we unsubscribed) does not resubscribe and forgets the ref', async () => {
    const { post, resubscribed, refs, clock } = setUp();
    await refs.put({ phoneNumber: NUMBER, subscriptionId: 'sub-1', createdAt: clock.now() });
    expect((await post(ended('x2', 'SUBSCRIPTION_DELETED'))).status).toBe(204);
    expect(resubscribed).toEqual([]);
    expect(await refs.get(NUMBER)).toBeNull();
  });

  it('a resubscription that fails answers 500, so the operator redelivers', async () => {
    const handler = createCamaraWebhookHandler({
      store: new MemoryRiskStateStore(),
      ledger: new MemoryEventLedger(),
      refs: new MemorySubscriptionRefs(),
      sinkTokens: [TOKEN],
      resubscribe: () => Promise.reject(new Error('operator said no')),
      clock: new FakeClock(),
    });
    const res = await handler(
      new Request('http://x/', {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(ended('x3', 'SUBSCRIPTION_EXPIRED', { phoneNumber: NUMBER })),
      }),
    );
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ status: 500, code: 'INTERNAL', message: 'try again later' });
  });
});

describe('CAMARA webhook: refusals', () => {
  it.each<[string, Record<string, string>]>([
    ['no Authorization', { authorization: '' }],
    ['a wrong token', { authorization: 'Bearer not-the-sink-token' }],
    ['Basic instead of Bearer', { authorization: `Basic ${TOKEN}` }],
  ])('%s → 401 UNAUTHENTICATED, nothing written', async (_name, headers) => {
    const { post, store } = setUp();
    const res = await post(swapped('e1', { phoneNumber: NUMBER }), headers);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await store.getSimSwapSignal(NUMBER)).toBeNull();
  });

  it.each<[string, unknown, Record<string, string>]>([
    ['a body that is not JSON', '{"id":', {}],
    [
      'a CloudEvent without time',
      { ...swapped('e1', { phoneNumber: NUMBER }), time: undefined },
      {},
    ],
    ['a batch', [swapped('e1', { phoneNumber: NUMBER })], {}],
    ['text/plain', swapped('e1', { phoneNumber: NUMBER }), { 'content-type': 'text/plain' }],
    [
      'a malformed x-correlator',
      swapped('e1', { phoneNumber: NUMBER }),
      { 'x-correlator': 'bad correlator!' },
    ],
  ])('%s → 400 INVALID_ARGUMENT', async (_name, body, headers) => {
    const { post, store } = setUp();
    const res = await post(body, headers);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: 400, code: 'INVALID_ARGUMENT' });
    expect(await store.getSimSwapSignal(NUMBER)).toBeNull();
  });

  it('GET → 405', async () => {
    const { handler } = setUp();
    expect((await handler(new Request('http://x/', { method: 'GET' }))).status).toBe(405);
  });

  it('echoes a valid x-correlator and makes one up otherwise', async () => {
    const { post } = setUp();
    const echoed = await post(swapped('c1', { phoneNumber: NUMBER }), {
      'x-correlator': 'b4333c46-49c0:abc',
    });
    expect(echoed.headers.get('x-correlator')).toBe('b4333c46-49c0:abc');
    const made = await post(swapped('c2', { phoneNumber: NUMBER }));
    expect(made.headers.get('x-correlator')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never logs the phone number', async () => {
    const { post, logger } = setUp();
    await post(swapped('l1', { phoneNumber: NUMBER }));
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(logger.lines)).not.toContain(NUMBER);
  });
});

describe('CAMARA webhook mounted as a Hono route', () => {
  it('serves through c.req.raw', async () => {
    const { handler, store } = setUp();
    const app = new Hono().post('/camara/webhook', (c) => handler(c.req.raw));
    const res = await app.request('/camara/webhook', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/cloudevents+json' },
      body: JSON.stringify(swapped('h1', { phoneNumber: NUMBER })),
    });
    expect(res.status).toBe(204);
    expect((await store.getSimSwapSignal(NUMBER))?.source).toBe(SUBSCRIPTION_SIGNAL_SOURCE);
  });
});
