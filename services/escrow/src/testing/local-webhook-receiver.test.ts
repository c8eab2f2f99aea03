import { afterEach, describe, expect, it, vi } from 'vitest';
import { deliverWebhook } from '../webhooks/deliver.ts';
import {
  deliveryLine,
  localReceiverSettings,
  startLocalWebhookReceiver,
} from './local-webhook-receiver.ts';
import { fakeWebhookSecret, sampleEscrowEvent } from './webhook-fixtures.ts';

const A = fakeWebhookSecret(0x91);
const B = fakeWebhookSecret(0x92);
const C = fakeWebhookSecret(0x93);
const endpoints = JSON.stringify({
  'bank-a': { url: 'http://127.0.0.1:8090/webhooks', secrets: [A, B] },
  'bank-b': { url: 'http://127.0.0.1:8090/webhooks', secrets: [B] },
});

describe('localReceiverSettings', () => {
  it('takes every tenant’s secrets, once each, plus WEBHOOK_SECRET, on port 8090', () => {
    expect(localReceiverSettings({ ESCROW_WEBHOOKS: endpoints, WEBHOOK_SECRET: C })).toEqual({
      ok: true,
      settings: { port: 8090, secrets: [A, B, C] },
    });
  });

  it('reads WEBHOOK_RECEIVER_PORT, and works with WEBHOOK_SECRET alone', () => {
    expect(localReceiverSettings({ WEBHOOK_SECRET: C, WEBHOOK_RECEIVER_PORT: '9001' })).toEqual({
      ok: true,
      settings: { port: 9001, secrets: [C] },
    });
  });

  it('lists every problem: no secret, a bad port, a bad ESCROW_WEBHOOKS', () => {
    expect(localReceiverSettings({ WEBHOOK_RECEIVER_PORT: '80a' }).issues).toEqual([
      'WEBHOOK_RECEIVER_PORT: must be an integer from 0 (any free port) to 65535',
      'set ESCROW_WEBHOOKS or WEBHOOK_SECRET: the receiver needs a secret to verify',
    ]);
    expect(
      localReceiverSettings({ ESCROW_WEBHOOKS: '{"x": 1}', WEBHOOK_SECRET: C }).issues,
    ).toEqual(['ESCROW_WEBHOOKS: tenant "x": Invalid input: expected object, received number']);
  });
});

describe('deliveryLine', () => {
  it('prints time, webhook-id, type, transactionId, the signature check and the answer', () => {
    const delivery = {
      id: 'esc_0001.2',
      timestamp: '1796544451',
      type: 'escrow.released',
      transactionId: 'tx-0001',
      body: '{}',
      verified: true,
      status: 200,
    };
    const at = new Date('2026-12-06T08:07:31.000Z');
    expect(deliveryLine(delivery, at)).toBe(
      '2026-12-06T08:07:31.000Z  esc_0001.2  escrow.released  tx-0001  signature ✓  → 200',
    );
    expect(deliveryLine({ ...delivery, verified: false, status: 401 }, at)).toBe(
      '2026-12-06T08:07:31.000Z  esc_0001.2  escrow.released  tx-0001  signature ✗  → 401',
    );
  });
});

describe('startLocalWebhookReceiver', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('prints where it listens, then one line per delivery', async () => {
    const at = new Date('2026-12-06T08:07:31.000Z');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at);
    const lines: string[] = [];
    const receiver = await startLocalWebhookReceiver({
      env: { WEBHOOK_RECEIVER_PORT: '0', ESCROW_WEBHOOKS: endpoints },
      out: (line) => lines.push(line),
      now: () => at,
    });
    try {
      await deliverWebhook({ url: receiver.url, secrets: [B] }, sampleEscrowEvent(), { now: at });
      await receiver.waitFor((d) => d.id === 'esc_0001.1');
      expect(lines).toEqual([
        `[webhook] receiver on ${receiver.url}, verifying with 2 secret(s)`,
        '[webhook] 2026-12-06T08:07:31.000Z  esc_0001.1  escrow.held  tx-0001  signature ✓  → 200',
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('refuses to start without a secret', async () => {
    await expect(startLocalWebhookReceiver({ env: {}, out: () => undefined })).rejects.toThrow(
      'webhook receiver: set ESCROW_WEBHOOKS or WEBHOOK_SECRET',
    );
  });
});
