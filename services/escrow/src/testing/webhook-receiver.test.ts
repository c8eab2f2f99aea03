import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deliverWebhook } from '../webhooks/deliver.ts';
import { fakeWebhookSecret, sampleEscrowEvent } from './webhook-fixtures.ts';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';

const BANK_A = fakeWebhookSecret(0x81);
const BANK_B = fakeWebhookSecret(0x82);
const ROTATED = fakeWebhookSecret(0x83);
const NOW = new Date('2026-12-06T08:07:31.000Z');

const receivers: WebhookReceiver[] = [];
const start = async (opts: Parameters<typeof startWebhookReceiver>[0]) => {
  const receiver = await startWebhookReceiver(opts);
  receivers.push(receiver);
  return receiver;
};

// The reference library checks timestamps against Date.now(): pin it (only Date is faked).
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

describe('startWebhookReceiver', () => {
  it('records a delivery verified by the reference library, and answers 200', async () => {
    const receiver = await start({ secrets: [BANK_A] });
    const event = sampleEscrowEvent('escrow.held');
    const attempt = await deliverWebhook({ url: receiver.url, secrets: [BANK_A] }, event, {
      now: NOW,
    });
    expect(attempt.outcome).toBe('DELIVERED');
    expect(receiver.deliveries).toEqual([
      {
        id: 'esc_0001.1',
        timestamp: String(NOW.getTime() / 1000),
        type: 'escrow.held',
        transactionId: 'tx-0001',
        body: expect.stringContaining('"type":"escrow.held"') as string,
        verified: true,
        status: 200,
      },
    ]);
  });

  it('answers 401 to a delivery it cannot verify, and records it unverified', async () => {
    const receiver = await start({ secrets: [BANK_A] });
    const attempt = await deliverWebhook(
      { url: receiver.url, secrets: [BANK_B] },
      sampleEscrowEvent(),
      { now: NOW },
    );
    expect(attempt).toMatchObject({ outcome: 'RETRY', status: 401, error: 'HTTP 401' });
    expect(receiver.deliveries.map((d) => [d.verified, d.status])).toEqual([[false, 401]]);
  });

  it('refuses a delivery signed more than 5 minutes ago', async () => {
    const receiver = await start({ secrets: [BANK_A] });
    await deliverWebhook({ url: receiver.url, secrets: [BANK_A] }, sampleEscrowEvent(), {
      now: new Date(NOW.getTime() - 301_000),
    });
    expect(receiver.deliveries[0]?.verified).toBe(false);
  });

  it('verifies with any of its secrets: several tenants, and a rotation in progress', async () => {
    const receiver = await start({ secrets: [BANK_A, ROTATED] });
    const endpoints = [
      { url: receiver.url, secrets: [BANK_A] },
      { url: receiver.url, secrets: [BANK_B, ROTATED] },
    ];
    for (const endpoint of endpoints) {
      await deliverWebhook(endpoint, sampleEscrowEvent('escrow.expired'), { now: NOW });
    }
    expect(receiver.deliveries.map((d) => d.verified)).toEqual([true, true]);
  });

  it('answers what respond(n) says: 500 three times, then 200, the same id each time', async () => {
    const receiver = await start({ secrets: [BANK_A], respond: (n) => (n <= 3 ? 500 : 200) });
    const event = sampleEscrowEvent('escrow.released');
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const at = new Date(NOW.getTime() + attempt * 1000);
      outcomes.push(
        (await deliverWebhook({ url: receiver.url, secrets: [BANK_A] }, event, { now: at }))
          .outcome,
      );
    }
    expect(outcomes).toEqual(['RETRY', 'RETRY', 'RETRY', 'DELIVERED']);
    expect(receiver.deliveries.map((d) => [d.id, d.status, d.verified])).toEqual([
      ['esc_0001.2', 500, true],
      ['esc_0001.2', 500, true],
      ['esc_0001.2', 500, true],
      ['esc_0001.2', 200, true],
    ]);
    expect(new Set(receiver.deliveries.map((d) => d.body)).size).toBe(1);
  });

  it('waitFor resolves with a delivery still to come, or one already recorded', async () => {
    const delivered: string[] = [];
    const receiver = await start({
      secrets: [BANK_A],
      onDelivery: (d) => delivered.push(d.type ?? ''),
    });
    const endpoint = { url: receiver.url, secrets: [BANK_A] };
    const reversed = receiver.waitFor((d) => d.type === 'escrow.reversed');
    await deliverWebhook(endpoint, sampleEscrowEvent('escrow.held'), { now: NOW });
    await deliverWebhook(endpoint, sampleEscrowEvent('escrow.reversed'), { now: NOW });
    expect((await reversed).id).toBe('esc_0001.2');
    expect((await receiver.waitFor((d) => d.type === 'escrow.held')).id).toBe('esc_0001.1');
    expect(delivered).toEqual(['escrow.held', 'escrow.reversed']);
  });

  it('close rejects a waitFor still pending', async () => {
    const receiver = await startWebhookReceiver({ secrets: [BANK_A] });
    const never = receiver.waitFor(() => false);
    await receiver.close();
    await expect(never).rejects.toThrow('the webhook receiver was closed');
  });
});
