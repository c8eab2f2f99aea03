/**
 * What the bank knows about the device and the customer — SHIELD's device context and device
 * trust are judgements over history the browser does not have, so they come in from the bank's
 * backend (never guessed by the SDK). Anything left out is sent as 0, meaning "not provided":
 * give the same fields at enrolment and at payment, so an absent one is the same constant in the
 * baseline and in the session (z = 0).
 */
export interface BankContext {
  /** is_new_device: first time this device is seen for the customer. */
  readonly isNewDevice?: boolean;
  /** device_fingerprint_delta: 0–1 distance of this device's fingerprint from the known one. */
  readonly fingerprintDelta?: number;
  /** The IANA time zone the SDK reported last time (`deviceContext().timeZone`), for timezone_changed. */
  readonly lastTimeZone?: string;
  /** The platform the SDK reported last time (`deviceContext().os`), for os_version_changed. */
  readonly lastOs?: string;
  /** device_class_known: the customer has used this class of device (phone, desktop…) before. */
  readonly deviceClassKnown?: boolean;
  /** device_session_count: sessions seen from this device. */
  readonly deviceSessionCount?: number;
  /** device_class_switch: the class of device differs from the customer's previous session. */
  readonly deviceClassSwitch?: boolean;
  /** is_known_fingerprint: the device fingerprint is one of the customer's. */
  readonly knownFingerprint?: boolean;
  /** time_since_last_seen_hours: hours since this device was last seen. */
  readonly hoursSinceLastSeen?: number;
  /** The customer's usual session duration, for session_duration_z_score. */
  readonly usualSessionMs?: { readonly mean: number; readonly std: number };
}

/** What the browser itself says about where it runs, read by the collector at snapshot time. */
export interface BrowserContext {
  /** Local hour (0–23) on the device's clock. */
  readonly localHour: number;
  /** `Intl.DateTimeFormat().resolvedOptions().timeZone`. */
  readonly timeZone?: string;
  /** The platform the browser reports (navigator.userAgentData.platform or navigator.platform). */
  readonly os?: string;
}

/** Throws on a bank input that is not a finite, non-negative number: a bug in the caller. */
export function checkBankContext(bank: BankContext): void {
  const numbers: Record<string, number | undefined> = {
    fingerprintDelta: bank.fingerprintDelta,
    deviceSessionCount: bank.deviceSessionCount,
    hoursSinceLastSeen: bank.hoursSinceLastSeen,
    'usualSessionMs.mean': bank.usualSessionMs?.mean,
    'usualSessionMs.std': bank.usualSessionMs?.std,
  };
  for (const [name, value] of Object.entries(numbers)) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new RangeError(`BankContext.${name} must be a finite number ≥ 0`);
    }
  }
}
