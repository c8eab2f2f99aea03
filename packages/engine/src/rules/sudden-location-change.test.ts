import { describe, expect, it } from 'vitest';
import type { Location } from '../payment.ts';
import {
  aContext,
  CAPE_TOWN,
  hoursAgo,
  JOHANNESBURG,
  PRETORIA,
  ruleOf,
} from '../testing/fixtures.ts';
import { suddenLocationChange } from './sudden-location-change.ts';

const rule = ruleOf(suddenLocationChange);
const gps = (p: { lat: number; lon: number }): Location => ({ ...p, accuracyM: 20, source: 'GPS' });
const moved = (to: Location, lastSeenHoursAgo: number) =>
  aContext({
    history: { lastLocation: { ...gps(JOHANNESBURG), at: hoursAgo(lastSeenHoursAgo) } },
    payment: { location: to },
  });

describe('suddenLocationChange', () => {
  it('fires for 1,262 km within a day', () => {
    expect(rule.evaluate(moved(gps(CAPE_TOWN), 5))).toEqual({
      code: 'LOCATION_JUMP',
      message: '1262 km from the last known location, seen 5 h earlier',
      weight: 20,
      evidence: { distanceKm: 1262, hours: 5 },
    });
  });

  it('fires at exactly the window edge', () => {
    expect(rule.evaluate(moved(gps(CAPE_TOWN), 24))?.code).toBe('LOCATION_JUMP');
  });

  it.each([
    ['54 km (Pretoria)', moved(gps(PRETORIA), 1)],
    ['a jump seen more than 24 h apart', moved(gps(CAPE_TOWN), 24.1)],
    ['no payment location', aContext({ payment: { location: undefined } })],
  ])('does not fire for %s', (_label, ctx) => {
    expect(rule.evaluate(ctx)).toBeNull();
  });

  it('rejects a distance beyond half the Earth', () => {
    expect(
      suddenLocationChange.params.safeParse({ minDistanceKm: 30_000, windowHours: 24, weight: 20 })
        .success,
    ).toBe(false);
  });
});
