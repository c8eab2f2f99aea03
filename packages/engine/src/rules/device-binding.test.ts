import { describe, expect, it } from 'vitest';
import { aContext, aProfile, hoursAgo, IMEI, ruleOf } from '../testing/fixtures.ts';
import { deviceBinding } from './device-binding.ts';

const rule = ruleOf(deviceBinding);
const boundAt = (at: Date) => aProfile({ devices: [{ id: 'dev-1', imei: IMEI, boundAt: at }] });

describe('deviceBinding', () => {
  it('does not fire for a device bound long ago', () => {
    expect(rule.evaluate(aContext())).toBeNull();
  });

  it('fires USER_UNKNOWN with a modest weight when the bank never onboarded the user', () => {
    expect(rule.evaluate(aContext({ profile: null }))).toMatchObject({
      code: 'USER_UNKNOWN',
      weight: 15,
    });
  });

  it('fires DEVICE_UNKNOWN for a device not bound to the customer', () => {
    const hit = rule.evaluate(aContext({ payment: { device: { id: 'dev-evil' } } }));
    expect(hit).toEqual({
      code: 'DEVICE_UNKNOWN',
      message: 'Payment from a device not bound to this customer',
      weight: 40,
      evidence: { boundDevices: 1 },
    });
  });

  it.each([
    ['1 h', hoursAgo(1), 1],
    ['just under 24 h', hoursAgo(23.9), 23.9],
    ['"in the future" (clock skew)', hoursAgo(-2), -2],
  ])('fires DEVICE_RECENTLY_BOUND for a device bound %s ago', (_label, at, boundHoursAgo) => {
    expect(rule.evaluate(aContext({ profile: boundAt(at) }))).toMatchObject({
      code: 'DEVICE_RECENTLY_BOUND',
      weight: 25,
      evidence: { boundHoursAgo, minBoundHours: 24 },
    });
  });

  it.each([hoursAgo(24), hoursAgo(25)])('does not fire for a device bound at %s (≥ 24 h)', (at) => {
    expect(rule.evaluate(aContext({ profile: boundAt(at) }))).toBeNull();
  });

  it('rejects a missing minBoundHours', () => {
    const result = deviceBinding.params.safeParse({
      unknownUserWeight: 1,
      unknownDeviceWeight: 1,
      recentlyBoundWeight: 1,
    });
    expect(result.error?.issues[0]?.path).toEqual(['minBoundHours']);
  });
});
