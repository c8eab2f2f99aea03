import { describe, expect, it } from 'vitest';
import { loadShieldReference } from '../../testing/shield-files.ts';
import { compiled, NOW } from '../../testing/fixtures.ts';
import { evaluateScenarios } from './scenario-evaluation.ts';

const base = { reference: loadShieldReference(), policy: compiled(), now: NOW };

describe('evaluateScenarios', () => {
  const result = evaluateScenarios({ ...base, runs: 4, simulation: { attemptsPerScenario: 2 } });

  it('assesses every scenario under the four conditions, every run', () => {
    expect(result.conditions).toHaveLength(7 * 4);
    expect(result.conditions.slice(0, 4)).toMatchObject([
      { scenario: 'legitimate', lastSeen: 'profile', simSwap: false },
      { scenario: 'legitimate', lastSeen: 'profile', simSwap: true },
      { scenario: 'legitimate', lastSeen: 'legitimate', simSwap: false },
      { scenario: 'legitimate', lastSeen: 'legitimate', simSwap: true },
    ]);
    for (const c of result.conditions) {
      expect(c.outcomes.map((o) => o.seed)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    }
    const probe = result.conditions.find((c) => c.scenario === 'scenario_6');
    expect(probe?.outcomes.every((o) => o.score === null && o.shieldLevel === null)).toBe(true);
  });

  it('runs one fleet per run over this user and the next ones, with and without baselines', () => {
    expect(result.fleet.map((f) => [f.seed, f.withBehavior])).toEqual([
      [1, true],
      [1, false],
      [2, true],
      [2, false],
      [3, true],
      [3, false],
      [4, true],
      [4, false],
    ]);
    expect(result.fleet[6]?.accounts.map((a) => a.userId)).toEqual(['sim-4', 'sim-1', 'sim-2']);
  });

  it('is deterministic', () => {
    expect(evaluateScenarios({ ...base, runs: 4, simulation: { attemptsPerScenario: 2 } })).toEqual(
      result,
    );
  });

  it.each([
    [{ runs: 2 }, 'runs must be a positive integer, at least fleetAccounts'],
    [{ runs: 3, fleetAccounts: 1 }, 'fleetAccounts must be 0 (no fleet) or an integer ≥ 2'],
  ])('rejects %o', (options, message) => {
    expect(() => evaluateScenarios({ ...base, ...options })).toThrow(message);
  });

  it('runs no fleet when asked for none', () => {
    expect(evaluateScenarios({ ...base, runs: 1, fleetAccounts: 0 }).fleet).toEqual([]);
  });
});
