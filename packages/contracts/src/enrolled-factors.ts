/** Where a decision's enrolled step-up factors came from (docs/step-up.md, "Enrolled factors"). */
export const FACTOR_SOURCES = ['AUTH_SERVICE', 'BANK_DECLARED'] as const;
export type FactorSource = (typeof FACTOR_SOURCES)[number];

/** A factor the customer enrols: a passkey or an authenticator app. */
export type FactorMethod = 'WEBAUTHN' | 'TOTP';

/**
 * The enrolled factors a decision counted for its step-up methods, and where they came from:
 * the auth service's record of the customer (`tenants/{t}/factors/{userId}`) once it exists,
 * otherwise the list the bank declared in `PUT /v1/users/{id}` (a bank running its own
 * authenticator).
 */
export interface EnrolledFactors {
  readonly source: FactorSource;
  /** What counted (the profile the engine saw carries exactly these). */
  readonly methods: readonly FactorMethod[];
  /** Enrolled at the auth service but locked after 100 consecutive failures: not counted. */
  readonly locked: readonly FactorMethod[];
}
