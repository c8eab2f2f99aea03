import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sleep, systemClock, type Clock } from '@sentinel/kernel';

/** A request as the fake saw it. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** The server clock's `monotonicMs()` when the request arrived. */
  readonly at: number;
}

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Artificial latency before answering, on the server's clock. */
  readonly delayMs?: number;
}

export interface LoopbackServer {
  readonly url: string;
  readonly requests: SeenRequest[];
  /** Most requests observed in flight at once (measured by the server, not the client). */
  readonly maxInFlight: number;
  /** Requests waiting out their `delayMs` now: with a FakeClock, only time moves them on. */
  readonly delaying: number;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1:0 for tests at the HTTP boundary: `route` answers each request
 * (JSON bodies), and the server records what it saw and how many requests overlapped.
 */
export async function startLoopbackServer(
  route: (request: SeenRequest) => Reply | Promise<Reply>,
  opts: { readonly clock?: Pick<Clock, 'monotonicMs' | 'setTimer'> } = {},
): Promise<LoopbackServer> {
  const clock = opts.clock ?? systemClock;
  const requests: SeenRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let delaying = 0;
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const at = clock.monotonicMs();
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) {
        chunks.push(chunk as Buffer);
      }
      const seen: SeenRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at,
      };
      requests.push(seen);
      const reply = await route(seen);
      if (reply.delayMs !== undefined && reply.delayMs > 0) {
        delaying++;
        try {
          await sleep(clock, reply.delayMs);
        } finally {
          delaying--;
        }
      }
      const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
      res.writeHead(reply.status, {
        ...(text === '' ? {} : { 'content-type': 'application/json' }),
        ...reply.headers,
      });
      res.end(text);
    } finally {
      inFlight--;
    }
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    get delaying() {
      return delaying;
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Idempotent: a test may close early to play an operator that went away.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
