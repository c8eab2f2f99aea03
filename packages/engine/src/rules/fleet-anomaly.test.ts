import { describe, expect, it } from 'vitest';
import type { DeviceSighting } from '../signals.ts';
import {
  aContext,
  aProfile,
  minutesAgo,
  ruleOf,
  type ContextOverrides,
} from '../testing/fixtures.ts';
import { fleetAnomaly } from './fleet-anomaly.ts';

const rule = ruleOf(fleetAnomaly);
const strictBound = ruleOf(fleetAnomaly, {
  windowMinutes: 60,
  minAccounts: 2,
  weight: 100,
  freeze: true,
  freezeBoundCustomer: true,
});
const noFreeze = ruleOf(fleetAnomaly, {
  windowMinutes: 60,
  minAccounts: 2,
  weight: 100,
  freeze: false,
});

/** An account seen on `deviceId` `minutes` ago; by default a device not bound to it. */
const seen = (
  userId: string,
  minutes: number,
  deviceId = 'dev-1',
  bound = false,
): DeviceSighting => ({
  userId,
  deviceId,
  at: minutesAgo(minutes),
  bound,
});
// The payer u-1 pays from dev-x, a device bound to no one (aProfile binds dev-1 only).
const fromUnbound = (sightings: DeviceSighting[], overrides: ContextOverrides = {}) =>
  aContext({ payment: { device: { id: 'dev-x' } }, deviceSightings: sightings, ...overrides });
// The payer u-1 pays from dev-1, their own bound phone.
const fromOwnPhone = (sightings: DeviceSighting[]) => aContext({ deviceSightings: sightings });

describe('fleetAnomaly', () => {
  it.each([
    ['no sightings at all', aContext()],
    ['no sightings', fromUnbound([])],
    [
      'only this user on the device',
      fromUnbound([seen('u-1', 5, 'dev-x'), seen('u-1', 30, 'dev-x')]),
    ],
    ['another user 61 min ago', fromUnbound([seen('u-2', 61, 'dev-x')])],
    ['another user on another device', fromUnbound([seen('u-2', 5, 'dev-9')])],
    [
      // Issue 10: a payment naming a customer who does not exist, from a device seen on one
      // real account, adds nothing to the count.
      'a payer who is no known customer and one real account',
      fromUnbound([seen('u-2', 5, 'dev-x')], { profile: null }),
    ],
  ])('does not fire with %s', (_label, ctx) => {
    expect(rule.evaluate(ctx)).toBeNull();
  });

  // Each row: who pays from where, what was seen, the rule → action level, and which accounts freeze.
  it.each([
    [
      'stuffing: a second account 5 min ago on a device bound to neither',
      rule,
      fromUnbound([seen('u-2', 5, 'dev-x')]),
      { accounts: 2, critical: true, freeze: true, others: ['u-2'], boundToPayer: false },
    ],
    [
      'stuffing: a second account exactly 60 min ago',
      rule,
      fromUnbound([seen('u-2', 60, 'dev-x')]),
      { accounts: 2, critical: true, freeze: true, others: ['u-2'], boundToPayer: false },
    ],
    [
      'stuffing: a second account seen "in the future" (clock skew)',
      rule,
      fromUnbound([seen('u-2', -1, 'dev-x')]),
      { accounts: 2, critical: true, freeze: true, others: ['u-2'], boundToPayer: false },
    ],
    [
      'stuffing: three accounts, repeated sightings, sorted',
      rule,
      fromUnbound([
        seen('u-3', 5, 'dev-x'),
        seen('u-2', 20, 'dev-x'),
        seen('u-3', 40, 'dev-x'),
        seen('u-1', 1, 'dev-x'),
      ]),
      { accounts: 3, critical: true, freeze: true, others: ['u-2', 'u-3'], boundToPayer: false },
    ],
    [
      'the device’s own customer pays after stuffing from their phone: step-up, not frozen',
      rule,
      fromOwnPhone([seen('u-2', 5), seen('u-3', 10)]),
      { accounts: 3, critical: false, freeze: false, others: ['u-2', 'u-3'], boundToPayer: true },
    ],
    [
      'a stuffed account paid from someone’s bound phone: that customer is not frozen',
      rule,
      fromUnbound([seen('u-owner', 5, 'dev-x', true), seen('u-2', 9, 'dev-x')]),
      { accounts: 3, critical: true, freeze: true, others: ['u-2'], boundToPayer: false },
    ],
    [
      'a policy that freezes the bound customer: critical and frozen',
      strictBound,
      fromOwnPhone([seen('u-2', 5)]),
      { accounts: 2, critical: true, freeze: true, others: ['u-2'], boundToPayer: true },
    ],
    [
      'a policy that freezes the bound customer freezes them as another account too',
      strictBound,
      fromUnbound([seen('u-owner', 5, 'dev-x', true)]),
      { accounts: 2, critical: true, freeze: true, others: ['u-owner'], boundToPayer: false },
    ],
    [
      'a policy that freezes nobody: still critical for stuffing, nothing frozen',
      noFreeze,
      fromUnbound([seen('u-2', 5, 'dev-x')]),
      { accounts: 2, critical: true, freeze: false, others: [], boundToPayer: false },
    ],
    [
      'a payer who is no known customer, two real accounts: they are frozen, the payer counts not',
      rule,
      fromUnbound([seen('u-2', 5, 'dev-x'), seen('u-3', 6, 'dev-x')], { profile: null }),
      { accounts: 2, critical: true, freeze: false, others: ['u-2', 'u-3'], boundToPayer: false },
    ],
    [
      'an account seen both bound and unbound counts as bound (a doubt never freezes it)',
      rule,
      fromUnbound([seen('u-2', 5, 'dev-x', true), seen('u-2', 9, 'dev-x', false)]),
      { accounts: 2, critical: true, freeze: true, others: [], boundToPayer: false },
    ],
  ])('fires with %s', (_label, r, ctx, want) => {
    const hit = r.evaluate(ctx);
    expect(hit).toMatchObject({
      code: 'FLEET_ANOMALY',
      weight: 100,
      evidence: { accounts: want.accounts, windowMinutes: 60, boundToPayer: want.boundToPayer },
      critical: want.critical,
      freeze: want.freeze,
    });
    expect(hit?.freezeOthers ?? []).toEqual(want.others);
  });

  it('counts the payer by their profile, not the request: a profile binding dev-x makes them the owner', () => {
    const owner = aProfile({
      devices: [{ id: 'dev-x', boundAt: minutesAgo(60 * 24 * 30) }],
    });
    const hit = rule.evaluate(fromUnbound([seen('u-2', 5, 'dev-x')], { profile: owner }));
    expect(hit).toMatchObject({ critical: false, freeze: false, evidence: { boundToPayer: true } });
    expect(hit?.message).toBe(
      "This customer's own device was used on 2 accounts in the last 60 min",
    );
  });

  it('follows its params: three accounts needed, in a 30 min window, its weight', () => {
    const strict = ruleOf(fleetAnomaly, {
      windowMinutes: 30,
      minAccounts: 3,
      weight: 90,
      freeze: false,
    });
    expect(strict.evaluate(fromUnbound([seen('u-2', 5, 'dev-x')]))).toBeNull();
    expect(
      strict.evaluate(fromUnbound([seen('u-2', 5, 'dev-x'), seen('u-3', 31, 'dev-x')])),
    ).toBeNull();
    expect(
      strict.evaluate(fromUnbound([seen('u-2', 5, 'dev-x'), seen('u-3', 29, 'dev-x')])),
    ).toMatchObject({ weight: 90, critical: true, freeze: false });
  });

  it.each([
    [
      'one account',
      { windowMinutes: 60, minAccounts: 1, weight: 100, freeze: true },
      ['minAccounts'],
    ],
    [
      'a window over a day',
      { windowMinutes: 1441, minAccounts: 2, weight: 100, freeze: true },
      ['windowMinutes'],
    ],
    ['no freeze flag', { windowMinutes: 60, minAccounts: 2, weight: 100 }, ['freeze']],
    [
      'a bound-customer flag that is not a boolean',
      { windowMinutes: 60, minAccounts: 2, weight: 100, freeze: true, freezeBoundCustomer: 'no' },
      ['freezeBoundCustomer'],
    ],
  ])('rejects %s', (_label, params, path) => {
    const result = fleetAnomaly.params.safeParse(params);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });

  it('does not freeze the bound customer unless the policy says so', () => {
    const parsed = fleetAnomaly.params.parse({
      windowMinutes: 60,
      minAccounts: 2,
      weight: 100,
      freeze: true,
    });
    expect(parsed.freezeBoundCustomer).toBe(false);
  });
});
