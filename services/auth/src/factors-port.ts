import type { Hono } from 'hono';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import type { StepUpChallenge } from '@sentinel/contracts';
import type { TenantId } from '@sentinel/store';
import type { AuthEnv } from './http/env.ts';

// WebAuthn's standard JSON forms, typed by @simplewebauthn/server (what the factors module uses).
/** `PublicKeyCredentialRequestOptionsJSON`. */
export type RequestOptionsJson = PublicKeyCredentialRequestOptionsJSON;
/** `AuthenticationResponseJSON`. */
export type AuthenticationResponseJson = AuthenticationResponseJSON;

/** What a factor check answers: a pass, or a refusal with a stable `AUTH.*` code. */
export type FactorCheck =
  | { readonly ok: true; readonly code?: never; readonly detail?: never }
  | { readonly ok: false; readonly code: string; readonly detail: string };

/** The customer-enrolled factors this service can check a challenge against. */
export type EnrolledMethod = 'WEBAUTHN' | 'TOTP';

/**
 * The customer's factors (passkeys, TOTP), owned by the auth-factors module
 * (`services/auth/src/factors/index.ts`, `createFactorService`), as the challenge routes use
 * them. `composeAuth` builds the real one; tests about the routes' own logic may use a double.
 */
export interface FactorService {
  /** Enrolment and listing, mounted at `/v1/users` behind the API key (`/{userId}/passkeys` …). */
  userRoutes(): Hono<AuthEnv>;
  /**
   * The WebAuthn request options for a challenge, their challenge derived from this payment
   * (dynamic linking), with the amount and payee to show, and the opaque state to keep.
   */
  passkeyRequest(
    tenant: TenantId,
    challenge: StepUpChallenge,
  ): Promise<{
    readonly options: RequestOptionsJson;
    readonly payment: {
      readonly amount: { readonly minor: number; readonly currency: string };
      readonly payee: string | null;
    };
    readonly state: string;
  }>;
  /** `state` is single use: the challenge service consumes it before calling. */
  verifyPasskey(
    tenant: TenantId,
    challenge: StepUpChallenge,
    state: string,
    response: AuthenticationResponseJson,
    origin?: string,
  ): Promise<FactorCheck>;
  verifyTotp(tenant: TenantId, userId: string, code: string): Promise<FactorCheck>;
  enrolledMethods(tenant: TenantId, userId: string): Promise<EnrolledMethod[]>;
}
