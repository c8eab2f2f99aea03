import { randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A message the fake "delivered": what the customer's phone or mailbox would show. */
export interface FakeMessage {
  readonly to: string;
  readonly channel: string;
  readonly code: string;
  readonly amount: string | null;
  readonly payee: string | null;
}

interface Pending {
  readonly sid: string;
  readonly code: string;
  checks: number;
}

// Twilio Verify's own limit: a verification accepts 5 checks, then answers 60202.
const MAX_CHECKS = 5;

/**
 * A local stand-in for Twilio Verify v2's HTTP API: a real HTTP server on loopback that answers
 * the two calls the auth service makes, with Twilio's form bodies, Basic auth, JSON resources and
 * error bodies (`{code, message, more_info, status}`), so the real `twilio` client runs unchanged:
 * - `POST /v2/Services/{sid}/Verifications` (To, Channel, Amount, Payee) → 201 a pending verification;
 * - `POST /v2/Services/{sid}/VerificationCheck` (To, Code) → 200 approved / pending, 404 20404
 *   when nothing is pending, 429 60202 after 5 checks.
 */
export async function startFakeTwilio(opts: {
  readonly accountSid: string;
  readonly authToken: string;
  readonly serviceSid: string;
  /** Listen here (npm start: a fixed port); default any free port. */
  readonly port?: number;
  /** Called with every message "delivered" (npm start prints it: the customer's phone). */
  readonly onMessage?: (message: FakeMessage) => void;
}) {
  const messages: FakeMessage[] = [];
  const pending = new Map<string, Pending>();
  let failures = 0;
  const expectedAuth = `Basic ${Buffer.from(`${opts.accountSid}:${opts.authToken}`).toString('base64')}`;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const form = new URLSearchParams(await readBody(req));
    if (req.headers.authorization !== expectedAuth) {
      error(res, 401, 20003, 'Authenticate');
      return;
    }
    if (failures > 0) {
      failures--;
      error(res, 503, 20500, 'Service Unavailable');
      return;
    }
    const match = /^\/v2\/Services\/([^/]+)\/(Verifications|VerificationCheck)$/.exec(
      new URL(req.url ?? '/', 'http://fake').pathname,
    );
    if (req.method !== 'POST' || match === null || match[1] !== opts.serviceSid) {
      error(res, 404, 20404, 'The requested resource was not found');
      return;
    }
    const to = form.get('To') ?? '';
    if (match[2] === 'Verifications') {
      const channel = form.get('Channel') ?? '';
      if (to === '' || !['sms', 'email', 'call', 'whatsapp'].includes(channel)) {
        error(res, 400, 60200, 'Invalid parameter');
        return;
      }
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const sid = `VE${randomHex()}`;
      // A new send for the same `to` replaces the pending code, as Verify does on a resend.
      pending.set(to, { sid, code, checks: 0 });
      const message = { to, channel, code, amount: form.get('Amount'), payee: form.get('Payee') };
      messages.push(message);
      opts.onMessage?.(message);
      json(res, 201, verification(sid, to, channel, 'pending', false, form));
      return;
    }
    const entry = pending.get(to);
    if (entry === undefined) {
      error(res, 404, 20404, 'The requested resource was not found');
      return;
    }
    entry.checks++;
    if (entry.checks > MAX_CHECKS) {
      error(res, 429, 60202, 'Max check attempts reached');
      return;
    }
    const approved = form.get('Code') === entry.code;
    if (approved) {
      pending.delete(to);
    }
    json(res, 200, {
      ...verification(entry.sid, to, 'sms', approved ? 'approved' : 'pending', approved, form),
    });
  };

  const verification = (
    sid: string,
    to: string,
    channel: string,
    status: string,
    valid: boolean,
    form: URLSearchParams,
  ) => ({
    sid,
    service_sid: opts.serviceSid,
    account_sid: opts.accountSid,
    to,
    channel,
    status,
    valid,
    amount: form.get('Amount'),
    payee: form.get('Payee'),
    lookup: {},
    send_code_attempts: [],
    sna: null,
    date_created: new Date(0).toISOString(),
    date_updated: new Date(0).toISOString(),
    url: `https://verify.twilio.com/v2/Services/${opts.serviceSid}/Verifications/${sid}`,
  });

  const server = createServer((req, res) => {
    handle(req, res).catch(() => error(res, 500, 20500, 'Internal Server Error'));
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    /** Every message sent, oldest first. */
    messages,
    /** The code last sent to `to` (what the customer reads), or undefined. */
    lastCode: (to: string): string | undefined => messages.findLast((m) => m.to === to)?.code,
    /** The next `n` requests answer 503, as during a Twilio outage. */
    failNext(n: number): void {
      failures = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeTwilio = Awaited<ReturnType<typeof startFakeTwilio>>;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function error(res: ServerResponse, status: number, code: number, message: string): void {
  json(res, status, {
    code,
    message,
    more_info: `https://www.twilio.com/docs/errors/${code}`,
    status,
  });
}

function randomHex(): string {
  return Array.from({ length: 32 }, () => randomInt(0, 16).toString(16)).join('');
}
