import { describe, expect, it } from 'vitest';
import { silentLogger } from '@sentinel/kernel';
import type { CloudEvent } from './cloud-events.ts';
import { createDeliveryQueue, type Delivery } from './event-delivery.ts';
import type { EventSender } from './event-sender.ts';
import { SWAPPED } from './subscription.ts';

const event = (id: string): CloudEvent => ({
  id,
  source: 'urn:test',
  type: SWAPPED,
  specversion: '1.0',
  datacontenttype: 'application/json',
  time: '2026-06-01T12:00:00.000Z',
  data: { subscriptionId: 'sub-1' },
});
const delivery = (id: string, over: Partial<Delivery> = {}): Delivery => ({
  subscriptionId: 'sub-1',
  sink: 'https://sink.example.com/events',
  event: event(id),
  ...over,
});

interface Sent {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A sender answering `answers` in order (a thrown error for `'throw'`), then 204. */
function fakeSender(answers: (number | 'throw')[] = []) {
  const sent: Sent[] = [];
  const send: EventSender = (url, init) => {
    sent.push({ url, headers: init.headers, body: init.body });
    const next = answers.shift() ?? 204;
    return next === 'throw'
      ? Promise.reject(new Error('connect ECONNREFUSED'))
      : Promise.resolve({ status: next });
  };
  return { send, sent };
}

function queue(send: EventSender, opts: { onGone?: (id: string) => Promise<void> } = {}) {
  const delays: number[] = [];
  const q = createDeliveryQueue({
    send,
    logger: silentLogger,
    attempts: 4,
    baseDelayMs: 100,
    random: () => 0.5,
    sleep: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
    ...opts,
  });
  return { q, delays };
}

describe('createDeliveryQueue', () => {
  it('POSTs the CloudEvent with its content type, x-correlator and the sink bearer', async () => {
    const { send, sent } = fakeSender();
    const { q } = queue(send);
    q.enqueue(
      delivery('e1', {
        bearer: 'sink-token',
        headers: { 'X-Tenant': 'bank', Authorization: 'Bearer forged', 'Content-Type': 'text/x' },
      }),
    );
    await q.idle();
    expect(sent).toEqual([
      {
        url: 'https://sink.example.com/events',
        headers: {
          'X-Tenant': 'bank',
          'content-type': 'application/cloudevents+json',
          'x-correlator': 'e1',
          authorization: 'Bearer sink-token',
        },
        body: JSON.stringify(event('e1')),
      },
    ]);
  });

  it('sends no Authorization without a sink credential', async () => {
    const { send, sent } = fakeSender();
    const { q } = queue(send);
    q.enqueue(delivery('e1'));
    await q.idle();
    expect(sent[0]?.headers).not.toHaveProperty('authorization');
  });

  it('retries network errors, 5xx, 429 and 408 with exponential backoff and jitter', async () => {
    const { send, sent } = fakeSender(['throw', 503, 429]);
    const { q, delays } = queue(send);
    q.enqueue(delivery('e1'));
    await q.idle();
    expect(sent).toHaveLength(4);
    expect(new Set(sent.map((s) => s.body)).size).toBe(1);
    expect(delays).toEqual([150, 250, 450]);
  });

  it('gives up after the configured attempts', async () => {
    const { send, sent } = fakeSender([500, 500, 500, 500, 500]);
    const { q, delays } = queue(send);
    q.enqueue(delivery('e1'));
    await q.idle();
    expect(sent).toHaveLength(4);
    expect(delays).toHaveLength(3);
  });

  it('does not retry a 4xx refusal', async () => {
    const { send, sent } = fakeSender([401]);
    const { q } = queue(send);
    q.enqueue(delivery('e1'));
    await q.idle();
    expect(sent).toHaveLength(1);
  });

  it('ends the subscription when the sink answers 410 GONE', async () => {
    const { send, sent } = fakeSender([410]);
    const gone: string[] = [];
    const { q } = queue(send, {
      onGone: (id) => {
        gone.push(id);
        return Promise.resolve();
      },
    });
    q.enqueue(delivery('e1'));
    await q.idle();
    expect(sent).toHaveLength(1);
    expect(gone).toEqual(['sub-1']);
  });

  it('keeps the order of one subscription while another proceeds', async () => {
    const started: string[] = [];
    const order: string[] = [];
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const send: EventSender = async (_url, init) => {
      const id = (JSON.parse(init.body) as CloudEvent).id;
      started.push(id);
      if (id === 'a1') {
        await blocked;
      }
      order.push(id);
      return { status: 204 };
    };
    const { q } = queue(send);
    q.enqueue(delivery('a1'));
    q.enqueue(delivery('a2'));
    q.enqueue(delivery('b1', { subscriptionId: 'sub-2' }));
    // Once b1 went out past the blocked a1, a2 must still be waiting behind a1.
    for (let turn = 0; !order.includes('b1'); turn++) {
      expect(turn).toBeLessThan(1_000);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(started).toEqual(['a1', 'b1']);
    expect(order).toEqual(['b1']);
    release();
    await q.idle();
    expect(order).toEqual(['b1', 'a1', 'a2']);
  });
});
