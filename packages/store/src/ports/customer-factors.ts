/** One registered WebAuthn credential (a passkey or a security key) of a customer. */
export interface StoredPasskey {
  /** The credential id, base64url. */
  readonly id: string;
  /** The COSE public key as the authenticator returned it. */
  readonly publicKey: Uint8Array;
  /** The last signature counter seen (0 for authenticators that never count, like synced passkeys). */
  readonly counter: number;
  readonly transports: readonly string[];
  /** `multiDevice` when the authenticator says the credential may be backed up (BE flag). */
  readonly deviceType: 'singleDevice' | 'multiDevice';
  /** The BS flag at the last use: the credential is backed up (synced) right now. */
  readonly backedUp: boolean;
  readonly createdAt: Date;
  readonly lastUsedAt?: Date;
  readonly name?: string;
}

/** The customer's TOTP factor; the secret is only ever stored encrypted. */
export interface TotpFactor {
  /** AES-256-GCM: base64 of IV (12 bytes) ‖ ciphertext ‖ tag (16 bytes). */
  readonly secretCiphertext: string;
  /** Absent until the customer proved the enrolment with a first code. */
  readonly confirmedAt?: Date;
  /** The RFC 6238 time step of the last accepted code: that step and earlier ones are spent. */
  readonly lastUsedStep?: number;
  readonly consecutiveFailures: number;
  readonly lockedAt?: Date;
}

/** A registration ceremony between its options and its response. */
export interface PendingRegistration {
  /** The WebAuthn challenge handed out, base64url. */
  readonly challenge: string;
  readonly expiresAt: Date;
}

/**
 * Every authentication factor of one customer, in one record (`tenants/{t}/factors/{userId}`) so a
 * decision reads "which factors are enrolled" in one read.
 */
export interface CustomerFactorsRecord {
  readonly userId: string;
  /** At most `MAX_PASSKEYS`. */
  readonly passkeys: readonly StoredPasskey[];
  readonly totp?: TotpFactor;
  /** Consecutive failed passkey assertions, reset by a success. */
  readonly passkeyFailures: number;
  readonly passkeyLockedAt?: Date;
  readonly pendingRegistration?: PendingRegistration;
}

/** Passkeys per customer; keeps the one document small and `allowCredentials` short. */
export const MAX_PASSKEYS = 20;

/** What a customer without any factor looks like. */
export function noFactors(userId: string): CustomerFactorsRecord {
  return { userId, passkeys: [], passkeyFailures: 0 };
}

/**
 * What a record says about enrolment and locks, and nothing else: the part risk-api's hot path
 * reads (a `CustomerFactorsRecord` is one).
 */
export interface FactorsEnrolment {
  readonly passkeys: readonly unknown[];
  readonly totp?: { readonly confirmedAt?: Date; readonly lockedAt?: Date };
  readonly passkeyLockedAt?: Date;
}

/** The step-up methods a customer's factors can serve (a TOTP counts once confirmed). */
export function enrolledFactorMethods(record: FactorsEnrolment): ('WEBAUTHN' | 'TOTP')[] {
  const methods: ('WEBAUTHN' | 'TOTP')[] = [];
  if (record.passkeys.length > 0) {
    methods.push('WEBAUTHN');
  }
  if (record.totp?.confirmedAt !== undefined) {
    methods.push('TOTP');
  }
  return methods;
}

/** The enrolled methods locked after too many consecutive failures (NIST SP 800-63B-4: 100). */
export function lockedFactorMethods(record: FactorsEnrolment): ('WEBAUTHN' | 'TOTP')[] {
  return enrolledFactorMethods(record).filter((method) =>
    method === 'WEBAUTHN'
      ? record.passkeyLockedAt !== undefined
      : record.totp?.lockedAt !== undefined,
  );
}

/**
 * The outcome of a change: `write` replaces the record (omitted: nothing is written) and `result`
 * is handed back to the caller.
 */
export interface FactorsChange<T> {
  readonly write?: CustomerFactorsRecord;
  readonly result: T;
}

/**
 * The enrolled factors of a tenant's customers (issue 11). The auth service owns them; risk-api
 * only reads which methods are enrolled.
 */
export interface CustomerFactors {
  /** The customer's factors; `noFactors(userId)` when none was ever stored. */
  get(userId: string): Promise<CustomerFactorsRecord>;
  /**
   * Reads, changes and writes the record atomically: concurrent updates of one customer
   * serialise, so `change` may run more than once and must be pure (no I/O, no clock reads).
   */
  update<T>(
    userId: string,
    change: (current: CustomerFactorsRecord) => FactorsChange<T>,
  ): Promise<T>;
}
