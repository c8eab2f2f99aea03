import { describe, expect, it } from 'vitest';
import type { ContextOverrides } from '../testing/fixtures.ts';
import {
  aContext,
  aProfile,
  aSignal,
  hoursAgo,
  IMEI,
  OTHER_IMEI,
  PHONE,
  ruleOf,
} from '../testing/fixtures.ts';
import { deviceChangeAfterSimSwap } from './device-change-after-sim-swap.ts';

const rule = ruleOf(deviceChangeAfterSimSwap);
const NEW_DEVICE: ContextOverrides = { payment: { device: { id: 'dev-new' } } };
const RECENTLY_BOUND: ContextOverrides = {
  profile: aProfile({ devices: [{ id: 'dev-1', imei: IMEI, boundAt: hoursAgo(2) }] }),
};
const IMEI_DRIFT: ContextOverrides = {
  history: { lastImei: { imei: OTHER_IMEI, phoneNumber: PHONE, at: hoursAgo(30) } },
};
const swapped = (hours: number, change: ContextOverrides) =>
  aContext({ ...change, signal: aSignal({ lastSwapAt: hoursAgo(hours) }) });

describe('deviceChangeAfterSimSwap', () => {
  it.each([
    ['a new device 2 h after a swap', swapped(2, NEW_DEVICE), true],
    ['a recently bound device 2 h after a swap', swapped(2, RECENTLY_BOUND), true],
    ['IMEI drift 2 h after a swap', swapped(2, IMEI_DRIFT), true],
    ['an unknown user (no bound device) 2 h after a swap', swapped(2, { profile: null }), true],
    ['a new device 30 h after a swap', swapped(30, NEW_DEVICE), false],
    ['a new device just under 48 h after a swap', swapped(47.9, NEW_DEVICE), false],
  ])('fires for %s (critical: %s)', (_label, ctx, critical) => {
    expect(rule.evaluate(ctx)).toMatchObject({
      code: 'DEVICE_CHANGE_AFTER_SIM_SWAP',
      weight: 40,
      critical,
      blocksSms: true,
    });
  });

  it('is critical up to, not including, 24 h', () => {
    expect(rule.evaluate(swapped(23.99, NEW_DEVICE))?.critical).toBe(true);
    expect(rule.evaluate(swapped(24, NEW_DEVICE))?.critical).toBe(false);
  });

  it('is never critical with criticalWithinHours 0 (the batch preset), even minutes after a swap', () => {
    const never = ruleOf(deviceChangeAfterSimSwap, {
      withinHours: 48,
      criticalWithinHours: 0,
      minBoundHours: 24,
      weight: 25,
    });
    expect(never.evaluate(swapped(0, NEW_DEVICE))).toMatchObject({ weight: 25, critical: false });
    expect(never.evaluate(swapped(47, NEW_DEVICE))?.critical).toBe(false);
  });

  it('says what changed, in numbers and flags only', () => {
    expect(rule.evaluate(swapped(3, IMEI_DRIFT))).toMatchObject({
      message: 'Handset (IMEI) changed; SIM changed 3 h ago',
      evidence: { swapAgeHours: 3, deviceUnknown: false, recentlyBound: false, imeiDrift: true },
    });
    expect(rule.evaluate(swapped(3, NEW_DEVICE))?.message).toBe('New device; SIM changed 3 h ago');
  });

  it.each([
    ['the own bound device right after a swap', swapped(0.1, {})],
    ['a new device exactly 48 h after a swap', swapped(48, NEW_DEVICE)],
    ['a new device without any swap', aContext(NEW_DEVICE)],
    ['a new device with no signal at all', aContext({ ...NEW_DEVICE, signal: null })],
  ])('does not fire for %s', (_label, ctx) => {
    expect(rule.evaluate(ctx)).toBeNull();
  });

  it('rejects a critical window longer than the rule window', () => {
    const result = deviceChangeAfterSimSwap.params.safeParse({
      withinHours: 24,
      criticalWithinHours: 48,
      minBoundHours: 24,
      weight: 40,
    });
    expect(result.error?.issues).toMatchObject([{ path: ['criticalWithinHours'] }]);
  });
});
