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
import type { DecisionLog, RecordResult } from '@sentinel/store';

/** The in-memory log, refusing one decision for good (as Firestore refused the ill-formed one). */
class RefusingDecisionLog extends MemoryDecisionLog {
  readonly #refused: string;

  constructor(refused: string) {
    super();
    this.#refused = refused;
  }

  override record(record: DecisionRecord): Promise<RecordResult> {
    if (record.decision.decisionId === this.#refused) {
      return Promise.reject(new Error('3 INVALID_ARGUMENT: not valid UTF-8'));
    }
    return super.record(record);
  }
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
    const log = new RefusingDecisionLog(poison.decision.decisionId);
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
    let attempts = 0;
    class DownDecisionLog extends MemoryDecisionLog {
      override record(): Promise<RecordResult> {
        attempts++;
        return Promise.reject(new Error('14 UNAVAILABLE'));
      }
    }
    const fallback = aFallback(new DownDecisionLog());
    for (let i = 0; i < 40; i++) {
      fallback.add(aDecisionRecord());
    }
    await fallback.flush();
    // 8 workers try at once; the first two to fail may each try once more before the third
    // failure is counted; then none starts another. Without the stop: 40.
    expect(attempts).toBeGreaterThanOrEqual(8);
    expect(attempts).toBeLessThanOrEqual(10);
    expect(fallback.size).toBe(40);
  });
});

describe('fallback outbox with a commit that never answers', () => {
  it('gives that commit up at its deadline, so the flush ends and the others go through', async () => {
    const hung = aDecisionRecord();
    const others = [aDecisionRecord(), aDecisionRecord()];
    class HangingDecisionLog extends MemoryDecisionLog {
      override record(record: DecisionRecord): Promise<RecordResult> {
        return record.decision.decisionId === hung.decision.decisionId
          ? new Promise<RecordResult>(() => undefined) // a blackholed connection
          : super.record(record);
      }
    }
    const clock = new FakeClock();
    const fallback = aFallback(new HangingDecisionLog(), { commitTimeoutMs: 50, clock });
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
    const log = new RefusingDecisionLog(record.decision.decisionId);
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
