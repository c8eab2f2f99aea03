import { createHmac, randomBytes } from 'node:crypto';

/** What a step-up challenge commits to (auth-core's challenge has these fields and more). */
export interface PaymentChallenge {
  readonly id: string;
  readonly userId: string;
  readonly decisionId: string;
  readonly amount: { readonly minor: number; readonly currency: string };
  readonly payee: string | null;
}

const STATE_PREFIX = 'v1.';
const NONCE_BYTES = 32;

/**
 * Dynamic linking (PSD2 RTS Art. 5): the WebAuthn challenge is HMAC-SHA256 keyed by a fresh nonce
 * over the canonical decision id, amount, currency and payee. The nonce stays on the server (the
 * challenge's `webauthnState`); verification recomputes the challenge from the stored payment, so
 * an assertion signed for another payment — or before the amount or payee changed — never matches.
 */
export function newPaymentBinding(challenge: PaymentChallenge): {
  readonly state: string;
  readonly challenge: Uint8Array<ArrayBuffer>;
} {
  const nonce = randomBytes(NONCE_BYTES);
  return { state: STATE_PREFIX + nonce.toString('base64url'), challenge: bind(nonce, challenge) };
}

/** The base64url WebAuthn challenge `state` stands for with this payment; null for a bad state. */
export function expectedChallenge(state: string, challenge: PaymentChallenge): string | null {
  if (!state.startsWith(STATE_PREFIX)) {
    return null;
  }
  const nonce = Buffer.from(state.slice(STATE_PREFIX.length), 'base64url');
  if (nonce.length !== NONCE_BYTES) {
    return null;
  }
  return Buffer.from(bind(nonce, challenge)).toString('base64url');
}

function bind(nonce: Buffer, c: PaymentChallenge): Uint8Array<ArrayBuffer> {
  // A JSON array is unambiguous: no field can bleed into its neighbour.
  const canonical = JSON.stringify([
    'sentinel-step-up/v1',
    c.decisionId,
    c.amount.minor,
    c.amount.currency,
    c.payee,
  ]);
  return new Uint8Array(createHmac('sha256', nonce).update(canonical, 'utf8').digest());
}
