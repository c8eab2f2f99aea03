import type { BankContext, BrowserContext } from './session-context.ts';

export interface DeviceFeatures {
  readonly is_new_device: number;
  readonly device_fingerprint_delta: number;
  readonly timezone_changed: number;
  readonly os_version_changed: number;
  readonly device_class_known: number;
  readonly device_session_count: number;
  readonly device_class_switch: number;
  readonly is_known_fingerprint: number;
  readonly time_since_last_seen_hours: number;
}

const flag = (b: boolean | undefined) => (b === true ? 1 : 0);
const changed = (last: string | undefined, now: string | undefined) =>
  last !== undefined && now !== undefined && last !== now ? 1 : 0;

/**
 * SHIELD's device context and device trust groups. The two "changed" flags compare what the
 * browser reports now with what the bank says it reported last time; the rest is the bank's,
 * 0 when not given. Browsers freeze the OS version in their user-agent strings, so
 * os_version_changed can only see a change of platform.
 */
export function deviceFeatures(bank: BankContext, browser: BrowserContext): DeviceFeatures {
  return {
    is_new_device: flag(bank.isNewDevice),
    device_fingerprint_delta: bank.fingerprintDelta ?? 0,
    timezone_changed: changed(bank.lastTimeZone, browser.timeZone),
    os_version_changed: changed(bank.lastOs, browser.os),
    device_class_known: flag(bank.deviceClassKnown),
    device_session_count: bank.deviceSessionCount ?? 0,
    device_class_switch: flag(bank.deviceClassSwitch),
    is_known_fingerprint: flag(bank.knownFingerprint),
    time_since_last_seen_hours: bank.hoursSinceLastSeen ?? 0,
  };
}
