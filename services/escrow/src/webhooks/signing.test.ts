import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESCROW_EVENT_TYPES, type EscrowEventType } from '@sentinel/contracts';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sampleEscrowEvent } from '../testing/webhook-fixtures.ts';
import { webhookBody } from './deliver.ts';
import { signPayload, verifySignature, webhookSecretKey, WebhookSecretError } from './signing.ts';

// Plainly fake secrets: fill bytes, whsec_-encoded as the spec says.
const secretOf = (fill: number, bytes = 32): string =>
  `whsec_${Buffer.alloc(bytes, fill).toString('base64')}`;
const OLD = secretOf(0x11);
const NEW = secretOf(0x22);
const OTHER = secretOf(0x33);

const NOW = new Date('2026-12-06T08:00:00.000Z');
const ID = 'esc_01JD7.2';
const BODY = JSON.stringify({ type: 'escrow.released', data: { note: 'Zoë — R1 500' } });

// The reference library checks the timestamp against Date.now(): pin it (only Date is faked).
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

const referenceVerifies = (
  secret: string,
  body: string,
  headers: Record<string, string>,
): boolean => {
  try {
    new Webhook(secret).verify(body, headers);
    return true;
  } catch {
    return false;
  }
};

describe('signPayload, checked by the standardwebhooks reference library', () => {
  it('signs with one secret: the three headers, and the reference library verifies', () => {
    const headers = signPayload({ id: ID, timestamp: NOW, body: BODY, secrets: [OLD] });
    expect(headers['webhook-id']).toBe(ID);
    expect(headers['webhook-timestamp']).toBe(String(NOW.getTime() / 1000));
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(headers['webhook-signature']).toBe(new Webhook(OLD).sign(ID, NOW, BODY));
    expect(new Webhook(OLD).verify(BODY, { ...headers })).toEqual(JSON.parse(BODY));
  });

  it('uses whole seconds of the attempt time', () => {
    const at = new Date(NOW.getTime() + 999);
    const headers = signPayload({ id: ID, timestamp: at, body: BODY, secrets: [OLD] });
    expect(headers['webhook-timestamp']).toBe(String(NOW.getTime() / 1000));
    expect(referenceVerifies(OLD, BODY, { ...headers })).toBe(true);
  });

  it('signs once per secret while a secret rotates: a receiver with either one verifies', () => {
    const headers = signPayload({ id: ID, timestamp: NOW, body: BODY, secrets: [OLD, NEW] });
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(referenceVerifies(OLD, BODY, { ...headers })).toBe(true);
    expect(referenceVerifies(NEW, BODY, { ...headers })).toBe(true);
    expect(referenceVerifies(OTHER, BODY, { ...headers })).toBe(false);
  });

  it.each([
    ['body', { body: `${BODY} ` }],
    ['id', { 'webhook-id': 'esc_01JD7.1' }],
    ['timestamp', { 'webhook-timestamp': String(NOW.getTime() / 1000 - 1) }],
  ])('a tampered %s fails', (_field, change) => {
    const headers = signPayload({ id: ID, timestamp: NOW, body: BODY, secrets: [OLD] });
    const { body = BODY, ...headerChange } = change as Record<string, string>;
    expect(referenceVerifies(OLD, BODY, { ...headers })).toBe(true);
    expect(referenceVerifies(OLD, body, { ...headers, ...headerChange })).toBe(false);
    const ours = verifySignature({
      headers: { ...headers, ...headerChange },
      body,
      secrets: [OLD],
      now: NOW,
    });
    expect(ours).toEqual({ ok: false, reason: 'NO_MATCHING_SIGNATURE' });
  });

  it.each([24, 64])('accepts a %i-byte secret', (bytes) => {
    const secret = secretOf(0x44, bytes);
    const headers = signPayload({ id: ID, timestamp: NOW, body: BODY, secrets: [secret] });
    expect(referenceVerifies(secret, BODY, { ...headers })).toBe(true);
  });

  it.each([
    ['23 bytes', secretOf(0x55, 23), 'decodes to 23 bytes; a secret must be 24–64 bytes'],
    ['65 bytes', secretOf(0x55, 65), 'decodes to 65 bytes; a secret must be 24–64 bytes'],
    ['no whsec_ prefix', Buffer.alloc(32, 0x55).toString('base64'), 'must start with whsec_'],
    ['not base64', 'whsec_not*base64!not*base64!not*base64!', 'padded base64'],
    ['unpadded base64', secretOf(0x55, 25).replace(/=+$/, ''), 'padded base64'],
  ])('refuses a secret of %s, naming the problem but not the secret', (_case, secret, problem) => {
    const sign = () => signPayload({ id: ID, timestamp: NOW, body: BODY, secrets: [secret] });
    expect(sign).toThrow(WebhookSecretError);
    expect(sign).toThrow(problem);
    const result = webhookSecretKey(secret);
    expect(result.ok).toBe(false);
    expect(result.problem).toContain(problem);
    expect(result.problem).not.toContain(secret.slice(6, 16));
  });

  it('refuses to sign with no secret at all', () => {
    expect(() => signPayload({ id: ID, timestamp: NOW, body: BODY, secrets: [] })).toThrow(
      WebhookSecretError,
    );
  });
});

describe('verifySignature', () => {
  const signedByReference = (secrets: readonly string[], at = NOW) => ({
    'webhook-id': ID,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((s) => new Webhook(s).sign(ID, at, BODY)).join(' '),
  });

  it('verifies a payload signed by the reference library', () => {
    const headers = signedByReference([NEW]);
    expect(verifySignature({ headers, body: BODY, secrets: [NEW], now: NOW })).toEqual({
      ok: true,
    });
    expect(verifySignature({ headers, body: BODY, secrets: [OLD], now: NOW })).toEqual({
      ok: false,
      reason: 'NO_MATCHING_SIGNATURE',
    });
  });

  it('passes when any listed signature matches any of its secrets', () => {
    const headers = signedByReference([OLD, NEW]);
    expect(verifySignature({ headers, body: BODY, secrets: [NEW], now: NOW }).ok).toBe(true);
    expect(verifySignature({ headers, body: BODY, secrets: [OTHER, OLD], now: NOW }).ok).toBe(true);
    expect(verifySignature({ headers, body: BODY, secrets: [OTHER], now: NOW }).ok).toBe(false);
  });

  it('reads header names in any case and ignores other signature versions', () => {
    const signed = signedByReference([OLD]);
    const headers = {
      'Webhook-Id': signed['webhook-id'],
      'WEBHOOK-TIMESTAMP': signed['webhook-timestamp'],
      'webhook-signature': `v1a,${Buffer.alloc(64).toString('base64')} ${signed['webhook-signature']}`,
    };
    expect(verifySignature({ headers, body: BODY, secrets: [OLD], now: NOW }).ok).toBe(true);
  });

  it.each([
    [-300, { ok: true }],
    [300, { ok: true }],
    [-301, { ok: false, reason: 'TIMESTAMP_TOO_OLD' }],
    [301, { ok: false, reason: 'TIMESTAMP_TOO_NEW' }],
  ])('a timestamp %i s from now → %j (±5 min)', (offsetSeconds, expected) => {
    const headers = signedByReference([OLD], new Date(NOW.getTime() + offsetSeconds * 1000));
    expect(verifySignature({ headers, body: BODY, secrets: [OLD], now: NOW })).toEqual(expected);
  });

  it.each([
    ['no id', { 'webhook-id': '' }, 'MISSING_HEADERS'],
    ['no signature', { 'webhook-signature': undefined }, 'MISSING_HEADERS'],
    ['a non-numeric timestamp', { 'webhook-timestamp': '17e8' }, 'INVALID_TIMESTAMP'],
    ['a garbled signature', { 'webhook-signature': 'v1,***' }, 'NO_MATCHING_SIGNATURE'],
  ])('refuses %s', (_case, change, reason) => {
    const headers = { ...signedByReference([OLD]), ...change };
    expect(verifySignature({ headers, body: BODY, secrets: [OLD], now: NOW })).toEqual({
      ok: false,
      reason,
    });
  });
});

describe('docs/webhooks.md', () => {
  const doc = readFileSync(join(import.meta.dirname, '../../../../docs/webhooks.md'), 'utf8');
  const field = (name: string): string => {
    const match = new RegExp(`^${name} +(\\S+)$`, 'm').exec(doc);
    if (match?.[1] === undefined) {
      throw new Error(`docs/webhooks.md has no test vector line "${name}"`);
    }
    return match[1];
  };

  it('has one body example per event type, each what webhookBody makes of it', () => {
    const examples = [...doc.matchAll(/```json\n([\s\S]*?)\n```/g)].map(
      (m) => JSON.parse(m[1] ?? '') as { type: EscrowEventType },
    );
    expect(examples.map((e) => e.type)).toEqual([...ESCROW_EVENT_TYPES]);
    for (const example of examples) {
      expect(example).toEqual(JSON.parse(webhookBody(sampleEscrowEvent(example.type))));
    }
  });

  it('has a test vector: the released example, signed as our code and the reference library sign it', () => {
    const vector = {
      secret: field('secret'),
      id: field('webhook-id'),
      timestamp: field('webhook-timestamp'),
      body: field('body'),
      signature: field('signature'),
    };
    expect(vector.body).toBe(webhookBody(sampleEscrowEvent('escrow.released')));
    const at = new Date(Number(vector.timestamp) * 1000);
    const headers = signPayload({
      id: vector.id,
      timestamp: at,
      body: vector.body,
      secrets: [vector.secret],
    });
    expect(headers['webhook-signature']).toBe(vector.signature);
    vi.setSystemTime(at);
    expect(referenceVerifies(vector.secret, vector.body, { ...headers })).toBe(true);
  });
});
