// Issue 4, "What must show", at engine level: SHIELD's scenarios over 1,000 seeded simulated users
// (one baseline fit each from 10 enrolment sessions, SPEC §6's minimum), through `assess` with the
// compiled DEFAULT_POLICY. A failing run is reported by seed: `simulateUser(reference, { seed })`
// rebuilds it.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadShieldReference } from '../../testing/shield-files.ts';
import { compiled, NOW } from '../../testing/fixtures.ts';
import type { AttemptOutcome, ScenarioEvaluation } from '../evaluation/scenario-evaluation.ts';
import { evaluateScenarios } from '../evaluation/scenario-evaluation.ts';
import type { ScenarioConditions } from './scenario-context.ts';
import type { ScenarioId } from './shield-reference.ts';

const RUNS = 1000;
let result: ScenarioEvaluation;

beforeAll(() => {
  result = evaluateScenarios({
    reference: loadShieldReference(),
    policy: compiled(),
    now: NOW,
    runs: RUNS,
  });
}, 60_000);

function outcomes(scenario: ScenarioId, conditions: ScenarioConditions): readonly AttemptOutcome[] {
  const found = result.conditions.find(
    (c) =>
      c.scenario === scenario &&
      c.simSwap === conditions.simSwap &&
      c.lastSeen === conditions.lastSeen,
  );
  expect(found?.outcomes).toHaveLength(RUNS);
  return found?.outcomes ?? [];
}
const seedsWhere = (list: readonly AttemptOutcome[], test: (o: AttemptOutcome) => boolean) =>
  list.filter(test).map((o) => o.seed);

describe(`SHIELD scenarios through the engine (${RUNS} seeded users each)`, () => {
  it('approves ≥ 99 % of legitimate sessions on the bound device with a clean SIM signal', () => {
    const legit = outcomes('legitimate', { simSwap: false, lastSeen: 'profile' });
    const approved = legit.filter((o) => o.action === 'APPROVE').length;
    expect(approved / RUNS).toBeGreaterThanOrEqual(0.99);
    expect(seedsWhere(legit, (o) => o.action === 'DENY')).toEqual([]);
  });

  it.each(['scenario_1', 'scenario_2', 'scenario_3', 'scenario_5'] as const)(
    '%s with a SIM swap: DENY with freeze in every run',
    (scenario) => {
      const list = outcomes(scenario, { simSwap: true, lastSeen: 'profile' });
      expect(seedsWhere(list, (o) => o.action !== 'DENY' || !o.freeze)).toEqual([]);
    },
  );

  it('scenario_4 (same-device takeover) with a SIM swap: at least STEP_UP in every run', () => {
    const list = outcomes('scenario_4', { simSwap: true, lastSeen: 'profile' });
    expect(seedsWhere(list, (o) => o.action === 'APPROVE')).toEqual([]);
  });

  describe('honest separation: time_since_last_seen_hours drawn like the user’s, not 9999 h', () => {
    it.each(['scenario_1', 'scenario_2', 'scenario_3', 'scenario_5'] as const)(
      '%s is never approved, with or without a SIM swap',
      (scenario) => {
        for (const simSwap of [false, true]) {
          const list = outcomes(scenario, { simSwap, lastSeen: 'legitimate' });
          expect(seedsWhere(list, (o) => o.action === 'APPROVE')).toEqual([]);
        }
      },
    );

    it.each(['scenario_1', 'scenario_2', 'scenario_3', 'scenario_5'] as const)(
      '%s: the behaviour signal alone never lets it through (SHIELD level above LOW)',
      (scenario) => {
        const list = outcomes(scenario, { simSwap: false, lastSeen: 'legitimate' });
        expect(seedsWhere(list, (o) => o.shieldLevel === 'LOW' || o.shieldLevel === null)).toEqual(
          [],
        );
      },
    );
  });

  describe('fleet: scenario 5 from one device across 3 accounts within 60 min', () => {
    it.each([true, false])(
      'from the second account on, DENY and freeze every account involved (baselines: %s)',
      (withBehavior) => {
        const runs = result.fleet.filter((f) => f.withBehavior === withBehavior);
        expect(runs).toHaveLength(RUNS);
        const wrong = runs.flatMap((run) =>
          run.accounts.slice(1).flatMap((account, k) => {
            const involved = run.accounts
              .slice(0, k + 2)
              .map((a) => a.userId)
              .sort();
            const ok =
              account.action === 'DENY' &&
              account.freeze &&
              account.reasons.includes('FLEET_ANOMALY') &&
              account.frozen.join() === involved.join();
            return ok ? [] : [`seed ${run.seed} account ${k + 2}`];
          }),
        );
        expect(wrong).toEqual([]);
      },
    );

    it('does not fire the fleet rule on the first account (nothing seen before it)', () => {
      const first = result.fleet.map((f) => f.accounts[0]!);
      expect(first.filter((a) => a.reasons.includes('FLEET_ANOMALY'))).toEqual([]);
      // Only a behaviour freeze of its own, if any: nobody else's account.
      expect(first.filter((a) => a.frozen.some((id) => id !== a.userId))).toEqual([]);
    });
  });
});
