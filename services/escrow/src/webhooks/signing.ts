// Standard Webhooks v1 (standard-webhooks/standard-webhooks, spec/standard-webhooks.md): an
// HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>", base64, in `webhook-signature` as
// `v1,<signature>`; one signature per secret while a secret rotates.
import { createHmac, timingSafeEqual } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';
// Standard Webhooks: a secret is 24 to 64 random bytes.
const MIN_SECRET_BYTES = 24;
const MAX_SECRET_BYTES = 64;
// Standard Webhooks' reference libraries refuse a timestamp more than 5 minutes old or ahead.
const DEFAULT_TOLERANCE_SECONDS = 5 * 60;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The three headers of a signed delivery. */
export interface SignatureHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/** A secret that is not `whsec_<base64 of 24–64 bytes>`: a configuration bug, never a user error. */
export class WebhookSecretError extends Error {
  override readonly name = 'WebhookSecretError';
  readonly code = 'ESCROW.WEBHOOK_SECRET_INVALID';
}

export type SecretKeyResult =
  | { readonly ok: true; readonly key: Buffer; readonly problem?: never }
  | { readonly ok: false; readonly problem: string; readonly key?: never };

/** The HMAC key of a `whsec_…` secret, or what is wrong with it (never the secret itself). */
export function webhookSecretKey(secret: string): SecretKeyResult {
  if (!secret.startsWith(SECRET_PREFIX)) {
    return { ok: false, problem: `must start with ${SECRET_PREFIX}` };
  }
  const encoded = secret.slice(SECRET_PREFIX.length);
  if (!BASE64.test(encoded)) {
    return { ok: false, problem: `must be ${SECRET_PREFIX} followed by standard, padded base64` };
  }
  const key = Buffer.from(encoded, 'base64');
  if (key.length < MIN_SECRET_BYTES || key.length > MAX_SECRET_BYTES) {
    return {
      ok: false,
      problem: `decodes to ${key.length} bytes; a secret must be ${MIN_SECRET_BYTES}–${MAX_SECRET_BYTES} bytes`,
    };
  }
  return { ok: true, key };
}

function keyOf(secret: string): Buffer {
  const result = webhookSecretKey(secret);
  if (!result.ok) {
    throw new WebhookSecretError(`webhook secret ${result.problem}`);
  }
  return result.key;
}

const unixSeconds = (at: Date): number => Math.floor(at.getTime() / 1000);

function hmac(key: Buffer, id: string, timestamp: number, body: string): Buffer {
  return createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body, 'utf8').digest();
}

/**
 * The headers of one delivery attempt: `timestamp` is the attempt's time, `secrets` the endpoint's
 * current ones (two or three while a secret rotates; each gets its own `v1,` signature).
 * Throws `WebhookSecretError` for a malformed secret (config validation should have refused it).
 */
export function signPayload(input: {
  readonly id: string;
  readonly timestamp: Date;
  readonly body: string;
  readonly secrets: readonly string[];
}): SignatureHeaders {
  if (input.secrets.length === 0) {
    throw new WebhookSecretError('a webhook needs at least one secret');
  }
  const timestamp = unixSeconds(input.timestamp);
  const signatures = input.secrets.map(
    (secret) => `v1,${hmac(keyOf(secret), input.id, timestamp, input.body).toString('base64')}`,
  );
  return {
    'webhook-id': input.id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatures.join(' '),
  };
}

export type VerifyFailure =
  | 'MISSING_HEADERS'
  | 'INVALID_TIMESTAMP'
  | 'TIMESTAMP_TOO_OLD'
  | 'TIMESTAMP_TOO_NEW'
  | 'NO_MATCHING_SIGNATURE';

export type VerifyResult =
  | { readonly ok: true; readonly reason?: never }
  | { readonly ok: false; readonly reason: VerifyFailure };

/** Header values as `node:http` gives them (lower-case names) or as a plain record. */
export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

function header(headers: HeaderBag, name: string): string | undefined {
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return typeof entry === 'string' ? entry : entry?.[0];
}

/**
 * Verifies a delivery as a receiver would: the timestamp within ±`toleranceSeconds` of `now`, and
 * any `v1` signature in the header matching any of `secrets` (compared in constant time).
 */
export function verifySignature(input: {
  readonly headers: HeaderBag;
  readonly body: string;
  readonly secrets: readonly string[];
  readonly now: Date;
  readonly toleranceSeconds?: number;
}): VerifyResult {
  const id = header(input.headers, 'webhook-id');
  const timestampText = header(input.headers, 'webhook-timestamp');
  const signatureText = header(input.headers, 'webhook-signature');
  if (!id || !timestampText || !signatureText) {
    return { ok: false, reason: 'MISSING_HEADERS' };
  }
  if (!/^\d{1,15}$/.test(timestampText)) {
    return { ok: false, reason: 'INVALID_TIMESTAMP' };
  }
  const timestamp = Number(timestampText);
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const now = unixSeconds(input.now);
  if (now - timestamp > tolerance) {
    return { ok: false, reason: 'TIMESTAMP_TOO_OLD' };
  }
  if (timestamp - now > tolerance) {
    return { ok: false, reason: 'TIMESTAMP_TOO_NEW' };
  }
  const offered = signatureText
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => Buffer.from(entry.slice(3), 'base64'));
  const matches = input.secrets.some((secret) => {
    const expected = hmac(keyOf(secret), id, timestamp, input.body);
    // Lengths are public (an HMAC-SHA256 is always 32 bytes); the bytes are compared in constant time.
    return offered.some((sig) => sig.length === expected.length && timingSafeEqual(sig, expected));
  });
  return matches ? { ok: true } : { ok: false, reason: 'NO_MATCHING_SIGNATURE' };
}
