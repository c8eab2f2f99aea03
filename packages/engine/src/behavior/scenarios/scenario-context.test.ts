import { describe, expect, it } from 'vitest';
import { loadShieldReference } from '../../testing/shield-files.ts';
import { assess } from '../../assess.ts';
import { compiled, NOW } from '../../testing/fixtures.ts';
import { fitBaseline } from '../fit-baseline.ts';
import { scenarioContext } from './scenario-context.ts';
import { simulateUser } from './simulate-user.ts';

const reference = loadShieldReference();
const policy = compiled();
const user = simulateUser(reference, { seed: 8, now: NOW });
const baseline = fitBaseline(user.enrolment, { fittedAt: NOW }).baseline!;
const attempt = (scenario: string) => user.attempts.find((a) => a.scenario === scenario)!;
const HOUR = 3_600_000;

describe('scenarioContext', () => {
  it('builds a known customer on the bound phone with a fresh, clean SIM signal', () => {
    const ctx = scenarioContext(
      user,
      attempt('legitimate'),
      { simSwap: false, lastSeen: 'profile' },
      { now: NOW, baseline },
    );
    expect(ctx.profile).toEqual({
      userId: 'sim-8',
      phoneNumber: user.phoneNumber,
      devices: [{ ...user.boundDevice, boundAt: user.boundAt }],
      enrolledFactors: ['WEBAUTHN'],
      contacts: { email: 'sim-8@example.com' },
    });
    expect(ctx.simSwap).toEqual({
      signal: {
        phoneNumber: user.phoneNumber,
        lastSwapAt: null,
        checkedAt: new Date(NOW.getTime() - 60_000),
        source: 'simulator',
      },
      freshness: 'FRESH',
    });
    expect(ctx.payment.device).toEqual(attempt('legitimate').device);
    expect(ctx.history.lastImei).toEqual({
      imei: user.boundDevice.imei,
      phoneNumber: user.phoneNumber,
      at: new Date(NOW.getTime() - attempt('legitimate').legitimateLastSeenHours * HOUR),
    });
    expect(ctx.behavior).toEqual({ baseline });
    expect(ctx).not.toHaveProperty('deviceSightings');
    const assessment = assess(ctx, policy);
    expect(assessment).toMatchObject({ action: 'APPROVE', freeze: false, reasons: [] });
    expect(assessment.signals.behavior?.score).toBeGreaterThan(70);
  });

  it('reports the swap the attempt drew when the run simulates one', () => {
    const a = attempt('scenario_1');
    const ctx = scenarioContext(
      user,
      a,
      { simSwap: true, lastSeen: 'profile' },
      { now: NOW, baseline },
    );
    expect(ctx.simSwap.signal?.lastSwapAt).toEqual(
      new Date(NOW.getTime() - a.simSwapAgeHours * HOUR),
    );
    const assessment = assess(ctx, policy);
    expect(assessment).toMatchObject({ action: 'DENY', freeze: true });
    expect(assessment.reasons.map((r) => r.code)).toEqual(
      expect.arrayContaining([
        'BEHAVIOR_ANOMALY',
        'DEVICE_UNKNOWN',
        'IMEI_DRIFT',
        'SIM_SWAP_RECENT',
      ]),
    );
  });

  it('carries the session with the chosen time_since_last_seen_hours', () => {
    const a = attempt('scenario_5');
    const lastSeen = (variant: 'profile' | 'legitimate') =>
      scenarioContext(user, a, { simSwap: false, lastSeen: variant }, { now: NOW, baseline })
        .payment.behavior?.features['time_since_last_seen_hours'];
    expect(lastSeen('profile')).toBeGreaterThan(9990);
    expect(lastSeen('legitimate')).toBe(a.legitimateLastSeenHours);
  });

  it('sends no session for the pre-auth probe, and passes sightings and "not enrolled" through', () => {
    const sightings = [{ userId: 'sim-9', deviceId: 'x', at: NOW, bound: false }];
    const ctx = scenarioContext(
      user,
      attempt('scenario_6'),
      { simSwap: false, lastSeen: 'profile' },
      { now: NOW, baseline: null, deviceSightings: sightings },
    );
    expect(ctx.payment).not.toHaveProperty('behavior');
    expect(ctx.behavior).toEqual({ baseline: null });
    expect(ctx.deviceSightings).toBe(sightings);
  });
});
