import type { Decision } from '@sentinel/contracts';
import { describe, expect, it } from 'vitest';
import {
  ADMIN,
  BACKTEST_RULE as RULE,
  movedAction,
  recordBacktestScenario,
  withNewPayeeWeight,
} from '../testing/backtest-scenario.ts';
import {
  memoryAdapters,
  OTHER_ADMIN_KEY,
  PLATFORM_KEY,
  T0,
  testApi,
  TENANT,
} from '../testing/harness.ts';

interface Counts {
  APPROVE: number;
  STEP_UP: number;
  DENY: number;
}
type Labels = Record<'fraud' | 'legitimate' | 'unlabelled', number>;
interface BacktestWire {
  policy: { id: string; version: number };
  summary: {
    replayed: number;
    degraded: number;
    skipped: Record<string, number>;
    actions: { before: Counts; after: Counts };
    labels: Labels;
    confusion: { before: Record<keyof Counts, Labels>; after: Record<keyof Counts, Labels> };
    changed: number;
  } | null;
  changes: {
    decisionId: string;
    decidedAt: string;
    action: { before: string; after: string };
    riskScore: { before: number; after: number };
    reasons: { added: string[]; removed: string[] };
  }[];
  nextCursor: string | null;
}

const WINDOW = { from: T0.toISOString(), to: new Date(T0.getTime() + 86_400_000).toISOString() };
async function scenario(rounds = 3) {
  const t = testApi({ adapters: memoryAdapters() });
  const decisions = await recordBacktestScenario(t, rounds);
  const backtest = (body: Record<string, unknown>, key = ADMIN) =>
    t.call<BacktestWire>('POST', '/v1/policy/backtest', { ...WINDOW, ...body }, key);
  return { t, decisions, backtest };
}

describe('POST /v1/policy/backtest', () => {
  it('a backtest that raises one weight shows exactly the decisions that rule touches as changed', async () => {
    const { decisions, backtest } = await scenario();
    const res = await backtest({ policy: withNewPayeeWeight(40), pageSize: 500 });
    expect(res.status).toBe(200);

    const expected = decisions.filter((d) => movedAction(d, 15) !== null);
    const hit = decisions.filter((d) => d.reasons.some((r) => r.code === RULE));
    // The scenario exercises both sides: hits that move and hits that stay.
    expect(expected.length).toBe(3);
    expect(hit.length).toBe(6);
    expect(res.body.changes.map((c) => c.decisionId)).toEqual(expected.map((d) => d.decisionId));
    for (const change of res.body.changes) {
      const d = decisions.find((x) => x.decisionId === change.decisionId);
      expect(change.action).toEqual({ before: d?.action, after: movedAction(d as Decision, 15) });
      expect(change.riskScore).toEqual({ before: d?.riskScore, after: (d?.riskScore ?? 0) + 15 });
      expect(change.reasons).toEqual({ added: [], removed: [] });
    }
    const summary = res.body.summary;
    expect(summary?.replayed).toBe(12);
    expect(summary?.changed).toBe(3);
    expect(summary?.skipped).toEqual({ BEHAVIOR_BASELINE_MISSING: 0, INCOMPLETE_CONTEXT: 0 });
    expect(summary?.actions.before).toEqual({ APPROVE: 6, STEP_UP: 6, DENY: 0 });
    expect(summary?.actions.after).toEqual({ APPROVE: 3, STEP_UP: 9, DENY: 0 });
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.policy).toEqual({ id: `${TENANT}.default`, version: 0 });
  });

  it('replays the policy that made the decisions into the very same decisions', async () => {
    const { decisions, backtest } = await scenario();
    const res = await backtest({ policy: withNewPayeeWeight(25) });
    expect(res.body.summary?.changed).toBe(0);
    expect(res.body.changes).toEqual([]);
    expect(res.body.summary?.actions.after).toEqual(res.body.summary?.actions.before);
    expect(res.body.summary?.replayed).toBe(decisions.length);
  });

  it('pages the changed decisions: each appears exactly once, in decision order', async () => {
    const { decisions, backtest } = await scenario(5);
    const all = decisions.filter((d) => movedAction(d, 35) !== null).map((d) => d.decisionId);
    expect(all.length).toBe(5);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: BacktestWire } = await backtest({
        policy: withNewPayeeWeight(60),
        pageSize: 2,
        ...(cursor === null ? {} : { cursor }),
      });
      expect(res.status).toBe(200);
      // The summary of the whole window comes with the first page only.
      expect(res.body.summary === null).toBe(pages > 0);
      seen.push(...res.body.changes.map((c) => c.decisionId));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(seen).toEqual(all);
  });

  it('counts the replayed decisions against the reported outcomes, before and after', async () => {
    const { t, decisions, backtest } = await scenario(1);
    const [small, newPayee, unknownDevice] = decisions;
    const report = (d: Decision | undefined, outcome: string) =>
      t.call('POST', `/v1/decisions/${d?.decisionId}/outcome`, { outcome, reportedBy: 'analyst' });
    expect((await report(newPayee, 'CHARGEBACK')).status).toBe(201);
    expect((await report(small, 'CONFIRMED_LEGITIMATE')).status).toBe(201);
    expect((await report(unknownDevice, 'STEP_UP_PASSED')).status).toBe(201);
    expect((await report(unknownDevice, 'CONFIRMED_FRAUD')).status).toBe(201);
    const res = await backtest({ policy: withNewPayeeWeight(40) });
    const summary = res.body.summary;
    expect(summary?.labels).toEqual({ fraud: 2, legitimate: 1, unlabelled: 1 });
    const none = { fraud: 0, legitimate: 0, unlabelled: 0 };
    expect(summary?.confusion.before).toEqual({
      APPROVE: { fraud: 1, legitimate: 1, unlabelled: 0 },
      STEP_UP: { fraud: 1, legitimate: 0, unlabelled: 1 },
      DENY: none,
    });
    // The raised weight steps up the charged-back payment.
    expect(summary?.confusion.after).toEqual({
      APPROVE: { fraud: 0, legitimate: 1, unlabelled: 0 },
      STEP_UP: { fraud: 2, legitimate: 0, unlabelled: 1 },
      DENY: none,
    });
  });

  it('is for a tenant admin only, and reads the caller tenant’s decisions only', async () => {
    const { t, backtest } = await scenario(1);
    const body = { policy: withNewPayeeWeight(40) };
    const client = await t.call('POST', '/v1/policy/backtest', { ...WINDOW, ...body });
    expect([client.status, client.body]).toMatchObject([403, { code: 'AUTH.FORBIDDEN' }]);
    const platform = await backtest(body, { authorization: `Bearer ${PLATFORM_KEY}` });
    expect(platform.status).toBe(403);
    const other = await backtest(body, { authorization: `Bearer ${OTHER_ADMIN_KEY}` });
    expect(other.status).toBe(200);
    expect(other.body.summary?.replayed).toBe(0);
  });

  it('names every problem of the candidate, the window and the cursor', async () => {
    const { backtest } = await scenario(2);
    const invalid = await backtest({
      policy: { ...withNewPayeeWeight(40), levels: { mediumFrom: 'x' } },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body).toMatchObject({ code: 'POLICY.INVALID' });
    const tooLong = await backtest({
      policy: withNewPayeeWeight(40),
      to: new Date(T0.getTime() + 32 * 86_400_000).toISOString(),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toMatchObject({ errors: [{ path: 'to' }] });
    const backwards = await backtest({ policy: withNewPayeeWeight(40), to: WINDOW.from });
    expect(backwards.status).toBe(400);
    const big = await backtest({ policy: withNewPayeeWeight(40), pageSize: 501 });
    expect(big.status).toBe(400);
    // A cursor of another candidate is refused rather than resumed somewhere meaningless.
    const first = await backtest({ policy: withNewPayeeWeight(60), pageSize: 1 });
    const cursor = first.body.nextCursor;
    expect(cursor).not.toBeNull();
    const foreign = await backtest({ policy: withNewPayeeWeight(40), pageSize: 1, cursor });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({ errors: [{ path: 'cursor' }] });
  });
});
