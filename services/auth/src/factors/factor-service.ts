import { hkdfSync } from 'node:crypto';
import type { Clock, Logger } from '@sentinel/kernel';
import {
  enrolledFactorMethods,
  type CustomerFactors,
  type ForTenant,
  type TenantId,
} from '@sentinel/store';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { FactorResult } from './factor-result.ts';
import type { AuthEnv } from '../http/env.ts';
import { passkeyAuthentication, type PasskeyRequest } from './passkey-authentication.ts';
import { passkeyRegistration, type RelyingParty } from './passkey-registration.ts';
import type { PaymentChallenge } from './payment-binding.ts';
import { totpFactor } from './totp-factor.ts';
import { userRoutes } from './user-routes.ts';

export interface FactorServiceDeps {
  readonly factors: ForTenant<CustomerFactors>;
  readonly clock: Clock;
  readonly rp: RelyingParty;
  /** 32 bytes: seals TOTP seeds (AES-256-GCM) and, through HKDF, keys the WebAuthn user handles. */
  readonly totpKey: Buffer;
  readonly logger: Logger;
  /** The issuer authenticator apps show; "Sentinel" by default. */
  readonly totpIssuer?: string;
}

/**
 * The customer's factors for the auth service (issue 11): the user routes, and the passkey and
 * TOTP checks the challenge routes call. Outcomes are data; only bugs and store failures throw.
 */
export function createFactorService(deps: FactorServiceDeps) {
  if (deps.totpKey.length !== 32) {
    throw new Error('totpKey must be 32 bytes');
  }
  const userHandleKey = Buffer.from(
    hkdfSync('sha256', deps.totpKey, '', 'sentinel webauthn user handle', 32),
  );
  const registration = passkeyRegistration({ clock: deps.clock, rp: deps.rp, userHandleKey });
  const authentication = passkeyAuthentication({ clock: deps.clock, rp: deps.rp });
  const totp = totpFactor({
    factors: deps.factors,
    clock: deps.clock,
    totpKey: deps.totpKey,
    issuer: deps.totpIssuer ?? 'Sentinel',
  });
  const log = (what: string, tenant: TenantId, result: FactorResult): FactorResult => {
    // Codes and secrets never reach the log: the outcome's stable code only.
    if (!result.ok) {
      deps.logger.info(`${what} refused`, { tenant, code: result.code });
    }
    return result;
  };

  return {
    /** Mount at `/v1/users` behind the API-key middleware. */
    userRoutes: (): OpenAPIHono<AuthEnv> =>
      userRoutes({ factors: deps.factors, registration, totp }),

    /** Options bound to this payment; store `state` as the challenge's `webauthnState`. */
    passkeyRequest: (tenant: TenantId, challenge: PaymentChallenge): Promise<PasskeyRequest> =>
      authentication.request(deps.factors.forTenant(tenant), challenge),

    /**
     * Verifies an assertion against the challenge's own payment. `state` must be single use (the
     * caller clears it); `origin` is the request's Origin header when there is one.
     */
    verifyPasskey: async (
      tenant: TenantId,
      challenge: PaymentChallenge,
      state: string,
      response: AuthenticationResponseJSON,
      origin?: string,
    ): Promise<FactorResult> =>
      log(
        'passkey',
        tenant,
        await authentication.verify(
          deps.factors.forTenant(tenant),
          challenge,
          state,
          response,
          origin,
        ),
      ),

    verifyTotp: async (tenant: TenantId, userId: string, code: string): Promise<FactorResult> =>
      log('totp', tenant, await totp.verify(tenant, userId, code)),

    enrolledMethods: async (tenant: TenantId, userId: string): Promise<('WEBAUTHN' | 'TOTP')[]> =>
      enrolledFactorMethods(await deps.factors.forTenant(tenant).get(userId)),
  };
}

export type FactorService = ReturnType<typeof createFactorService>;
