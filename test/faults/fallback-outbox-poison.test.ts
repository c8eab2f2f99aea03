// The fallback outbox retries decisions whose commit failed. One that can never be committed
// (first seen: a device id with a lone surrogate on Firestore, see ill-formed-unicode.int.test.ts)
// must not hold back the decisions rescued after it; before, every flush stopped at it. A held
// decision is found by its transaction, so a retry gets it back.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { aDecisionRecord } from '@sentinel/contracts/testing';
import { MemoryDecisionLog } from '@sentinel/store';
import { createFallbackOutbox } from '@sentinel/risk-api';
import type { DecisionRecord } from '@sentinel/contracts';
import { createLogger } from '@sentinel/kernel';
import { FakeClock } from '@sentinel/kernel/testing';
import type { DecisionLog } from '@sentinel/store';

/** The in-memory log, refusing one decision for good (as Firestore refused the ill-formed one). */
function refusingLog(refused: DecisionRecord): MemoryDecisionLog {
  const log = new MemoryDecisionLog();
  log.setRecordFault((record) =>
    record.decision.decisionId === refused.decision.decisionId
      ? new Error('3 INVALID_ARGUMENT: not valid UTF-8')
      : null,
  );
  return log;
}

/** A fallback outbox on `log` that delivers into `delivered`; it ticks only when a test flushes. */
function aFallback(
  log: DecisionLog,
  opts: { readonly commitTimeoutMs?: number; readonly clock?: FakeClock } = {},
) {
  return createFallbackOutbox({
    clock: new FakeClock(),
    log,
    deliver: (record) => {
      delivered.push(record.decision.decisionId);
      return Promise.resolve();
    },
    publishOnly: () => Promise.resolve(),
    logger: createLogger({ level: 'error', projectId: 'test', service: 'test', write: () => {} }),
    intervalMs: 60_000,
    maxHeld: 100,
    ...opts,
  });
}

let delivered: string[] = [];
beforeEach(() => {
  delivered = [];
});

describe('fallback outbox with a record that never commits', () => {
  it('still commits and delivers the records behind it', async () => {
    const poison = aDecisionRecord();
    const others = [aDecisionRecord(), aDecisionRecord(), aDecisionRecord()];
    const log = refusingLog(poison);
    const fallback = aFallback(log);
    for (const record of [poison, ...others]) {
      fallback.add(record);
    }

    await fallback.flush(); // gets past the poison: one failure is not an outage
    expect(fallback.size).toBe(1);
    expect(delivered.sort()).toEqual(others.map((r) => r.decision.decisionId).sort());
    await fallback.flush(); // the poison stays held, and nothing is delivered twice
    expect(fallback.size).toBe(1);
    expect(delivered).toHaveLength(3);
    for (const record of others) {
      expect(await log.get(record.clientId, record.decision.decisionId)).toEqual(record);
    }
    expect(await log.get(poison.clientId, poison.decision.decisionId)).toBeNull();
  });
});

describe('fallback outbox while the store is down', () => {
  it('stops a flush after three failures in a row instead of trying every held record', async () => {
    const log = new MemoryDecisionLog();
    log.setRecordFault(new Error('14 UNAVAILABLE'));
    const fallback = aFallback(log);
    for (let i = 0; i < 40; i++) {
      fallback.add(aDecisionRecord());
    }
    await fallback.flush();
    // 8 workers try at once; the first two to fail may each try once more before the third
    // failure is counted; then none starts another. Without the stop: 40.
    expect(log.recordAttempts).toBeGreaterThanOrEqual(8);
    expect(log.recordAttempts).toBeLessThanOrEqual(10);
    expect(fallback.size).toBe(40);
  });
});

describe('fallback outbox with a commit that never answers', () => {
  it('gives that commit up at its deadline, so the flush ends and the others go through', async () => {
    const hung = aDecisionRecord();
    const others = [aDecisionRecord(), aDecisionRecord()];
    const log = new MemoryDecisionLog();
    // A blackholed connection: the hung decision's commit never answers.
    log.setRecordFault((record) =>
      record.decision.decisionId === hung.decision.decisionId ? 'hang' : null,
    );
    const clock = new FakeClock();
    const fallback = aFallback(log, { commitTimeoutMs: 50, clock });
    for (const record of [hung, ...others]) {
      fallback.add(record);
    }
    const flushed = fallback.flush();
    await vi.waitFor(() => expect(delivered).toHaveLength(2));
    clock.advance(49);
    expect(clock.pendingTimers).toBe(1); // the hung commit, still within its deadline
    clock.advance(1);
    await flushed;
    expect(delivered.sort()).toEqual(others.map((r) => r.decision.decisionId).sort());
    expect(fallback.heldFor(hung.clientId, hung.decision.transactionId)).toBe(hung);
  });
});

describe('fallback outbox: what a retry of a held decision finds', () => {
  it('names the held decision by client and transaction until it is committed', async () => {
    const record = aDecisionRecord();
    const log = refusingLog(record);
    const fallback = aFallback(log);
    fallback.add(record);
    const { clientId } = record;
    const { transactionId } = record.decision;
    expect(fallback.heldFor(clientId, transactionId)).toBe(record);
    expect(fallback.heldFor(`${clientId}-other`, transactionId)).toBeUndefined();
    expect(fallback.heldFor(clientId, `${transactionId}-other`)).toBeUndefined();

    await fallback.flush(); // still refused: still held
    expect(fallback.heldFor(clientId, transactionId)).toBe(record);

    const committed = aFallback(new MemoryDecisionLog());
    committed.add(record);
    await committed.flush();
    expect(committed.heldFor(clientId, transactionId)).toBeUndefined();
  });
});
