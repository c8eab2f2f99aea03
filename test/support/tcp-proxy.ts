// A TCP proxy for fault tests: sits between a client (Firestore, Pub/Sub) and an emulator, and
// refuses, black-holes or slows the traffic on command while the client keeps running.
import { connect, createServer, type Socket } from 'node:net';
import { systemClock, type Clock } from '@sentinel/kernel';

/**
 * What the proxy does with traffic, switchable at any time (open connections follow the switch):
 * - `pass`: forwards both ways;
 * - `refuse`: resets new connections at once, and every open one when switched to (the client
 *   sees ECONNRESET, as from a peer that went away);
 * - `blackhole`: accepts connections and keeps them open, but nothing gets through either way (a
 *   partition: the client learns only from its own deadlines). Like TCP during a partition, bytes
 *   are held, not lost: they go through, in order, once the mode passes again;
 * - `delay`: forwards every chunk `ms` late in each direction, so a round trip costs at least
 *   2 × `ms`. Order is always kept, also across mode switches.
 */
export type ProxyMode =
  | { readonly kind: 'pass' }
  | { readonly kind: 'refuse' }
  | { readonly kind: 'blackhole' }
  | { readonly kind: 'delay'; readonly ms: number };

export interface TcpProxy {
  readonly host: string;
  readonly port: number;
  /** `127.0.0.1:PORT`, for clients that take an endpoint string. */
  readonly endpoint: string;
  readonly mode: ProxyMode;
  setMode(mode: ProxyMode): void;
  /** Connections accepted so far (in any mode). */
  readonly accepted: number;
  /** Connections open now. */
  readonly open: number;
  /** Bytes the proxy holds now (black-holed or delayed), both directions of every connection. */
  readonly held: number;
  /** Stops listening and destroys every connection. */
  close(): Promise<void>;
}

/** One direction of one connection: chunks wait here until their release time. */
interface Lane {
  readonly heldBytes: number;
  reschedule(): void;
  stop(): void;
}

interface Pair {
  readonly client: Socket;
  readonly upstream: Socket;
  readonly lanes: readonly Lane[];
}

/**
 * Starts a proxy on 127.0.0.1 (a free port) in front of `target`; delays run on `clock` (a test of
 * the proxy itself moves a FakeClock).
 */
export async function startTcpProxy(
  target: { readonly host: string; readonly port: number },
  initial: ProxyMode = { kind: 'pass' },
  opts: { readonly clock?: Pick<Clock, 'monotonicMs' | 'setTimer'> } = {},
): Promise<TcpProxy> {
  const clock = opts.clock ?? systemClock;
  let mode = initial;
  let accepted = 0;
  const pairs = new Set<Pair>();

  // When a chunk that arrives now may leave; Infinity = held until the mode changes.
  const releaseAt = (now: number): number =>
    mode.kind === 'delay' ? now + mode.ms : mode.kind === 'pass' ? now : Infinity;

  const lane = (from: Socket, to: Socket): Lane => {
    const queue: { chunk: Buffer; at: number }[] = [];
    let cancelTimer: (() => void) | undefined;
    const pump = (): void => {
      cancelTimer?.();
      cancelTimer = undefined;
      const now = clock.monotonicMs();
      let head = queue[0];
      while (head !== undefined && head.at <= now) {
        queue.shift();
        to.write(head.chunk);
        head = queue[0];
      }
      if (head !== undefined && Number.isFinite(head.at)) {
        cancelTimer = clock.setTimer(head.at - now, pump);
      }
    };
    from.on('data', (chunk: Buffer) => {
      const now = clock.monotonicMs();
      // Never before the chunk ahead of it: a byte stream must not be reordered.
      const at = Math.max(releaseAt(now), queue.at(-1)?.at ?? 0);
      if (queue.length === 0 && at <= now) {
        to.write(chunk);
        return;
      }
      queue.push({ chunk, at });
      if (cancelTimer === undefined) {
        pump();
      }
    });
    return {
      get heldBytes() {
        return queue.reduce((sum, entry) => sum + entry.chunk.length, 0);
      },
      reschedule() {
        // Held chunks get the new mode's release time, counted from now; kept in order.
        const now = clock.monotonicMs();
        let floor = 0;
        for (const entry of queue) {
          if (!Number.isFinite(entry.at)) {
            entry.at = releaseAt(now);
          }
          entry.at = Math.max(entry.at, floor);
          floor = entry.at;
        }
        pump();
      },
      stop() {
        cancelTimer?.();
        queue.length = 0;
      },
    };
  };

  const destroy = (pair: Pair): void => {
    if (!pairs.delete(pair)) {
      return;
    }
    for (const l of pair.lanes) {
      l.stop();
    }
    pair.client.resetAndDestroy();
    pair.upstream.destroy();
  };

  const server = createServer((client) => {
    accepted++;
    if (mode.kind === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    const pair: Pair = {
      client,
      upstream,
      lanes: [lane(client, upstream), lane(upstream, client)],
    };
    pairs.add(pair);
    // Either side closing or failing ends the pair: the client sees its connection drop.
    for (const socket of [client, upstream]) {
      socket.on('error', () => destroy(pair));
      socket.on('close', () => destroy(pair));
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject).listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('tcp proxy: no TCP address');
  }
  const { port } = address;

  return {
    host: '127.0.0.1',
    port,
    endpoint: `127.0.0.1:${port}`,
    get mode() {
      return mode;
    },
    setMode(next) {
      mode = next;
      for (const pair of [...pairs]) {
        if (next.kind === 'refuse') {
          destroy(pair);
        } else {
          for (const l of pair.lanes) {
            l.reschedule();
          }
        }
      }
    },
    get accepted() {
      return accepted;
    },
    get open() {
      return pairs.size;
    },
    get held() {
      return [...pairs].reduce(
        (sum, pair) => sum + pair.lanes.reduce((n, l) => n + l.heldBytes, 0),
        0,
      );
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const pair of [...pairs]) {
        destroy(pair);
      }
      await closed;
    },
  };
}
