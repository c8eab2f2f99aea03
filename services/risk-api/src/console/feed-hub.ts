import type { FeedControlEvent, FeedItem } from '@sentinel/console';
import { RecentList, type Clock } from '@sentinel/kernel';
import { itemTenant } from './feed-items.ts';

/** Sizes and timings of the feed; the defaults are what the risk-api runs with. */
export interface FeedHubOptions {
  readonly clock: Pick<Clock, 'setTimer'>;
  /** This instance's id: event ids are `<instance>.<sequence>`, replayable only here. */
  readonly instance: string;
  /** Items kept for `Last-Event-ID` replay and a new client's backlog, all tenants together. */
  readonly ringSize?: number;
  /** Frames queued per client before the oldest are dropped (the client is told how many). */
  readonly queueSize?: number;
  /** A fresh connection (no `Last-Event-ID`) first gets up to this many of its tenant's items. */
  readonly backlog?: number;
  /** A comment line this often keeps proxies from closing an idle stream. */
  readonly heartbeatMs?: number;
}

export const FEED_DEFAULTS = {
  ringSize: 2_000,
  queueSize: 256,
  backlog: 200,
  heartbeatMs: 15_000,
} as const;

/** How long a browser waits before reconnecting after the stream ends (SSE `retry:`). */
const RETRY_MS = 2_000;

/**
 * A kept item. Its SSE frame is written when a client first needs it: with no analyst connected
 * (most of the time) an item costs no JSON at all — serialising every decision's frame was 2 % of
 * the in-memory risk-api's CPU under load (profiled).
 */
interface Entry {
  readonly seq: number;
  readonly tenant: string;
  readonly item: FeedItem;
  frame?: string;
}

const frameOf = (instance: string, e: Entry): string =>
  (e.frame ??= `id: ${instance}.${e.seq}\ndata: ${JSON.stringify(e.item)}\n\n`);

/** One connected client: its tenant, a bounded queue of SSE frames and a waiting reader. */
class FeedClient {
  readonly #queue: string[] = [];
  readonly #max: number;
  #dropped = 0;
  #wake: (() => void) | null = null;
  #closing = false;

  constructor(max: number) {
    this.#max = max;
  }

  get idle(): boolean {
    return this.#queue.length === 0 && this.#dropped === 0;
  }

  push(frame: string): void {
    this.#queue.push(frame);
    if (this.#queue.length > this.#max) {
      // A slow reader loses its oldest items, not the newest, and is told so.
      this.#dropped += this.#queue.length - this.#max;
      this.#queue.splice(0, this.#queue.length - this.#max);
    }
    this.#notify();
  }

  close(): void {
    this.#closing = true;
    this.#notify();
  }

  /** Everything queued as one chunk (after the drop notice), or null once closed and drained. */
  async next(): Promise<string | null> {
    while (this.idle && !this.#closing) {
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
    if (this.idle) {
      return null;
    }
    const notice = this.#dropped === 0 ? '' : control('dropped', { dropped: this.#dropped });
    this.#dropped = 0;
    return notice + this.#queue.splice(0).join('');
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }
}

function control(event: FeedControlEvent, data: Record<string, unknown>): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The analyst's live feed in one instance: one source (a Pub/Sub subscription or the in-process
 * publishers) fans out to every connected client of the item's tenant. Each client has a bounded
 * queue read at the pace of its connection (a `ReadableStream` pulled by the HTTP server); a ring
 * buffer of recent items serves `Last-Event-ID` reconnects and a new client's backlog.
 */
export function createFeedHub(opts: FeedHubOptions) {
  const ringSize = opts.ringSize ?? FEED_DEFAULTS.ringSize;
  const queueSize = opts.queueSize ?? FEED_DEFAULTS.queueSize;
  const backlog = opts.backlog ?? FEED_DEFAULTS.backlog;
  const heartbeatMs = opts.heartbeatMs ?? FEED_DEFAULTS.heartbeatMs;
  const ring = new RecentList<Entry>(ringSize);
  const clients = new Map<string, Set<FeedClient>>();
  const encoder = new TextEncoder();
  let seq = 0;
  let closed = false;
  let cancelHeartbeat: (() => void) | null = null;

  const heartbeat = () => {
    for (const set of clients.values()) {
      for (const client of set) {
        if (client.idle) {
          client.push(': heartbeat\n\n');
        }
      }
    }
    cancelHeartbeat = opts.clock.setTimer(heartbeatMs, heartbeat, { background: true });
  };

  /** The frames a client connecting with `lastEventId` gets before live items. */
  const replay = (tenant: string, lastEventId: string | undefined): string[] => {
    const kept = ring.toArray();
    const mine = (after: number) =>
      kept
        .filter((e) => e.tenant === tenant && e.seq > after)
        .map((e) => frameOf(opts.instance, e));
    if (lastEventId === undefined) {
      return mine(0).slice(-backlog);
    }
    const match = /^(.+)\.(\d+)$/.exec(lastEventId);
    if (match?.[1] !== opts.instance) {
      // Another instance's (or a restarted one's) id: nothing here lines up with it.
      return [control('replay', { complete: false }), ...mine(0).slice(-backlog)];
    }
    const after = Number(match[2]);
    const complete = (kept[0]?.seq ?? seq + 1) <= after + 1;
    return [control('replay', { complete }), ...mine(after)];
  };

  return {
    /** Keeps the item in the ring and queues it for every client of its tenant. */
    publish(item: FeedItem): void {
      if (closed) {
        return;
      }
      const tenant = itemTenant(item);
      seq += 1;
      const entry: Entry = { seq, tenant, item };
      ring.push(entry);
      for (const client of clients.get(tenant) ?? []) {
        client.push(frameOf(opts.instance, entry));
      }
    },

    /**
     * A client's SSE body: replay (or backlog), then live items of `tenant` only, read at the
     * client's pace. Ends when `signal` aborts, the reader cancels, or the hub closes.
     */
    open(tenant: string, lastEventId: string | undefined, signal?: AbortSignal) {
      const client = new FeedClient(queueSize);
      const leave = () => {
        clients.get(tenant)?.delete(client);
        client.close();
      };
      if (closed) {
        client.close();
      } else {
        const set = clients.get(tenant) ?? new Set<FeedClient>();
        clients.set(tenant, set);
        set.add(client);
        cancelHeartbeat ??= opts.clock.setTimer(heartbeatMs, heartbeat, { background: true });
        client.push(`retry: ${RETRY_MS}\n\n`);
        for (const frame of replay(tenant, lastEventId)) {
          client.push(frame);
        }
        signal?.addEventListener('abort', leave, { once: true });
      }
      let ended = false;
      return new ReadableStream<Uint8Array>(
        {
          pull: async (controller) => {
            const chunk = await client.next();
            if (chunk !== null) {
              controller.enqueue(encoder.encode(chunk));
            } else if (!ended) {
              ended = true;
              if (closed) {
                controller.enqueue(encoder.encode(control('shutdown', {})));
              }
              controller.close();
            }
          },
          cancel: leave,
        },
        // Pull only when the connection wants bytes: what it cannot take waits in the queue.
        { highWaterMark: 0 },
      );
    },

    /** Connected clients, all tenants. */
    get clients(): number {
      let n = 0;
      for (const set of clients.values()) {
        n += set.size;
      }
      return n;
    },

    /** Ends every stream (after what is queued, with a `shutdown` event) and takes no more. */
    close(): void {
      closed = true;
      cancelHeartbeat?.();
      for (const set of clients.values()) {
        for (const client of set) {
          client.close();
        }
      }
      clients.clear();
    },
  };
}

export type FeedHub = ReturnType<typeof createFeedHub>;
