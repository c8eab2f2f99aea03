import type { Logger } from '@sentinel/kernel';
import type { CloudEvent } from './cloud-events.ts';
import type { EventSender } from './event-sender.ts';

/** One event for one subscription's sink. */
export interface Delivery {
  readonly subscriptionId: string;
  readonly sink: string;
  /** `sinkCredential.accessToken`, sent as `Authorization: Bearer`. */
  readonly bearer?: string;
  /** `protocolSettings.headers`; they never replace the delivery's own headers. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly event: CloudEvent;
}

/** Delivers in the background: `enqueue` returns at once, `idle` waits until all settled. */
export interface DeliveryQueue {
  enqueue(delivery: Delivery): void;
  idle(): Promise<void>;
}

export interface DeliveryOptions {
  readonly send: EventSender;
  readonly logger: Logger;
  /** Attempts per event, the first included. */
  readonly attempts: number;
  /** Backoff before attempt n+1: baseDelayMs · 2^(n-1), plus up to baseDelayMs of jitter. */
  readonly baseDelayMs: number;
  /** Waits out a backoff (the simulator's clock: `ms => sleep(clock, ms)`). */
  readonly sleep: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** The sink answered 410 GONE: "callback no longer available" (Commonalities). */
  readonly onGone?: (subscriptionId: string) => Promise<void>;
}

const RESERVED = new Set([
  'authorization',
  'content-type',
  'content-length',
  'x-correlator',
  'host',
]);
const retryable = (status: number) => status >= 500 || status === 429 || status === 408;

function headersOf(delivery: Delivery): Record<string, string> {
  const custom = Object.entries(delivery.headers ?? {}).filter(
    ([name]) => !RESERVED.has(name.toLowerCase()),
  );
  return {
    ...Object.fromEntries(custom),
    'content-type': 'application/cloudevents+json',
    'x-correlator': delivery.event.id,
    ...(delivery.bearer === undefined ? {} : { authorization: `Bearer ${delivery.bearer}` }),
  };
}

/**
 * POSTs CloudEvents to sinks with retries and exponential backoff on network errors, timeouts,
 * 408, 429 and 5xx. Events of one subscription go out in order (a `swapped` before the
 * `subscription-ended` that follows it); different subscriptions do not wait for each other.
 */
export function createDeliveryQueue(opts: DeliveryOptions): DeliveryQueue {
  const sleep = opts.sleep;
  const random = opts.random ?? Math.random;
  const tails = new Map<string, Promise<void>>();
  const pending = new Set<Promise<void>>();

  const attempt = async (delivery: Delivery): Promise<void> => {
    const fields = { subscriptionId: delivery.subscriptionId, type: delivery.event.type };
    const init = {
      method: 'POST' as const,
      headers: headersOf(delivery),
      body: JSON.stringify(delivery.event),
    };
    for (let n = 1; n <= opts.attempts; n += 1) {
      let status: number | null = null;
      try {
        status = (await opts.send(delivery.sink, init)).status;
      } catch (error) {
        opts.logger.warn('event delivery failed', { ...fields, attempt: n, error });
      }
      if (status !== null && status >= 200 && status < 300) {
        opts.logger.debug('event delivered', { ...fields, attempt: n, status });
        return;
      }
      if (status === 410) {
        opts.logger.warn('sink is gone: ending the subscription', fields);
        await opts.onGone?.(delivery.subscriptionId);
        return;
      }
      if (status !== null && !retryable(status)) {
        opts.logger.warn('sink refused the event', { ...fields, attempt: n, status });
        return;
      }
      if (n < opts.attempts) {
        await sleep(opts.baseDelayMs * 2 ** (n - 1) + random() * opts.baseDelayMs);
      }
    }
    opts.logger.error('event not delivered: attempts exhausted', {
      ...fields,
      attempts: opts.attempts,
    });
  };

  return {
    enqueue(delivery) {
      const previous = tails.get(delivery.subscriptionId) ?? Promise.resolve();
      const next = previous
        .then(() => attempt(delivery))
        .catch((error: unknown) => {
          opts.logger.error('event delivery crashed', {
            subscriptionId: delivery.subscriptionId,
            error,
          });
        });
      tails.set(delivery.subscriptionId, next);
      pending.add(next);
      void next.finally(() => {
        pending.delete(next);
        if (tails.get(delivery.subscriptionId) === next) {
          tails.delete(delivery.subscriptionId);
        }
      });
    },
    async idle() {
      while (pending.size > 0) {
        await Promise.all(pending);
      }
    },
  };
}
