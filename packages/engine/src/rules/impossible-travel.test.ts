import { describe, expect, it } from 'vitest';
import type { Location } from '../payment.ts';
import {
  aContext,
  CAPE_TOWN,
  hoursAgo,
  JOHANNESBURG,
  minutesAgo,
  NOW,
  PRETORIA,
  ruleOf,
} from '../testing/fixtures.ts';
import { impossibleTravel } from './impossible-travel.ts';

const rule = ruleOf(impossibleTravel);
const gps = (p: { lat: number; lon: number }, accuracyM = 20): Location => ({
  ...p,
  accuracyM,
  source: 'GPS',
});
const travel = (from: Location, at: Date, to: Location) =>
  aContext({ history: { lastLocation: { ...from, at } }, payment: { location: to } });

describe('impossibleTravel', () => {
  it('fires for Johannesburg → Cape Town in 20 minutes', () => {
    const hit = rule.evaluate(travel(gps(JOHANNESBURG), minutesAgo(20), gps(CAPE_TOWN)));
    expect(hit).toMatchObject({
      code: 'IMPOSSIBLE_TRAVEL',
      weight: 50,
      evidence: { distanceKm: 1262, minutes: 20 },
    });
    expect(hit?.evidence['speedKmh']).toBeGreaterThan(3700);
  });

  it.each([
    [
      'a flight (Johannesburg → Cape Town in 2 h)',
      travel(gps(JOHANNESBURG), hoursAgo(2), gps(CAPE_TOWN)),
    ],
    [
      'a drive (Johannesburg → Pretoria in 1 h)',
      travel(gps(JOHANNESBURG), hoursAgo(1), gps(PRETORIA)),
    ],
    [
      'the same place a second later',
      travel(gps(JOHANNESBURG), new Date(NOW.getTime() - 1000), gps(JOHANNESBURG)),
    ],
    // 54 km apart, but each coarse IP fix is only good to 30 km: no distance is certain.
    [
      'coarse IP fixes whose accuracy covers the distance',
      travel({ ...JOHANNESBURG, accuracyM: 30_000, source: 'IP' }, minutesAgo(1), {
        ...PRETORIA,
        accuracyM: 30_000,
        source: 'IP',
      }),
    ],
    ['no location on the payment', aContext({ payment: { location: undefined } })],
    ['no last location', aContext({ history: { lastLocation: undefined } })],
  ])('does not fire for %s', (_label, ctx) => {
    expect(rule.evaluate(ctx)).toBeNull();
  });

  it('fires without dividing by zero for two places at the same instant', () => {
    const hit = rule.evaluate(travel(gps(JOHANNESBURG), NOW, gps(CAPE_TOWN)));
    expect(hit).toMatchObject({ evidence: { speedKmh: null, distanceKm: 1262, minutes: 0 } });
    expect(hit?.message).toBe('Seen 1262 km apart at the same moment');
  });

  it('measures out-of-order events by the absolute time between them', () => {
    const hit = rule.evaluate(
      travel(gps(JOHANNESBURG), new Date(NOW.getTime() + 20 * 60_000), gps(CAPE_TOWN)),
    );
    expect(hit?.evidence['minutes']).toBe(20);
  });

  it('fires just above the threshold and not at it', () => {
    // 1262 km: 900 km/h takes 84 min.
    expect(
      rule.evaluate(travel(gps(JOHANNESBURG, 0), minutesAgo(80), gps(CAPE_TOWN, 0))),
    ).not.toBeNull();
    expect(
      rule.evaluate(travel(gps(JOHANNESBURG, 0), minutesAgo(90), gps(CAPE_TOWN, 0))),
    ).toBeNull();
  });

  it('rejects a zero speed limit', () => {
    expect(impossibleTravel.params.safeParse({ maxSpeedKmh: 0, weight: 10 }).success).toBe(false);
  });
});
