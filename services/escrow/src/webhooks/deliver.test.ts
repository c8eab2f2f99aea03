import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '@sentinel/kernel/testing';
import { fakeWebhookSecret, sampleEscrowEvent } from '../testing/webhook-fixtures.ts';
import { deliverWebhook, webhookBody } from './deliver.ts';

const SECRET = fakeWebhookSecret(0x71);
const NEXT_SECRET = fakeWebhookSecret(0x72);
const NOW = new Date('2026-12-06T08:07:31.900Z');
const EVENT = sampleEscrowEvent('escrow.released');

interface Captured {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A real loopback server; `answer` writes the response, or leaves it hanging. */
async function startServer(answer: (res: ServerResponse) => void) {
  const requests: Captured[] = [];
  let arrived: (() => void) | undefined;
  const firstRequest = new Promise<void>((resolve) => (arrived = resolve));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method, url: req.url, headers: req.headers, body });
      arrived?.();
      answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
      server.closeAllConnections();
    });
  servers.push(close);
  return { url: `http://127.0.0.1:${port}/hooks/sentinel`, port, requests, firstRequest, close };
}

const servers: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(servers.splice(0).map((close) => close()));
});

const status = (code: number) => (res: ServerResponse) => res.writeHead(code).end('answer');

describe('deliverWebhook against a loopback server', () => {
  it('2xx: DELIVERED; a signed POST the reference library verifies', async () => {
    const server = await startServer(status(200));
    const attempt = await deliverWebhook({ url: server.url, secrets: [SECRET] }, EVENT, {
      now: NOW,
    });
    expect(attempt).toEqual({
      outcome: 'DELIVERED',
      status: 200,
      durationMs: expect.any(Number) as number,
      error: null,
    });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/hooks/sentinel');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['user-agent']).toBe('Sentinel-Webhooks/1');
    expect(request?.headers['webhook-id']).toBe('esc_0001.2');
    expect(request?.headers['webhook-timestamp']).toBe(String(Math.floor(NOW.getTime() / 1000)));
    expect(request?.body).toBe(webhookBody(EVENT));

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    const headers = {
      'webhook-id': String(request?.headers['webhook-id']),
      'webhook-timestamp': String(request?.headers['webhook-timestamp']),
      'webhook-signature': String(request?.headers['webhook-signature']),
    };
    expect(new Webhook(SECRET).verify(request?.body ?? '', headers)).toEqual(
      JSON.parse(webhookBody(EVENT)),
    );
  });

  it('signs with every secret of a rotating endpoint', async () => {
    const server = await startServer(status(204));
    const attempt = await deliverWebhook(
      { url: server.url, secrets: [SECRET, NEXT_SECRET] },
      EVENT,
      { now: NOW },
    );
    expect(attempt.outcome).toBe('DELIVERED');
    expect(attempt.status).toBe(204);
    const signature = String(server.requests[0]?.headers['webhook-signature']);
    expect(signature.split(' ')).toEqual([
      new Webhook(SECRET).sign('esc_0001.2', NOW, webhookBody(EVENT)),
      new Webhook(NEXT_SECRET).sign('esc_0001.2', NOW, webhookBody(EVENT)),
    ]);
  });

  it.each([
    [500, 'RETRY', 'HTTP 500'],
    [429, 'RETRY', 'HTTP 429'],
    [401, 'RETRY', 'HTTP 401'],
    [410, 'GONE', 'HTTP 410'],
  ])('HTTP %i: %s', async (code, outcome, error) => {
    const server = await startServer(status(code));
    const attempt = await deliverWebhook({ url: server.url, secrets: [SECRET] }, EVENT, {
      now: NOW,
    });
    expect(attempt).toEqual({
      outcome,
      status: code,
      durationMs: expect.any(Number) as number,
      error,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('does not follow a redirect: RETRY', async () => {
    const server = await startServer((res) => res.writeHead(302, { location: '/elsewhere' }).end());
    const attempt = await deliverWebhook({ url: server.url, secrets: [SECRET] }, EVENT, {
      now: NOW,
    });
    expect(attempt).toMatchObject({ outcome: 'RETRY', status: 302, error: 'HTTP 302' });
    expect(server.requests.map((r) => r.url)).toEqual(['/hooks/sentinel']);
  });

  it('a server that never answers: RETRY after the timeout', async () => {
    const server = await startServer(() => undefined);
    const clock = new FakeClock(NOW);
    const pending = deliverWebhook({ url: server.url, secrets: [SECRET] }, EVENT, {
      now: NOW,
      timeoutMs: 100,
      clock,
    });
    await server.firstRequest;
    clock.advance(100);
    expect(await pending).toEqual({
      outcome: 'RETRY',
      status: null,
      durationMs: 100,
      error: 'no answer within 100 ms',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('a closed port: RETRY, connection refused', async () => {
    const server = await startServer(status(200));
    await server.close();
    const attempt = await deliverWebhook({ url: server.url, secrets: [SECRET] }, EVENT, {
      now: NOW,
    });
    expect(attempt).toEqual({
      outcome: 'RETRY',
      status: null,
      durationMs: expect.any(Number) as number,
      error: 'connection refused',
    });
  });

  it('every retry sends the same id and body bytes, with its own timestamp', async () => {
    const server = await startServer(status(500));
    const endpoint = { url: server.url, secrets: [SECRET] };
    const later = new Date(NOW.getTime() + 5_000);
    await deliverWebhook(endpoint, EVENT, { now: NOW });
    await deliverWebhook(endpoint, sampleEscrowEvent('escrow.released'), { now: later });
    const [first, second] = server.requests;
    expect(second?.body).toBe(first?.body);
    expect(second?.headers['webhook-id']).toBe(first?.headers['webhook-id']);
    expect(Number(second?.headers['webhook-timestamp'])).toBe(
      Number(first?.headers['webhook-timestamp']) + 5,
    );
    expect(second?.headers['webhook-signature']).not.toBe(first?.headers['webhook-signature']);
  });
});

describe('webhookBody', () => {
  it('is {type, timestamp, data} with every field of the event, Dates in RFC 3339', () => {
    expect(webhookBody(EVENT)).toBe(
      '{"type":"escrow.released","timestamp":"2026-12-06T08:07:30.250Z","data":{' +
        '"eventId":"esc_0001.2","type":"escrow.released","tenantId":"bank-a","escrowId":"esc_0001",' +
        '"decisionId":"dec_0001","transactionId":"tx-0001","status":"RELEASED",' +
        '"reason":"TELCO_SIGNAL_UNAVAILABLE","cause":"VERIFIED","amountMinor":150000,' +
        '"currency":"ZAR","heldAt":"2026-12-06T08:00:00.000Z","releaseBy":"2026-12-07T08:00:00.000Z",' +
        '"occurredAt":"2026-12-06T08:07:30.250Z","sequence":2}}',
    );
  });

  it.each(['escrow.held', 'escrow.released', 'escrow.reversed', 'escrow.expired'] as const)(
    '%s: type and timestamp from the event',
    (type) => {
      const event = sampleEscrowEvent(type);
      const body = JSON.parse(webhookBody(event)) as {
        type: string;
        timestamp: string;
        data: Record<string, unknown>;
      };
      expect(body.type).toBe(type);
      expect(body.timestamp).toBe(event.occurredAt.toISOString());
      expect(Object.keys(body.data).sort()).toEqual(Object.keys(event).sort());
      expect(body.data['sequence']).toBe(type === 'escrow.held' ? 1 : 2);
    },
  );
});
