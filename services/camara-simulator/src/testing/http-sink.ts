// Test-only: a real HTTP listener on 127.0.0.1 that records what the simulator POSTs to it.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

/**
 * Answers with `statuses` in order (then 204), after `delayMs`; with `hold`, only once `release()`
 * is called. `waitFor(n)` resolves once n requests have arrived, or rejects after `timeoutMs`.
 */
export async function startSink(
  opts: { statuses?: number[]; delayMs?: number; hold?: boolean } = {},
) {
  const statuses = [...(opts.statuses ?? [])];
  const held: (() => void)[] = [];
  const received: ReceivedRequest[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: text === '' ? undefined : (JSON.parse(text) as unknown),
      });
      for (const w of waiters.filter((x) => received.length >= x.n)) {
        w.resolve();
      }
      const answer = (): void => {
        res.statusCode = statuses.shift() ?? 204;
        res.end();
      };
      if (opts.hold === true) {
        held.push(answer);
      } else {
        setTimeout(answer, opts.delayMs ?? 0);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/camara/events`,
    received,
    waitFor(n: number, timeoutMs = 5_000): Promise<readonly ReceivedRequest[]> {
      if (received.length >= n) {
        return Promise.resolve(received);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`sink got ${received.length} of ${n} requests`));
        }, timeoutMs);
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve(received);
          },
        });
      });
    },
    /** Answers every held request. */
    release(): void {
      for (const answer of held.splice(0)) {
        answer();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
