import { assess } from '../../assess.ts';
import type { Action } from '../../assessment.ts';
import type { CompiledPolicy } from '../../policy/compiled-policy.ts';
import type { BehaviorBaseline } from '../behavior-baseline.ts';
import { fitBaseline } from '../fit-baseline.ts';
import { scenarioContext, type ScenarioConditions } from '../scenarios/scenario-context.ts';
import type { ScenarioId, ShieldReference } from '../scenarios/shield-reference.ts';
import { simulateFleet } from '../scenarios/simulate-fleet.ts';
import {
  simulateUser,
  type SimulatedUser,
  type SimulateUserOptions,
} from '../scenarios/simulate-user.ts';
import type { ShieldLevel } from '../sim-swap-fusion.ts';

export interface ScenarioEvaluationOptions {
  readonly reference: ShieldReference;
  readonly policy: CompiledPolicy;
  readonly now: Date;
  /** Simulated users, seeds `firstSeed` … `firstSeed + runs − 1`. */
  readonly runs: number;
  readonly firstSeed?: number;
  /** How each user is simulated (enrolment sessions, attempts per scenario, draw options). */
  readonly simulation?: Omit<SimulateUserOptions, 'seed' | 'now'>;
  /** Accounts per fleet attack (default 3); 0 runs none. One fleet attack per run. */
  readonly fleetAccounts?: number;
}

/** What the engine decided for one attempt. */
export interface AttemptOutcome {
  readonly seed: number;
  readonly action: Action;
  readonly freeze: boolean;
  /** The behaviour confidence (SHIELD's scale, high = like the user); null when none was scored. */
  readonly score: number | null;
  readonly shieldLevel: ShieldLevel | null;
  /** Reason codes, heaviest first. */
  readonly reasons: readonly string[];
}

/** Every run's outcome for one scenario under one set of conditions. */
export interface ConditionOutcomes extends ScenarioConditions {
  readonly scenario: ScenarioId;
  readonly outcomes: readonly AttemptOutcome[];
}

/** One account of a fleet attack: its outcome and the accounts its decision freezes. */
export interface FleetAccountOutcome extends AttemptOutcome {
  readonly userId: string;
  /** The accounts this decision freezes (its effects), sorted. */
  readonly frozen: readonly string[];
}

export interface FleetRun {
  readonly seed: number;
  /** The accounts had baselines (false: the fleet rule alone, behaviour silent). */
  readonly withBehavior: boolean;
  readonly accounts: readonly FleetAccountOutcome[];
}

export interface ScenarioEvaluation {
  readonly conditions: readonly ConditionOutcomes[];
  readonly fleet: readonly FleetRun[];
}

interface Member {
  readonly user: SimulatedUser;
  readonly baseline: BehaviorBaseline;
}

const CONDITIONS: readonly ScenarioConditions[] = [
  { lastSeen: 'profile', simSwap: false },
  { lastSeen: 'profile', simSwap: true },
  { lastSeen: 'legitimate', simSwap: false },
  { lastSeen: 'legitimate', simSwap: true },
];

/**
 * Runs SHIELD's scenarios through the whole engine: per run one simulated user (one baseline fit),
 * each of its attempts assessed under every combination of SIM swap and `time_since_last_seen`
 * variant; then one credential-stuffing fleet per run across this run's user and the next ones
 * (with and without baselines), without a SIM swap and with legitimate-like last-seen times.
 */
export function evaluateScenarios(options: ScenarioEvaluationOptions): ScenarioEvaluation {
  const { reference, policy, now, runs } = options;
  const firstSeed = options.firstSeed ?? 1;
  const fleetSize = options.fleetAccounts ?? 3;
  if (!Number.isInteger(fleetSize) || fleetSize === 1 || fleetSize < 0) {
    throw new RangeError('fleetAccounts must be 0 (no fleet) or an integer ≥ 2');
  }
  if (!Number.isInteger(runs) || runs < Math.max(1, fleetSize)) {
    throw new RangeError('runs must be a positive integer, at least fleetAccounts');
  }
  const byKey = new Map<string, AttemptOutcome[]>();
  const conditions: ConditionOutcomes[] = [];
  const users: Member[] = [];
  for (let r = 0; r < runs; r += 1) {
    const seed = firstSeed + r;
    const user = simulateUser(reference, { ...options.simulation, seed, now });
    const baseline = fit(user, now);
    users.push({ user, baseline });
    for (const attempt of user.attempts) {
      for (const condition of CONDITIONS) {
        const key = `${attempt.scenario}/${condition.lastSeen}/${condition.simSwap}`;
        let list = byKey.get(key);
        if (list === undefined) {
          list = [];
          byKey.set(key, list);
          conditions.push({ scenario: attempt.scenario, ...condition, outcomes: list });
        }
        const ctx = scenarioContext(user, attempt, condition, { now, baseline });
        list.push(outcomeOf(seed, assess(ctx, policy)));
      }
    }
  }
  const fleet: FleetRun[] = [];
  for (let r = 0; fleetSize > 0 && r < runs; r += 1) {
    const members = Array.from({ length: fleetSize }, (_, k) => users[(r + k) % runs] as Member);
    for (const withBehavior of [true, false]) {
      fleet.push(fleetRun(options, firstSeed + r, members, withBehavior));
    }
  }
  return { conditions, fleet };
}

function fleetRun(
  options: ScenarioEvaluationOptions,
  seed: number,
  members: readonly Member[],
  withBehavior: boolean,
): FleetRun {
  const accounts = simulateFleet(
    members.map((m) => m.user),
    { seed, now: options.now },
  );
  return {
    seed,
    withBehavior,
    accounts: accounts.map((account, i) => {
      const ctx = scenarioContext(
        account.user,
        account.attempt,
        { simSwap: false, lastSeen: 'legitimate' },
        {
          now: account.at,
          baseline: withBehavior ? (members[i]?.baseline ?? null) : null,
          deviceSightings: account.deviceSightings,
        },
      );
      const assessment = assess(ctx, options.policy);
      return {
        ...outcomeOf(seed, assessment),
        userId: account.user.userId,
        frozen: assessment.effects.freezes.map((f) => f.userId),
      };
    }),
  };
}

function fit(user: SimulatedUser, now: Date): BehaviorBaseline {
  const fitted = fitBaseline(user.enrolment, { fittedAt: now });
  if (!fitted.ok) {
    // Generated enrolment sessions always vary: a failure here is a bug in the generator.
    throw new Error(`seed ${user.seed}: ${fitted.issues.map((i) => i.message).join('; ')}`);
  }
  return { ...fitted.baseline, version: 1 };
}

function outcomeOf(seed: number, assessment: ReturnType<typeof assess>): AttemptOutcome {
  const behavior = assessment.signals.behavior;
  return {
    seed,
    action: assessment.action,
    freeze: assessment.freeze,
    score: behavior?.score ?? null,
    shieldLevel: behavior?.shieldLevel ?? null,
    reasons: assessment.reasons.map((r) => r.code),
  };
}
