import { describe, expect, it } from 'vitest';
import { aDecisionRecord, aStepUpRecord } from '@sentinel/contracts/testing';
import type { DecisionRecord } from '@sentinel/contracts';
import { MemoryDecisionLog } from './memory-decision-log.ts';

const T0 = Date.UTC(2026, 11, 6, 12);
const at = (seconds: number) => new Date(T0 + seconds * 1000);

async function recordAll(log: MemoryDecisionLog, records: readonly DecisionRecord[]) {
  for (const r of records) {
    expect(await log.record(r)).toEqual({ created: true });
  }
}

async function pages(log: MemoryDecisionLog, tenant: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of log.decidedWithin(tenant, { from: at(-60), to: at(3600) }, 2)) {
    ids.push(...page.map((r) => r.decision.decisionId));
  }
  return ids;
}

describe('MemoryDecisionLog with maxDecisions', () => {
  it('keeps the newest delivered decisions, with their claims, and pages past the forgotten', async () => {
    const log = new MemoryDecisionLog({ maxDecisions: 3 });
    const records = [0, 1, 2, 3, 4].map((s) =>
      aDecisionRecord({ clientId: 'bank-a', decidedAt: at(s) }),
    );
    await recordAll(log, records);
    // All five are still in the outbox: none may be forgotten before it is published.
    expect(log.size).toBe(5);
    for (const r of records) {
      await log.completeOutbox(r.decision.decisionId);
    }
    expect(log.size).toBe(3);
    const ids = records.map((r) => r.decision.decisionId);
    expect(await pages(log, 'bank-a')).toEqual(ids.slice(2));
    expect(await log.get('bank-a', ids[0] ?? '')).toBeNull();
    expect(await log.get('bank-a', ids[4] ?? '')).not.toBeNull();

    // A retry of a forgotten transaction is a new decision; a kept one still finds its claim.
    const [first, , , , last] = records;
    const retryFirst = aDecisionRecord({
      clientId: 'bank-a',
      decidedAt: at(10),
      transactionId: first?.decision.transactionId ?? '',
    });
    expect(await log.record(retryFirst)).toEqual({ created: true });
    const retryLast = aDecisionRecord({
      clientId: 'bank-a',
      decidedAt: at(11),
      transactionId: last?.decision.transactionId ?? '',
    });
    expect(await log.record(retryLast)).toMatchObject({
      created: false,
      existing: { decision: { decisionId: ids[4] } },
    });
  });

  it('stops at the oldest decision still in the outbox and goes on once it is published', async () => {
    const log = new MemoryDecisionLog({ maxDecisions: 1 });
    const [a, b, c] = [0, 1, 2].map((s) => aDecisionRecord({ decidedAt: at(s) }));
    if (a === undefined || b === undefined || c === undefined) {
      throw new Error('three records');
    }
    await recordAll(log, [a, b, c]);
    await log.completeOutbox(b.decision.decisionId);
    await log.completeOutbox(c.decision.decisionId);
    expect(log.size).toBe(3);
    expect(await log.dueOutbox(at(100), 10)).toHaveLength(1);
    await log.completeOutbox(a.decision.decisionId);
    expect(log.size).toBe(1);
    expect(await log.get(c.clientId, c.decision.decisionId)).not.toBeNull();
  });

  it('forgets a forgotten decision’s challenge, unless its outcome waits to be published', async () => {
    const log = new MemoryDecisionLog({ maxDecisions: 1 });
    const pending = aStepUpRecord({ decidedAt: at(0) });
    const passed = aStepUpRecord({ decidedAt: at(1) });
    await recordAll(log, [pending, passed, aDecisionRecord({ decidedAt: at(2) })]);
    const challenges = log.challenges.forTenant(pending.clientId);
    await challenges.update(passed.challenge.id, (c) => ({
      ...c,
      status: 'PASSED',
      completedAt: at(3),
    }));
    for (const id of await log.dueOutbox(at(100), 10)) {
      await log.completeOutbox(id.decision.decisionId);
    }
    expect(log.size).toBe(1);
    expect(await challenges.get(pending.challenge.id)).toBeNull();
    expect(await challenges.get(passed.challenge.id)).toMatchObject({ status: 'PASSED' });
    expect((await log.challenges.dueOutcomes(10)).map((t) => t.challenge.id)).toEqual([
      passed.challenge.id,
    ]);
  });

  it('pages the kept decisions in order across the compaction of forgotten entries', async () => {
    const log = new MemoryDecisionLog({ maxDecisions: 10 });
    const records = Array.from({ length: 3_000 }, (_, s) =>
      aDecisionRecord({ clientId: 'bank-a', decidedAt: at(s / 10) }),
    );
    for (const r of records) {
      await log.record(r);
      await log.completeOutbox(r.decision.decisionId);
    }
    expect(log.size).toBe(10);
    expect(await pages(log, 'bank-a')).toEqual(
      records.slice(-10).map((r) => r.decision.decisionId),
    );
  });

  it('is unbounded unless told', async () => {
    const log = new MemoryDecisionLog();
    const records = Array.from({ length: 50 }, (_, s) => aDecisionRecord({ decidedAt: at(s) }));
    await recordAll(log, records);
    for (const r of records) {
      await log.completeOutbox(r.decision.decisionId);
    }
    expect(log.size).toBe(50);
  });
});
