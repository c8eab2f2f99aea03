import { createHmac } from 'node:crypto';
import type { Clock } from '@sentinel/kernel';
import {
  MAX_PASSKEYS,
  type CustomerFactors,
  type FactorsChange,
  type StoredPasskey,
} from '@sentinel/store';
import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { FACTOR_POLICY } from './factor-policy.ts';

/** The relying party: the RP id (a domain) and the web origins allowed to run ceremonies. */
export interface RelyingParty {
  readonly id: string;
  readonly name: string;
  readonly origins: readonly string[];
  /**
   * Top-level origins that may frame the step-up page (the console): an assertion made in such a
   * frame says `crossOrigin: true` and names its top origin, which must be one of these. Empty:
   * framed assertions are refused.
   */
  readonly topOrigins?: readonly string[];
}

export type RegistrationRefusal =
  | 'AUTH.PASSKEY_LIMIT_REACHED'
  | 'AUTH.REGISTRATION_NOT_PENDING'
  | 'AUTH.PASSKEY_ALREADY_REGISTERED'
  | 'AUTH.PASSKEY_WRONG_ORIGIN'
  | 'AUTH.PASSKEY_INVALID';

export type RegistrationResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: RegistrationRefusal; readonly detail: string };

export interface RegistrationDeps {
  readonly clock: Clock;
  readonly rp: RelyingParty;
  /** Keys the stable, opaque WebAuthn user handle (no customer id leaves in clear). */
  readonly userHandleKey: Buffer;
}

/**
 * Passkey registration (`@simplewebauthn/server`): options remember their challenge in the
 * customer's record (`pendingRegistration`, single use, 5 minutes); the response is verified with
 * user verification required and stored with its transports and backup flags.
 */
export function passkeyRegistration(deps: RegistrationDeps) {
  return {
    async options(
      factors: CustomerFactors,
      tenant: string,
      userId: string,
      names: { readonly userName?: string; readonly displayName?: string },
    ): Promise<RegistrationResult<PublicKeyCredentialCreationOptionsJSON>> {
      const record = await factors.get(userId);
      if (record.passkeys.length >= MAX_PASSKEYS) {
        return refusal(
          'AUTH.PASSKEY_LIMIT_REACHED',
          `At most ${MAX_PASSKEYS} passkeys per customer.`,
        );
      }
      const options = await generateRegistrationOptions({
        rpName: deps.rp.name,
        rpID: deps.rp.id,
        userName: names.userName ?? userId,
        userDisplayName: names.displayName ?? names.userName ?? userId,
        userID: userHandle(deps.userHandleKey, tenant, userId),
        timeout: FACTOR_POLICY.ceremonyTimeoutMs,
        attestationType: 'none',
        excludeCredentials: record.passkeys.map((p) => ({
          id: p.id,
          transports: [...p.transports],
        })),
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
      });
      const expiresAt = new Date(deps.clock.now().getTime() + FACTOR_POLICY.registrationTtlMs);
      await factors.update(userId, (current) => ({
        write: { ...current, pendingRegistration: { challenge: options.challenge, expiresAt } },
        result: null,
      }));
      return { ok: true, value: options };
    },

    async verify(
      factors: CustomerFactors,
      userId: string,
      response: RegistrationResponseJSON,
      name: string | undefined,
    ): Promise<RegistrationResult<StoredPasskey>> {
      const now = deps.clock.now();
      // The ceremony is single use: take the pending challenge whatever the outcome.
      const pending = await factors.update(userId, (current) => {
        const { pendingRegistration, ...rest } = current;
        return pendingRegistration === undefined
          ? { result: undefined }
          : { write: rest, result: pendingRegistration };
      });
      if (pending === undefined || pending.expiresAt <= now) {
        return refusal('AUTH.REGISTRATION_NOT_PENDING', 'Ask for registration options first.');
      }
      const origin = clientOrigin(response.response.clientDataJSON);
      if (origin === null || !deps.rp.origins.includes(origin)) {
        return refusal('AUTH.PASSKEY_WRONG_ORIGIN', 'The passkey was created on another origin.');
      }
      let passkey: StoredPasskey;
      try {
        const verification = await verifyRegistrationResponse({
          response,
          expectedChallenge: pending.challenge,
          expectedOrigin: [...deps.rp.origins],
          expectedRPID: deps.rp.id,
          requireUserVerification: true,
        });
        if (!verification.verified) {
          return refusal('AUTH.PASSKEY_INVALID', 'The registration response did not verify.');
        }
        const info = verification.registrationInfo;
        passkey = {
          id: info.credential.id,
          publicKey: new Uint8Array(info.credential.publicKey),
          counter: info.credential.counter,
          transports: info.credential.transports ?? response.response.transports ?? [],
          deviceType: info.credentialDeviceType,
          backedUp: info.credentialBackedUp,
          createdAt: now,
          ...(name === undefined ? {} : { name }),
        };
      } catch {
        return refusal('AUTH.PASSKEY_INVALID', 'The registration response did not verify.');
      }
      return factors.update(userId, (current): FactorsChange<RegistrationResult<StoredPasskey>> => {
        if (current.passkeys.some((p) => p.id === passkey.id)) {
          return {
            result: refusal(
              'AUTH.PASSKEY_ALREADY_REGISTERED',
              'This passkey is already registered.',
            ),
          };
        }
        if (current.passkeys.length >= MAX_PASSKEYS) {
          return {
            result: refusal('AUTH.PASSKEY_LIMIT_REACHED', `At most ${MAX_PASSKEYS} passkeys.`),
          };
        }
        // A new enrolment is the bank's recovery of a locked factor: it starts a fresh count.
        const { passkeyLockedAt: _locked, ...rest } = current;
        return {
          write: { ...rest, passkeyFailures: 0, passkeys: [...current.passkeys, passkey] },
          result: { ok: true, value: passkey },
        };
      });
    },
  };
}

export type PasskeyRegistration = ReturnType<typeof passkeyRegistration>;

function refusal(code: RegistrationRefusal, detail: string) {
  return { ok: false, code, detail } as const;
}

/** A stable, opaque user handle: HMAC of tenant and user id (WebAuthn: no personal data in it). */
function userHandle(key: Buffer, tenant: string, userId: string): Uint8Array<ArrayBuffer> {
  const mac = createHmac('sha256', key).update(`webauthn-user-handle\n${tenant}\n${userId}`);
  return new Uint8Array(mac.digest());
}

/** The origin in a base64url clientDataJSON; null when it cannot be read. */
export function clientOrigin(clientDataJSON: string): string | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
    return typeof parsed === 'object' &&
      parsed !== null &&
      'origin' in parsed &&
      typeof parsed.origin === 'string'
      ? parsed.origin
      : null;
  } catch {
    return null;
  }
}
