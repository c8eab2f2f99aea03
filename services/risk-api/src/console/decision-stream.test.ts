import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPseudonymiser, toDecisionEvent } from '@sentinel/contracts';
import { aDecisionRecord } from '@sentinel/contracts/testing';
import {
  ADMIN_KEY,
  API_KEY,
  OTHER_ADMIN_KEY,
  OTHER_KEY,
  PLATFORM_KEY,
  TENANT,
  alicePayment,
  memoryAdapters,
  testApi,
} from '../testing/harness.ts';
import { FEED_DEFAULTS } from './feed-hub.ts';
import { memoryFeedSource } from './feed-source.ts';
import { sseReader } from './testing/sse-reader.ts';

const STREAM = '/v1/console/decisions/stream';
const running: { stop(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((api) => api.stop()));
});

/** A started risk-api on memory adapters whose feed comes from the in-process publishers. */
async function feedApi() {
  const base = memoryAdapters();
  const adapters = {
    ...base,
    consoleFeed: memoryFeedSource({ decisions: base.publisher, outcomes: base.outcomePublisher }),
  };
  const t = testApi({ adapters });
  await t.api.start();
  running.push(t.api);
  const open = async (key: string, headers: Record<string, string> = {}) => {
    const res = await t.api.app.request(STREAM, {
      headers: { authorization: `Bearer ${key}`, ...headers },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    return sseReader(res.body as ReadableStream<Uint8Array>);
  };
  const assess = async (key: string) => {
    const payment = alicePayment();
    const res = await t.call<{ decisionId: string }>('POST', '/v1/assess-payment', payment, {
      authorization: `Bearer ${key}`,
    });
    expect(res.status).toBe(200);
    return { transactionId: payment.transactionId, decisionId: res.body.decisionId };
  };
  return { ...t, adapters, open, assess };
}

describe('GET /v1/console/decisions/stream (memory feed)', () => {
  it("streams a decision made through the API to its tenant's analysts only", async () => {
    const t = await feedApi();
    const bank = await t.open(ADMIN_KEY);
    const other = await t.open(OTHER_ADMIN_KEY);
    const mine = await t.assess(API_KEY);
    const theirs = await t.assess(OTHER_KEY);

    const first = await bank.nextItem();
    expect(first?.item).toMatchObject({
      type: 'decision',
      decision: {
        decisionId: mine.decisionId,
        transactionId: mine.transactionId,
        tenantId: TENANT,
      },
    });
    // The other tenant's first item is its own decision: the bank's, published before, never came.
    const otherFirst = await other.nextItem();
    expect(otherFirst?.item).toMatchObject({
      type: 'decision',
      decision: { decisionId: theirs.decisionId, tenantId: 'other' },
    });
  });

  it('refuses client keys (403) and platform keys, which belong to no tenant', async () => {
    const t = await feedApi();
    for (const key of [API_KEY, PLATFORM_KEY]) {
      const res = await t.api.app.request(STREAM, { headers: { authorization: `Bearer ${key}` } });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it('sends a step-up outcome reported later on the same stream', async () => {
    const t = await feedApi();
    const bank = await t.open(ADMIN_KEY);
    const { decisionId } = await t.assess(API_KEY);
    expect((await bank.nextItem())?.item.type).toBe('decision');
    const report = await t.call('POST', `/v1/decisions/${decisionId}/outcome`, {
      outcome: 'CONFIRMED_FRAUD',
      reportedBy: 'analyst-1',
    });
    expect(report.status).toBe(201);
    expect((await bank.nextItem())?.item).toMatchObject({
      type: 'outcome',
      outcome: { decisionId, status: 'CONFIRMED_FRAUD', source: 'BANK', tenantId: TENANT },
    });
  });

  it('replays what a reconnecting client missed after Last-Event-ID, and says whether it all', async () => {
    const t = await feedApi();
    const first = await t.open(ADMIN_KEY);
    await t.assess(API_KEY);
    const seen = await first.nextItem();
    await first.cancel();
    const missed = [await t.assess(API_KEY), await t.assess(API_KEY)];

    const again = await t.open(ADMIN_KEY, { 'last-event-id': seen?.id ?? '' });
    expect(await again.nextEvent()).toMatchObject({
      event: 'replay',
      data: '{"complete":true}',
    });
    const replayed = [await again.nextItem(), await again.nextItem()];
    expect(replayed.map((r) => r?.item)).toMatchObject(
      missed.map((m) => ({ decision: { decisionId: m.decisionId } })),
    );

    // An id of another instance (or a restarted one) cannot be lined up: incomplete, backlog.
    const foreign = await t.open(ADMIN_KEY, { 'last-event-id': 'elsewhere.3' });
    expect(await foreign.nextEvent()).toMatchObject({
      event: 'replay',
      data: '{"complete":false}',
    });
    expect((await foreign.nextItem())?.item).toMatchObject({ type: 'decision' });
  });

  it('drops the oldest items of a client that does not read, tells it how many, keeps the newest', async () => {
    const t = await feedApi();
    const slow = await t.open(ADMIN_KEY);
    const pseudonymise = createPseudonymiser('unit-test-pseudonym-key');
    const total = FEED_DEFAULTS.queueSize + 50;
    const ids: string[] = [];
    for (let i = 0; i < total; i++) {
      const event = toDecisionEvent(aDecisionRecord({ clientId: TENANT }), pseudonymise);
      ids.push(event.decisionId);
      await t.adapters.publisher.publish(event);
    }
    const received: string[] = [];
    let dropped = 0;
    // The queue also held the stream's `retry:` preamble, the first frame to go.
    while (received.length + dropped - 1 < total) {
      const e = await slow.nextEvent();
      if (e?.event === 'dropped') {
        dropped += (JSON.parse(e.data) as { dropped: number }).dropped;
      } else if (e?.event === 'message') {
        const item = JSON.parse(e.data) as { decision: { decisionId: string } };
        received.push(item.decision.decisionId);
      } else {
        throw new Error(`unexpected ${JSON.stringify(e)}`);
      }
    }
    expect(dropped).toBe(total - FEED_DEFAULTS.queueSize + 1);
    expect(received).toEqual(ids.slice(dropped - 1));
  });

  it('sends heartbeat comments on the injected clock while idle', async () => {
    const t = await feedApi();
    const bank = await t.open(ADMIN_KEY);
    expect(await bank.next()).toEqual({ id: null, event: 'retry', data: '2000' });
    t.clock.advance(FEED_DEFAULTS.heartbeatMs);
    expect(await bank.next()).toEqual({ id: null, event: ':', data: 'heartbeat' });
  });

  it('ends every stream with a shutdown event when the instance stops', async () => {
    const t = await feedApi();
    const bank = await t.open(ADMIN_KEY);
    await t.assess(API_KEY);
    expect(t.api.feed?.clients).toBe(1);
    await t.api.stop();
    running.length = 0;
    expect((await bank.nextItem())?.item.type).toBe('decision');
    expect(await bank.nextEvent()).toMatchObject({ event: 'shutdown' });
    expect(await bank.next()).toBeNull();
  });

  it('forgets a client that disconnects over real HTTP', async () => {
    const t = await feedApi();
    const server = serve({ fetch: t.api.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const port = (server.address() as AddressInfo).port;
    const abort = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}${STREAM}`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    expect(t.api.feed?.clients).toBe(1);
    abort.abort();
    await vi.waitFor(() => {
      expect(t.api.feed?.clients).toBe(0);
    });
    await new Promise((resolve) => server.close(resolve));
  });
});
