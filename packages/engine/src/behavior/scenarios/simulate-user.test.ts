import { describe, expect, it } from 'vitest';
import { loadShieldReference } from '../../testing/shield-files.ts';
import { NOW } from '../../testing/fixtures.ts';
import { BEHAVIOR_FEATURE_NAMES } from '../feature-schema.ts';
import { attemptFeatures, SCENARIOS, simulateUser } from './simulate-user.ts';

const reference = loadShieldReference();
const LAST_SEEN = 'time_since_last_seen_hours';

describe('simulateUser', () => {
  it('is reproducible: same seed and clock, same user — to the last bit', () => {
    const a = simulateUser(reference, { seed: 17, now: NOW, attemptsPerScenario: 2 });
    const b = simulateUser(reference, { seed: 17, now: NOW, attemptsPerScenario: 2 });
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const other = simulateUser(reference, { seed: 18, now: NOW, attemptsPerScenario: 2 });
    expect(other.enrolment).not.toEqual(a.enrolment);
    expect(other.attempts[0]?.features).not.toEqual(a.attempts[0]?.features);
  });

  it('enrols ≥ 10 legitimate sessions and tests every scenario, the control first', () => {
    const user = simulateUser(reference, { seed: 1, now: NOW, attemptsPerScenario: 3 });
    expect(user.enrolment).toHaveLength(10);
    expect(user.enrolment.every((s) => s.length === 55)).toBe(true);
    expect(user.attempts.map((a) => a.scenario)).toEqual(SCENARIOS.flatMap((s) => [s, s, s]));
    expect(SCENARIOS).toEqual([
      'legitimate',
      'scenario_1',
      'scenario_2',
      'scenario_3',
      'scenario_4',
      'scenario_5',
      'scenario_6',
    ]);
    expect(user.boundAt.getTime()).toBeLessThan(NOW.getTime() - 30 * 24 * 3_600_000);
  });

  it('gives each scenario its device: bound phone, attacker phone, laptop, bot, fleet device', () => {
    const user = simulateUser(reference, { seed: 2, now: NOW });
    const device = Object.fromEntries(user.attempts.map((a) => [a.scenario, a.device]));
    expect(user.userId).toBe('sim-2');
    expect(user.phoneNumber).toMatch(/^\+2782\d{7}$/);
    expect(user.boundDevice.imei).toMatch(/^\d{15}$/);
    expect(device['legitimate']).toEqual({ ...user.boundDevice, platform: 'android' });
    expect(device['scenario_4']).toEqual(device['legitimate']);
    expect(device['scenario_1']?.id).toBe('attacker-phone-2');
    expect(device['scenario_1']?.imei).toMatch(/^86\d{13}$/);
    expect(device['scenario_1']?.imei).not.toBe(user.boundDevice.imei);
    expect(device['scenario_2']).toEqual({ id: 'laptop-2', platform: 'web' });
    expect(device['scenario_3']).toEqual({ id: 'bot-2', platform: 'web' });
    expect(device['scenario_5']?.id).toBe('ATTACKER_DEVICE_FLEET_001');
    // One physical attacker device: the same for every user it attacks.
    const other = simulateUser(reference, { seed: 3, now: NOW });
    expect(other.attempts.find((a) => a.scenario === 'scenario_5')?.device).toEqual(
      device['scenario_5'],
    );
  });

  it('gives the IMEIs a valid Luhn check digit', () => {
    const luhn = (imei: string) => {
      let sum = 0;
      for (let i = 0; i < imei.length; i += 1) {
        const d = Number(imei[imei.length - 1 - i]) * (i % 2 === 1 ? 2 : 1);
        sum += d > 9 ? d - 9 : d;
      }
      return sum % 10;
    };
    const user = simulateUser(reference, { seed: 4, now: NOW });
    const imeis = [user.boundDevice.imei, ...user.attempts.flatMap((a) => a.device.imei ?? [])];
    expect(imeis.map(luhn)).toEqual(imeis.map(() => 0));
  });

  it('draws each part from its own stream: more enrolment sessions leave the attempts alone', () => {
    const ten = simulateUser(reference, { seed: 5, now: NOW });
    const thirty = simulateUser(reference, { seed: 5, now: NOW, enrolmentSessions: 30 });
    expect(thirty.enrolment.slice(0, 10)).toEqual(ten.enrolment);
    expect(thirty.attempts).toEqual(ten.attempts);
  });

  it('draws SIM swap ages within the asked range', () => {
    const ages = Array.from({ length: 50 }, (_, seed) =>
      simulateUser(reference, { seed, now: NOW, simSwapAgeHours: { min: 1, max: 2 } }),
    ).flatMap((u) => u.attempts.map((a) => a.simSwapAgeHours));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...ages)).toBeLessThan(2);
  });

  it.each([
    [{ enrolmentSessions: 9 }, 'enrolmentSessions must be an integer ≥ 10'],
    [{ attemptsPerScenario: 0 }, 'attemptsPerScenario must be a positive integer'],
    [{ simSwapAgeHours: { min: 5, max: 1 } }, 'simSwapAgeHours needs 0 ≤ min ≤ max'],
  ])('rejects %o', (options, message) => {
    expect(() => simulateUser(reference, { seed: 1, now: NOW, ...options })).toThrow(message);
  });
});

describe('attemptFeatures', () => {
  const user = simulateUser(reference, { seed: 6, now: NOW });
  const attempt = (scenario: string) => user.attempts.find((a) => a.scenario === scenario)!;

  it('keeps SHIELD’s 9999 h marker or swaps in a legitimate-like time, nothing else', () => {
    const marked = attemptFeatures(attempt('scenario_3'), 'profile')!;
    const honest = attemptFeatures(attempt('scenario_3'), 'legitimate')!;
    expect(Object.keys(marked)).toEqual(BEHAVIOR_FEATURE_NAMES);
    expect(marked[LAST_SEEN]).toBeGreaterThan(9990);
    expect(honest[LAST_SEEN]).toBe(attempt('scenario_3').legitimateLastSeenHours);
    expect(honest[LAST_SEEN]).toBeLessThan(60); // N(18, 6) with ±8 %: 7 sd away
    expect({ ...honest, [LAST_SEEN]: 0 }).toEqual({ ...marked, [LAST_SEEN]: 0 });
  });

  it('has no session for the pre-auth SIM probe', () => {
    expect(attempt('scenario_6').features).toBeNull();
    expect(attemptFeatures(attempt('scenario_6'), 'legitimate')).toBeNull();
  });
});
