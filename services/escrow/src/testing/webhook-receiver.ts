// A stand-in for the payment stack's webhook endpoint: a real HTTP server on 127.0.0.1 that checks
// each delivery with the Standard Webhooks reference library (`standardwebhooks`, what a payment
// stack written in JavaScript would use), not with our own signing code.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request the receiver got, in arrival order. */
export interface ReceivedWebhook {
  readonly id: string | null;
  readonly timestamp: string | null;
  /** The body's `type`, and its `data.transactionId` (how the payment stack matches a payment). */
  readonly type: string | null;
  readonly transactionId: string | null;
  /** The raw body, byte for byte as sent. */
  readonly body: string;
  readonly verified: boolean;
  /** What the receiver answered. */
  readonly status: number;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/webhooks` */
  readonly url: string;
  readonly port: number;
  readonly deliveries: readonly ReceivedWebhook[];
  /** Resolves with the first delivery, recorded or still to come, that matches. */
  waitFor(predicate: (delivery: ReceivedWebhook) => boolean): Promise<ReceivedWebhook>;
  /** Stops the server; pending `waitFor`s reject. */
  close(): Promise<void>;
}

export interface WebhookReceiverOptions {
  /** Secrets of every endpoint it plays; a delivery verifies when any of them verifies it. */
  readonly secrets: readonly string[];
  /** Default 0: any free port. */
  readonly port?: number;
  /**
   * The status of the n-th request (1-based) once verified (default 200). A delivery that does
   * not verify gets 401, as a payment stack would answer.
   */
  readonly respond?: (n: number) => number;
  readonly onDelivery?: (delivery: ReceivedWebhook) => void;
}

const UNVERIFIED_STATUS = 401;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

const text = (value: string | string[] | undefined): string | null =>
  (Array.isArray(value) ? value[0] : value) ?? null;

function summary(body: string): { type: string | null; transactionId: string | null } {
  try {
    const parsed = JSON.parse(body) as { type?: unknown; data?: { transactionId?: unknown } };
    return {
      type: typeof parsed.type === 'string' ? parsed.type : null,
      transactionId:
        typeof parsed.data?.transactionId === 'string' ? parsed.data.transactionId : null,
    };
  } catch {
    return { type: null, transactionId: null };
  }
}

/** Starts the receiver on 127.0.0.1. */
export async function startWebhookReceiver(opts: WebhookReceiverOptions): Promise<WebhookReceiver> {
  const verifiers = opts.secrets.map((secret) => new Webhook(secret));
  const deliveries: ReceivedWebhook[] = [];
  const waiters = new Set<{
    readonly predicate: (delivery: ReceivedWebhook) => boolean;
    readonly resolve: (delivery: ReceivedWebhook) => void;
    readonly reject: (error: Error) => void;
  }>();
  let requests = 0;

  const verify = (body: string, req: IncomingMessage): boolean => {
    const headers = {
      'webhook-id': text(req.headers['webhook-id']) ?? '',
      'webhook-timestamp': text(req.headers['webhook-timestamp']) ?? '',
      'webhook-signature': text(req.headers['webhook-signature']) ?? '',
    };
    return verifiers.some((verifier) => {
      try {
        verifier.verify(body, headers, { jsonParse: false });
        return true;
      } catch {
        return false;
      }
    });
  };

  const record = (delivery: ReceivedWebhook): void => {
    deliveries.push(delivery);
    opts.onDelivery?.(delivery);
    for (const waiter of waiters) {
      if (waiter.predicate(delivery)) {
        waiters.delete(waiter);
        waiter.resolve(delivery);
      }
    }
  };

  const server = createServer((req, res) => {
    const n = ++requests;
    readBody(req).then(
      (body) => {
        const verified = verify(body, req);
        const status = verified ? (opts.respond?.(n) ?? 200) : UNVERIFIED_STATUS;
        record({
          id: text(req.headers['webhook-id']),
          timestamp: text(req.headers['webhook-timestamp']),
          ...summary(body),
          body,
          verified,
          status,
        });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(verified ? 'ok' : 'unverified');
      },
      () => res.destroy(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    port,
    deliveries,
    waitFor(predicate) {
      const found = deliveries.find(predicate);
      if (found !== undefined) {
        return Promise.resolve(found);
      }
      return new Promise((resolve, reject) => waiters.add({ predicate, resolve, reject }));
    },
    close() {
      for (const waiter of waiters) {
        waiter.reject(new Error('the webhook receiver was closed'));
      }
      waiters.clear();
      return new Promise((resolve, reject) => {
        server.close((error) => {
          if (error) {
            reject(error);
          } else {
            resolve();
          }
        });
        server.closeAllConnections();
      });
    },
  };
}
