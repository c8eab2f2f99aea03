import { describe, expect, it } from 'vitest';
import { loadShieldReference } from '../../testing/shield-files.ts';
import { NOW } from '../../testing/fixtures.ts';
import { simulateFleet } from './simulate-fleet.ts';
import { simulateUser } from './simulate-user.ts';

const reference = loadShieldReference();
const users = [1, 2, 3, 4].map((seed) => simulateUser(reference, { seed, now: NOW }));

describe('simulateFleet', () => {
  it('attacks the accounts in turn within the span, the last at now', () => {
    const fleet = simulateFleet(users, { seed: 9, now: NOW });
    const times = fleet.map((a) => a.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.at(-1)).toBe(NOW.getTime());
    expect(NOW.getTime() - times[0]!).toBeLessThan(59 * 60_000);
    expect(fleet.map((a) => a.user.userId)).toEqual(['sim-1', 'sim-2', 'sim-3', 'sim-4']);
    expect(new Set(fleet.map((a) => a.attempt.device.id))).toEqual(
      new Set(['ATTACKER_DEVICE_FLEET_001']),
    );
  });

  it('shows each account the device’s sightings on the accounts before it', () => {
    const fleet = simulateFleet(users, { seed: 9, now: NOW });
    fleet.forEach((account, i) => {
      expect(account.deviceSightings).toEqual(
        fleet.slice(0, i).map((a) => ({
          userId: a.user.userId,
          deviceId: 'ATTACKER_DEVICE_FLEET_001',
          at: a.at,
          bound: false,
        })),
      );
    });
  });

  it('is reproducible from its seed', () => {
    const times = (seed: number) => simulateFleet(users, { seed, now: NOW }).map((a) => a.at);
    expect(times(9)).toEqual(times(9));
    expect(times(10)).not.toEqual(times(9));
  });

  it('needs two accounts', () => {
    expect(() => simulateFleet(users.slice(0, 1), { seed: 1, now: NOW })).toThrow(RangeError);
  });
});
