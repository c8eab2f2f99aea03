import { describe, expect, it } from 'vitest';
import { deviceFeatures } from './device-features.ts';
import { checkBankContext } from './session-context.ts';

describe('deviceFeatures', () => {
  it('takes the bank’s trust inputs as given and compares time zone and platform with last time', () => {
    const f = deviceFeatures(
      {
        isNewDevice: true,
        fingerprintDelta: 0.3,
        lastTimeZone: 'Africa/Johannesburg',
        lastOs: 'Android',
        deviceClassKnown: true,
        deviceSessionCount: 8,
        deviceClassSwitch: false,
        knownFingerprint: true,
        hoursSinceLastSeen: 18,
      },
      { localHour: 9, timeZone: 'Europe/London', os: 'Android' },
    );
    expect(f).toEqual({
      is_new_device: 1,
      device_fingerprint_delta: 0.3,
      timezone_changed: 1,
      os_version_changed: 0,
      device_class_known: 1,
      device_session_count: 8,
      device_class_switch: 0,
      is_known_fingerprint: 1,
      time_since_last_seen_hours: 18,
    });
  });

  it('nothing from the bank: every input is 0 ("not provided"), nothing is guessed', () => {
    const f = deviceFeatures({}, { localHour: 9, timeZone: 'Europe/London', os: 'Linux' });
    expect(Object.values(f).every((v) => v === 0)).toBe(true);
  });

  it.each([
    [{ hoursSinceLastSeen: Number.NaN }, 'hoursSinceLastSeen'],
    [{ deviceSessionCount: -1 }, 'deviceSessionCount'],
    [{ usualSessionMs: { mean: 1, std: Infinity } }, 'usualSessionMs.std'],
  ])('refuses a bank input that is not a finite number ≥ 0 (%o)', (bank, name) => {
    expect(() => checkBankContext(bank)).toThrow(`BankContext.${name}`);
  });
});
