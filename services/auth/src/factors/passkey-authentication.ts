import type { Clock } from '@sentinel/kernel';
import type { CustomerFactors, CustomerFactorsRecord, StoredPasskey } from '@sentinel/store';
import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { parseAuthenticatorData } from '@simplewebauthn/server/helpers';
import { FACTOR_POLICY } from './factor-policy.ts';
import { PASSED, refuse, type FactorRefusal, type FactorResult } from './factor-result.ts';
import { expectedChallenge, newPaymentBinding, type PaymentChallenge } from './payment-binding.ts';
import type { RelyingParty } from './passkey-registration.ts';
import { spcPaymentMatches } from './spc-payment.ts';

export interface PasskeyRequest {
  readonly options: PublicKeyCredentialRequestOptionsJSON;
  readonly payment: {
    readonly amount: { readonly minor: number; readonly currency: string };
    readonly payee: string | null;
  };
  /** Keep on the challenge (`webauthnState`) and hand back to `verify`, once. */
  readonly state: string;
}

const TYPES = ['webauthn.get', 'payment.get'] as const;

/**
 * Passkey authentication bound to one payment (dynamic linking, see `payment-binding.ts`), with
 * user verification required, the signature counter checked after the signature, and the factor
 * locked after 100 consecutive failures (NIST SP 800-63B-4 §3.2.2).
 */
export function passkeyAuthentication(deps: { readonly clock: Clock; readonly rp: RelyingParty }) {
  return {
    async request(factors: CustomerFactors, challenge: PaymentChallenge): Promise<PasskeyRequest> {
      const record = await factors.get(challenge.userId);
      const binding = newPaymentBinding(challenge);
      const options = await generateAuthenticationOptions({
        rpID: deps.rp.id,
        challenge: binding.challenge,
        timeout: FACTOR_POLICY.ceremonyTimeoutMs,
        userVerification: 'required',
        allowCredentials: record.passkeys.map((p) => ({ id: p.id, transports: [...p.transports] })),
      });
      return {
        options,
        payment: { amount: { ...challenge.amount }, payee: challenge.payee },
        state: binding.state,
      };
    },

    async verify(
      factors: CustomerFactors,
      challenge: PaymentChallenge,
      state: string,
      response: AuthenticationResponseJSON,
      requestOrigin?: string,
    ): Promise<FactorResult> {
      const record = await factors.get(challenge.userId);
      if (record.passkeyLockedAt !== undefined) {
        return refuse('AUTH.FACTOR_LOCKED', 'Passkeys are locked after too many failures.');
      }
      if (record.passkeys.length === 0) {
        return refuse('AUTH.FACTOR_NOT_ENROLLED', 'No passkey is registered for this customer.');
      }
      const checked = await check(record, challenge, state, response, requestOrigin);
      const now = deps.clock.now();
      return factors.update(challenge.userId, (current) => {
        if (current.passkeyLockedAt !== undefined) {
          // Locked meanwhile: neither a success nor one more failure changes that.
          return { result: refuse('AUTH.FACTOR_LOCKED', 'Passkeys are locked.') };
        }
        if (!checked.ok) {
          return failed(current, now, checked);
        }
        const stored = current.passkeys.find((p) => p.id === checked.passkey.id);
        if (stored === undefined) {
          return failed(
            current,
            now,
            refuse('AUTH.PASSKEY_UNKNOWN_CREDENTIAL', 'Removed meanwhile.'),
          );
        }
        // Checked again in the transaction: two assertions racing with one counter value.
        if (counterRegressed(checked.newCounter, stored.counter)) {
          return failed(current, now, regression());
        }
        const used: StoredPasskey = {
          ...stored,
          counter: checked.newCounter,
          backedUp: checked.backedUp,
          lastUsedAt: now,
        };
        return {
          write: {
            ...current,
            passkeyFailures: 0,
            passkeys: current.passkeys.map((p) => (p.id === used.id ? used : p)),
          },
          result: PASSED,
        };
      });
    },
  };

  async function check(
    record: CustomerFactorsRecord,
    challenge: PaymentChallenge,
    state: string,
    response: AuthenticationResponseJSON,
    requestOrigin: string | undefined,
  ): Promise<
    { ok: true; passkey: StoredPasskey; newCounter: number; backedUp: boolean } | FactorRefusal
  > {
    const passkey = record.passkeys.find((p) => p.id === response.id);
    if (passkey === undefined) {
      return refuse(
        'AUTH.PASSKEY_UNKNOWN_CREDENTIAL',
        'This passkey is not registered for this customer.',
      );
    }
    const clientData = decodeJson(response.response.clientDataJSON);
    if (clientData === null || !TYPES.includes(clientData.type as (typeof TYPES)[number])) {
      return refuse('AUTH.PASSKEY_INVALID', 'The assertion is malformed.');
    }
    const origins = deps.rp.origins;
    if (
      typeof clientData.origin !== 'string' ||
      !origins.includes(clientData.origin) ||
      (requestOrigin !== undefined && !origins.includes(requestOrigin))
    ) {
      return refuse(
        'AUTH.PASSKEY_WRONG_ORIGIN',
        'The assertion was made on an origin not allowed.',
      );
    }
    const expected = expectedChallenge(state, challenge);
    if (expected === null) {
      return refuse('AUTH.PASSKEY_INVALID', 'No passkey ceremony is open for this challenge.');
    }
    if (clientData.challenge !== expected) {
      return refuse('AUTH.PASSKEY_WRONG_PAYMENT', 'The assertion was not made for this payment.');
    }
    if (clientData.type === 'payment.get' && !spcPaymentMatches(clientData, challenge)) {
      return refuse('AUTH.PASSKEY_WRONG_PAYMENT', 'The confirmed amount or payee differs.');
    }
    let flagsUv: boolean;
    try {
      flagsUv = parseAuthenticatorData(
        new Uint8Array(Buffer.from(response.response.authenticatorData, 'base64url')),
      ).flags.uv;
    } catch {
      return refuse('AUTH.PASSKEY_INVALID', 'The assertion is malformed.');
    }
    if (!flagsUv) {
      return refuse('AUTH.PASSKEY_NOT_VERIFIED', 'The authenticator did not verify the user.');
    }
    try {
      // Counter 0 here: the library checks it before the signature; ours runs after.
      const verification = await verifyAuthenticationResponse({
        response,
        expectedChallenge: expected,
        expectedOrigin: [...origins],
        expectedRPID: deps.rp.id,
        expectedType: [...TYPES],
        ...((deps.rp.topOrigins ?? []).length === 0
          ? {}
          : { expectedTopOrigin: [...(deps.rp.topOrigins ?? [])] }),
        credential: { id: passkey.id, publicKey: new Uint8Array(passkey.publicKey), counter: 0 },
        requireUserVerification: true,
      });
      if (!verification.verified) {
        return refuse('AUTH.PASSKEY_INVALID', 'The assertion did not verify.');
      }
      const info = verification.authenticationInfo;
      if (counterRegressed(info.newCounter, passkey.counter)) {
        return regression();
      }
      return { ok: true, passkey, newCounter: info.newCounter, backedUp: info.credentialBackedUp };
    } catch {
      return refuse('AUTH.PASSKEY_INVALID', 'The assertion did not verify.');
    }
  }
}

export type PasskeyAuthentication = ReturnType<typeof passkeyAuthentication>;

/** WebAuthn §6.1.1: a counter that stays 0 is fine; from > 0 it must grow, else a clone. */
function counterRegressed(received: number, stored: number): boolean {
  return (received > 0 || stored > 0) && received <= stored;
}

function regression(): FactorRefusal {
  return refuse(
    'AUTH.PASSKEY_COUNTER_REGRESSION',
    'The signature counter went backwards: a cloned authenticator is suspected.',
  );
}

function failed(current: CustomerFactorsRecord, now: Date, refusal: FactorRefusal) {
  const passkeyFailures = current.passkeyFailures + 1;
  const locked = passkeyFailures >= FACTOR_POLICY.maxConsecutiveFailures;
  return {
    write: { ...current, passkeyFailures, ...(locked ? { passkeyLockedAt: now } : {}) },
    result: refusal,
  };
}

function decodeJson(base64url: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(base64url, 'base64url').toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
