import { afterEach, describe, expect, it } from 'vitest';
import { startSink } from '../testing/http-sink.ts';
import { specValidators } from '../testing/openapi.ts';
import { HOUR, settableClock, T0, testSimulator } from '../testing/simulator-harness.ts';
import { fetchSender } from './event-sender.ts';

// Subscriptions end to end over real HTTP: the simulator POSTs CloudEvents to a node:http sink on
// 127.0.0.1 (plain http to loopback: local mode). Events are validated against the yaml.

const spec = specValidators('sim-swap-subscriptions.yaml');
const isSwapped = spec.schema('EventSimSwap');
const isEnded = spec.schema('EventSubscriptionEnded');
const BASE = '/sim-swap-subscriptions/v0.3/subscriptions';
const SWAPPED = 'org.camaraproject.sim-swap-subscriptions.v0.swapped';
const ENDED = 'org.camaraproject.sim-swap-subscriptions.v0.subscription-ended';
const PHONE = '+27821234567';
const SINK_TOKEN = 'sink-bearer-token-1';

const sinks: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(sinks.splice(0).map((s) => s.close()));
});

async function setup(
  sinkOpts: Parameters<typeof startSink>[0] = {},
  config: Record<string, unknown> = {},
  token?: (t: ReturnType<typeof testSimulator>) => Promise<string>,
) {
  const sink = await startSink(sinkOpts);
  sinks.push(sink);
  // The real sender, counted: fake time may move only while no POST is in flight.
  const clock = settableClock();
  const real = fetchSender(2_000, clock);
  const sending = { count: 0 };
  const t = testSimulator({
    clock,
    send: async (url, init) => {
      sending.count++;
      try {
        return await real(url, init);
      } finally {
        sending.count--;
      }
    },
  });
  await t.putNumber(PHONE);
  const bearer = token === undefined ? undefined : await token(t);
  const created = await t.call('POST', BASE, {
    ...(bearer === undefined ? {} : { token: bearer }),
    body: {
      protocol: 'HTTP',
      sink: sink.url,
      sinkCredential: {
        credentialType: 'ACCESSTOKEN',
        accessToken: SINK_TOKEN,
        accessTokenExpiresUtc: new Date(T0.getTime() + 24 * HOUR).toISOString(),
        accessTokenType: 'bearer',
      },
      types: [SWAPPED],
      config: {
        subscriptionDetail: bearer === undefined ? { phoneNumber: PHONE } : {},
        ...config,
      },
    },
  });
  expect(created.status).toBe(201);
  const id = (created.body as { id: string }).id;
  const swap = (hoursAgo: number) => t.putNumber(PHONE, { swappedHoursAgo: hoursAgo });
  return { t, sink, id, swap, sending };
}

describe('SIM swap subscriptions over HTTP', () => {
  it('delivers a swapped CloudEvent with the sink bearer when the demo swaps the SIM', async () => {
    const { t, sink, id, swap } = await setup();
    const answer = await swap(0.5);
    expect(answer).toMatchObject({ notifiedSubscriptions: 1 });
    const [request] = await sink.waitFor(1);
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/camara/events');
    expect(request?.headers['authorization']).toBe(`Bearer ${SINK_TOKEN}`);
    expect(request?.headers['content-type']).toBe('application/cloudevents+json');
    expect(isSwapped(request?.body), spec.errors(isSwapped)).toBe(true);
    expect(request?.body).toEqual({
      id: expect.any(String) as unknown,
      source: 'urn:sentinel:camara-simulator',
      type: SWAPPED,
      specversion: '1.0',
      datacontenttype: 'application/json',
      time: new Date(T0.getTime() - 0.5 * HOUR).toISOString(),
      data: { subscriptionId: id, phoneNumber: PHONE },
    });
    expect(request?.headers['x-correlator']).toBe((request?.body as { id: string }).id);
    await t.sim.subscriptions.idle();
  });

  it('keeps the number out of events of a 3-legged subscription', async () => {
    const { sink, id, swap } = await setup({}, {}, (t) => t.issueToken({ phoneNumber: PHONE }));
    await swap(1);
    const [request] = await sink.waitFor(1);
    expect(isSwapped(request?.body), spec.errors(isSwapped)).toBe(true);
    expect((request?.body as { data: unknown }).data).toEqual({ subscriptionId: id });
  });

  it('does not notify when the latest SIM change stays the same', async () => {
    const { t, sink } = await setup();
    const answer = await t.putNumber(PHONE, { serviceApplicable: true });
    expect(answer).toMatchObject({ notifiedSubscriptions: 0 });
    await t.sim.subscriptions.idle();
    expect(sink.received).toHaveLength(0);
  });

  it('ends at subscriptionMaxEvents: two swapped, then subscription-ended MAX_EVENTS_REACHED', async () => {
    const { t, sink, id, swap } = await setup({}, { subscriptionMaxEvents: 2 });
    await swap(3);
    await swap(2);
    expect(await swap(1)).toMatchObject({ notifiedSubscriptions: 0 });
    const received = await sink.waitFor(3);
    await t.sim.subscriptions.idle();
    expect(received.map((r) => (r.body as { type: string }).type)).toEqual([
      SWAPPED,
      SWAPPED,
      ENDED,
    ]);
    expect(isEnded(received[2]?.body), spec.errors(isEnded)).toBe(true);
    expect((received[2]?.body as { data: unknown }).data).toEqual({
      subscriptionId: id,
      terminationReason: 'MAX_EVENTS_REACHED',
      terminationDescription: expect.any(String) as unknown,
    });
    expect((await t.call('GET', `${BASE}/${id}`)).status).toBe(404);
    expect(sink.received).toHaveLength(3);
  });

  it('ends at subscriptionExpireTime on the next sweep (SUBSCRIPTION_EXPIRED)', async () => {
    const expire = new Date(T0.getTime() + HOUR).toISOString();
    const { t, sink, id } = await setup({}, { subscriptionExpireTime: expire });
    expect(await t.sim.subscriptions.sweep()).toBe(0);
    t.clock.advance(HOUR);
    expect((await t.call('GET', `${BASE}/${id}`)).body).toMatchObject({ status: 'EXPIRED' });
    expect(await t.sim.subscriptions.sweep()).toBe(1);
    const [request] = await sink.waitFor(1);
    expect(isEnded(request?.body), spec.errors(isEnded)).toBe(true);
    expect(request?.body).toMatchObject({
      type: ENDED,
      time: expire,
      data: { subscriptionId: id, terminationReason: 'SUBSCRIPTION_EXPIRED' },
    });
    expect(await t.sim.subscriptions.sweep()).toBe(0);
  });

  it('ends an expired subscription instead of notifying it when a swap comes first', async () => {
    const expire = new Date(T0.getTime() + HOUR).toISOString();
    const { t, sink, swap } = await setup({}, { subscriptionExpireTime: expire });
    t.clock.advance(2 * HOUR);
    expect(await swap(0)).toMatchObject({ notifiedSubscriptions: 0 });
    const [request] = await sink.waitFor(1);
    expect(request?.body).toMatchObject({ data: { terminationReason: 'SUBSCRIPTION_EXPIRED' } });
  });

  it('announces ACCESS_TOKEN_EXPIRED shortly before the sink token expires, with that token', async () => {
    const { t, sink, id } = await setup();
    t.clock.advance(24 * HOUR - 61_000);
    expect(await t.sim.subscriptions.sweep()).toBe(0);
    t.clock.advance(1_000);
    expect(await t.sim.subscriptions.sweep()).toBe(1);
    const [request] = await sink.waitFor(1);
    expect(request?.headers['authorization']).toBe(`Bearer ${SINK_TOKEN}`);
    expect(request?.body).toMatchObject({
      data: { subscriptionId: id, terminationReason: 'ACCESS_TOKEN_EXPIRED' },
    });
  });

  it('announces SUBSCRIPTION_DELETED after a delete', async () => {
    const { t, sink, id } = await setup();
    expect((await t.call('DELETE', `${BASE}/${id}`)).status).toBe(204);
    const [request] = await sink.waitFor(1);
    expect(isEnded(request?.body), spec.errors(isEnded)).toBe(true);
    expect(request?.body).toMatchObject({
      data: { subscriptionId: id, terminationReason: 'SUBSCRIPTION_DELETED' },
    });
  });

  it('retries a sink that fails, with the same event', async () => {
    const { t, sink, swap, sending } = await setup({ statuses: [503, 500] });
    await swap(1);
    // The backoffs wait on the simulator's fake clock: move it to each one in turn.
    const received = await t.clock.drive(sink.waitFor(3), () => sending.count === 0);
    await t.sim.subscriptions.idle();
    expect(new Set(received.map((r) => (r.body as { id: string }).id)).size).toBe(1);
    expect(sink.received).toHaveLength(3);
  });

  it('drops the subscription when the sink answers 410 GONE, without a goodbye', async () => {
    const { t, sink, id, swap } = await setup({ statuses: [410] });
    await swap(1);
    await sink.waitFor(1);
    await t.sim.subscriptions.idle();
    expect((await t.call('GET', `${BASE}/${id}`)).status).toBe(404);
    expect(sink.received).toHaveLength(1);
  });

  it('answers the demo PUT without waiting for a slow sink', async () => {
    // The sink holds its answer until released: a PUT that waited for the delivery would hang.
    const { t, sink, swap } = await setup({ hold: true });
    await swap(1);
    await sink.waitFor(1);
    let idle = false;
    const delivered = t.sim.subscriptions.idle().then(() => (idle = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(idle).toBe(false); // the delivery still waits for the sink
    sink.release();
    await delivered;
  });
});
