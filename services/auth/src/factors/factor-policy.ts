/**
 * Thresholds of the customer's factors, each with its source. Policy data, kept in one place.
 */
export const FACTOR_POLICY = {
  /** NIST SP 800-63B-4 §3.2.2: at most 100 consecutive failed attempts per authenticator. */
  maxConsecutiveFailures: 100,
  /** RFC 6238 §5.2: at most one time step of network delay; X = 30 s recommended. */
  totpWindowSteps: 1,
  totpPeriodSeconds: 30,
  /** NIST SP 800-63B-4: TOTP output of at least 6 digits; RFC 6238 §4: SHA-1 is the default. */
  totpDigits: 6,
  /** RFC 6238 §4: 160-bit shared secret recommended. */
  totpSecretBytes: 20,
  /** How long a registration ceremony stays open between its options and its response. */
  registrationTtlMs: 5 * 60_000,
  /** The WebAuthn `timeout` hint given to browsers (ms). */
  ceremonyTimeoutMs: 5 * 60_000,
} as const;
