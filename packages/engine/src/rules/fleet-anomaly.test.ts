import { describe, expect, it } from 'vitest';
import type { DeviceSighting } from '../signals.ts';
import { aContext, minutesAgo, NOW, ruleOf } from '../testing/fixtures.ts';
import { accountsOnDevice, fleetAnomaly } from './fleet-anomaly.ts';

const rule = ruleOf(fleetAnomaly);
const seen = (userId: string, minutes: number, deviceId = 'dev-1'): DeviceSighting => ({
  userId,
  deviceId,
  at: minutesAgo(minutes),
});
const withSightings = (...sightings: DeviceSighting[]) => aContext({ deviceSightings: sightings });

describe('fleetAnomaly', () => {
  it.each([
    ['no sightings at all', aContext()],
    ['no sightings', withSightings()],
    ['only this user on the device', withSightings(seen('u-1', 5), seen('u-1', 30))],
    ['another user 61 min ago', withSightings(seen('u-2', 61))],
    ['another user on another device', withSightings(seen('u-2', 5, 'dev-9'))],
  ])('does not fire with %s', (_label, ctx) => {
    expect(rule.evaluate(ctx)).toBeNull();
  });

  it.each([
    ['a second account 5 min ago', [seen('u-2', 5)], 2],
    ['a second account exactly 60 min ago', [seen('u-2', 60)], 2],
    ['a second account seen "in the future" (clock skew)', [seen('u-2', -1)], 2],
    [
      'three accounts, repeated sightings',
      [seen('u-2', 5), seen('u-3', 20), seen('u-2', 40), seen('u-1', 1)],
      3,
    ],
  ])('fires with %s: critical and freeze', (_label, sightings, accounts) => {
    expect(rule.evaluate(withSightings(...sightings))).toEqual({
      code: 'FLEET_ANOMALY',
      message: `This device was used on ${accounts} accounts in the last 60 min`,
      weight: 100,
      evidence: { accounts, windowMinutes: 60 },
      critical: true,
      freeze: true,
    });
  });

  it('follows its params: three accounts needed, no freeze', () => {
    const strict = ruleOf(fleetAnomaly, {
      windowMinutes: 30,
      minAccounts: 3,
      weight: 90,
      freeze: false,
    });
    expect(strict.evaluate(withSightings(seen('u-2', 5)))).toBeNull();
    expect(strict.evaluate(withSightings(seen('u-2', 5), seen('u-3', 31)))).toBeNull();
    expect(strict.evaluate(withSightings(seen('u-2', 5), seen('u-3', 29)))).toMatchObject({
      weight: 90,
      critical: true,
      freeze: false,
    });
  });

  it('lists the accounts involved for the service to freeze, sorted, this one included', () => {
    const sightings = [
      seen('u-9', 5),
      seen('u-2', 10),
      seen('u-2', 20),
      seen('u-5', 90),
      seen('u-7', 1, 'dev-2'),
    ];
    expect(accountsOnDevice(sightings, 'dev-1', 'u-1', NOW, 60)).toEqual(['u-1', 'u-2', 'u-9']);
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
  ])('rejects %s', (_label, params, path) => {
    const result = fleetAnomaly.params.safeParse(params);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(path);
  });
});
