import { compilePolicy, DEFAULT_POLICY, type CompiledPolicy } from '@sentinel/engine';
import { aBaseline } from '@sentinel/engine/testing';
import type { DecisionRecord } from '@sentinel/contracts';
import { aDecisionRecord, at, minutes } from '@sentinel/contracts/testing';
import { MemoryDecisionLog, MemoryReportedOutcomes, MemoryRiskStateStore } from '@sentinel/store';
import { describe, expect, it } from 'vitest';
import { runBacktest } from './run-backtest.ts';

const TENANT = 'bank-a';

function policy(doc: Partial<typeof DEFAULT_POLICY> = {}): CompiledPolicy {
  const compiled = compilePolicy({ ...DEFAULT_POLICY, ...doc });
  if (!compiled.ok) {
    throw new Error(JSON.stringify(compiled.issues));
  }
  return compiled.policy;
}

async function backtest(
  records: readonly DecisionRecord[],
  candidate: CompiledPolicy,
  state = new MemoryRiskStateStore(),
) {
  const log = new MemoryDecisionLog();
  for (const r of records) {
    await log.record(r);
  }
  const deps = { log, outcomes: new MemoryReportedOutcomes(), baselines: state };
  return runBacktest(deps, {
    tenant: TENANT,
    policy: candidate,
    from: at(0),
    to: at(minutes(60)),
    pageSize: 10,
  });
}

/** A record without the behaviour snapshot (the fixture's baseline ref then means nothing). */
function plain(i: number, patch: (r: DecisionRecord) => DecisionRecord = (r) => r): DecisionRecord {
  return patch(aDecisionRecord({ clientId: TENANT, decidedAt: at(minutes(i)) }));
}

const degraded = (r: DecisionRecord): DecisionRecord => ({
  ...r,
  context: { ...r.context, degraded: true, profile: null, simSwap: null, enrolledFactors: null },
});

const withSnapshot = (r: DecisionRecord): DecisionRecord => ({
  ...r,
  context: {
    ...r.context,
    payment: { ...r.context.payment, behavior: { features: { typing_speed: 1 } } },
  },
});

describe('runBacktest', () => {
  it('replays a degraded record with the candidate’s safe assessment', async () => {
    const records = [plain(0, degraded)];
    const same = await backtest(records, policy());
    expect(same.summary).toMatchObject({ replayed: 1, degraded: 1 });
    expect(same.summary?.actions.after).toEqual({ APPROVE: 0, STEP_UP: 1, DENY: 0 });
    // A candidate that denies from R1,000 when the state cannot be read denies this R1,250.
    const strict = await backtest(
      records,
      policy({ dependencyUnavailable: { action: 'STEP_UP', denyFromMinor: { ZAR: 100_000 } } }),
    );
    expect(strict.summary?.actions.after).toEqual({ APPROVE: 0, STEP_UP: 0, DENY: 1 });
    expect(strict.changes).toMatchObject([
      { action: { after: 'DENY' }, reasons: { added: ['DEPENDENCY_UNAVAILABLE'] } },
    ]);
  });

  it('skips a record whose behaviour baseline cannot be found, and replays it once it can', async () => {
    const records = [plain(0, withSnapshot), plain(1)];
    const missing = await backtest(records, policy());
    expect(missing.summary?.replayed).toBe(1);
    expect(missing.summary?.skipped).toEqual({
      BEHAVIOR_BASELINE_MISSING: 1,
      INCOMPLETE_CONTEXT: 0,
    });

    const state = new MemoryRiskStateStore();
    // The fixture's record names version 2 of user-1's baseline.
    await state.forTenant(TENANT).saveBaseline('user-1', aBaseline(20));
    await state.forTenant(TENANT).saveBaseline('user-1', aBaseline(20));
    const found = await backtest(records, policy(), state);
    expect(found.summary?.replayed).toBe(2);
    expect(found.summary?.skipped.BEHAVIOR_BASELINE_MISSING).toBe(0);
  });

  it('skips a record that is not degraded yet has no SIM swap input', async () => {
    const broken = plain(0, (r) => ({ ...r, context: { ...r.context, simSwap: null } }));
    const result = await backtest([broken], policy());
    expect(result.summary).toMatchObject({ replayed: 0, skipped: { INCOMPLETE_CONTEXT: 1 } });
  });
});
