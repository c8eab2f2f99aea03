import { afterEach, describe, expect, it } from 'vitest';
import { staticTokenSource } from '../providers/camara/access-token-source.ts';
import { camaraSubscriptionsClient } from '../providers/camara/camara-subscriptions-client.ts';
import { FakeClock } from '@sentinel/kernel/testing';
import {
  startLoopbackServer,
  type LoopbackServer,
  type Reply,
} from '../providers/testing/loopback-server.ts';
import { MemorySubscriptionRefs } from './adapters/memory-subscription-refs.ts';
import { createSubscriptionManager } from './subscription-manager.ts';

const NUMBER = '+27821234567';
const SINK = 'https://sentinel.example/camara/webhook';
const BASE = '/sim-swap-subscriptions/v0.3/subscriptions';
let server: LoopbackServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Stored {
  id: string;
  phoneNumber: string;
  sink: string;
}

/** A CAMARA subscriptions API at the HTTP boundary; `override` can answer a request instead. */
async function setUp(override?: (method: string, path: string) => Reply | undefined) {
  const subscriptions = new Map<string, Stored>();
  let next = 1;
  server = await startLoopbackServer((request) => {
    const custom = override?.(request.method, request.path);
    if (custom !== undefined) {
      return custom;
    }
    if (request.method === 'POST' && request.path === BASE) {
      const body = JSON.parse(request.body) as {
        sink: string;
        config: { subscriptionDetail: { phoneNumber: string } };
      };
      const id = `sub-${next++}`;
      const phoneNumber = body.config.subscriptionDetail.phoneNumber;
      subscriptions.set(id, { id, phoneNumber, sink: body.sink });
      return {
        status: 201,
        body: {
          id,
          protocol: 'HTTP',
          sink: body.sink,
          types: ['org.camaraproject.sim-swap-subscriptions.v0.swapped'],
          config: { subscriptionDetail: { phoneNumber } },
          startsAt: '2026-03-01T10:00:00Z',
          expiresAt: '2026-04-01T10:00:00Z',
          status: 'ACTIVE',
        },
      };
    }
    if (request.method === 'GET' && request.path === BASE) {
      return {
        status: 200,
        body: [...subscriptions.values()].map((s) => ({
          id: s.id,
          protocol: 'HTTP',
          sink: s.sink,
          types: ['org.camaraproject.sim-swap-subscriptions.v0.swapped'],
          config: { subscriptionDetail: { phoneNumber: s.phoneNumber } },
        })),
      };
    }
    const id = request.path.slice(BASE.length + 1);
    if (request.method === 'DELETE' && subscriptions.delete(id)) {
      return { status: 204 };
    }
    return { status: 404, body: { status: 404, code: 'NOT_FOUND', message: '' } };
  });
  const clock = new FakeClock();
  const refs = new MemorySubscriptionRefs();
  const manager = createSubscriptionManager({
    client: camaraSubscriptionsClient({
      baseUrl: `${server.url}/sim-swap-subscriptions/v0.3`,
      tokens: staticTokenSource('subs-token'),
      clock,
    }),
    refs,
    sinkUrl: SINK,
    sinkToken: 'sink-token-0123456789',
    sinkTokenTtlMs: 30 * 86_400_000,
    clock,
  });
  return { manager, refs, subscriptions, server, clock };
}

describe('createSubscriptionManager', () => {
  it('subscribes with the sink, an ACCESSTOKEN credential and the number, and remembers the id', async () => {
    const { manager, refs, server, clock } = await setUp();
    expect(await manager.subscribe(NUMBER)).toEqual({
      ok: true,
      value: { subscriptionId: 'sub-1', created: true },
    });
    const [post] = server.requests;
    expect(post?.headers.authorization).toBe('Bearer subs-token');
    expect(JSON.parse(post?.body ?? '')).toEqual({
      protocol: 'HTTP',
      sink: SINK,
      sinkCredential: {
        credentialType: 'ACCESSTOKEN',
        accessToken: 'sink-token-0123456789',
        accessTokenExpiresUtc: '2026-03-31T10:00:00.000Z',
        accessTokenType: 'bearer',
      },
      types: ['org.camaraproject.sim-swap-subscriptions.v0.swapped'],
      config: { subscriptionDetail: { phoneNumber: NUMBER } },
    });
    expect(await refs.get(NUMBER)).toEqual({
      phoneNumber: NUMBER,
      subscriptionId: 'sub-1',
      createdAt: clock.now(),
      expiresAt: new Date('2026-04-01T10:00:00Z'),
    });
  });

  it('subscribing twice keeps the first subscription', async () => {
    const { manager, server } = await setUp();
    await manager.subscribe(NUMBER);
    expect(await manager.subscribe(NUMBER)).toEqual({
      ok: true,
      value: { subscriptionId: 'sub-1', created: false },
    });
    expect(server.requests).toHaveLength(1);
  });

  it('unsubscribes at the operator, then forgets the ref', async () => {
    const { manager, refs, subscriptions, server } = await setUp();
    await manager.subscribe(NUMBER);
    expect(await manager.unsubscribe(NUMBER)).toEqual({ ok: true, value: { existed: true } });
    expect(server.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `${BASE}/sub-1` });
    expect(subscriptions.size).toBe(0);
    expect(await refs.get(NUMBER)).toBeNull();
    expect(await manager.unsubscribe(NUMBER)).toEqual({ ok: true, value: { existed: false } });
  });

  it('a subscription the operator already dropped (404) unsubscribes cleanly', async () => {
    const { manager, refs, subscriptions } = await setUp();
    await manager.subscribe(NUMBER);
    subscriptions.clear();
    expect(await manager.unsubscribe(NUMBER)).toEqual({ ok: true, value: { existed: false } });
    expect(await refs.get(NUMBER)).toBeNull();
  });

  it('keeps the ref when the operator fails the delete, so it can be retried', async () => {
    const { manager, refs } = await setUp((method) =>
      method === 'DELETE'
        ? { status: 503, body: { status: 503, code: 'UNAVAILABLE', message: '' } }
        : undefined,
    );
    await manager.subscribe(NUMBER);
    expect(await manager.unsubscribe(NUMBER)).toMatchObject({ ok: false, reason: 'UNAVAILABLE' });
    expect(await refs.get(NUMBER)).not.toBeNull();
  });

  it('409 ALREADY_EXISTS adopts the subscription the operator has for us', async () => {
    let conflict = false;
    const { manager, refs } = await setUp((method) =>
      method === 'POST' && conflict
        ? { status: 409, body: { status: 409, code: 'ALREADY_EXISTS', message: '' } }
        : undefined,
    );
    await manager.subscribe(NUMBER);
    await refs.delete(NUMBER); // we lost track of it
    conflict = true;
    expect(await manager.subscribe(NUMBER)).toEqual({
      ok: true,
      value: { subscriptionId: 'sub-1', created: false },
    });
    expect((await refs.get(NUMBER))?.subscriptionId).toBe('sub-1');
  });

  it.each<[number, string, string]>([
    [422, 'SERVICE_NOT_APPLICABLE', 'NOT_COVERED'],
    [400, 'INVALID_SINK', 'ERROR'],
    [503, 'UNAVAILABLE', 'UNAVAILABLE'],
  ])('a refused subscription (%i %s) is %s and stores no ref', async (status, code, reason) => {
    const { manager, refs } = await setUp((method) =>
      method === 'POST' ? { status, body: { status, code, message: '' } } : undefined,
    );
    expect(await manager.subscribe(NUMBER)).toMatchObject({ ok: false, reason });
    expect(await refs.get(NUMBER)).toBeNull();
  });

  it('resubscribes when the current subscription ended', async () => {
    const { manager, refs } = await setUp();
    await manager.subscribe(NUMBER);
    await manager.resubscribe(NUMBER, {
      subscriptionId: 'sub-1',
      terminationReason: 'SUBSCRIPTION_EXPIRED',
    });
    expect((await refs.get(NUMBER))?.subscriptionId).toBe('sub-2');
  });

  it('ignores the end of a subscription that is no longer current, or of an unsubscribed number', async () => {
    const { manager, server } = await setUp();
    await manager.subscribe(NUMBER);
    await manager.resubscribe(NUMBER, {
      subscriptionId: 'sub-0',
      terminationReason: 'MAX_EVENTS_REACHED',
    });
    await manager.resubscribe('+27829999999', {
      subscriptionId: 'sub-1',
      terminationReason: 'SUBSCRIPTION_EXPIRED',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('rejects when resubscribing fails (the webhook answers 500 and gets the event again)', async () => {
    let down = false;
    const { manager, refs } = await setUp((method) =>
      method === 'POST' && down
        ? { status: 503, body: { status: 503, code: 'UNAVAILABLE', message: '' } }
        : undefined,
    );
    await manager.subscribe(NUMBER);
    down = true;
    await expect(
      manager.resubscribe(NUMBER, {
        subscriptionId: 'sub-1',
        terminationReason: 'ACCESS_TOKEN_EXPIRED',
      }),
    ).rejects.toThrow(/resubscribing failed: UNAVAILABLE/);
    expect((await refs.get(NUMBER))?.subscriptionId).toBe('sub-1');
  });
});
