import { describe, expect, it } from 'vitest';
import type { DecisionLog } from '../ports/decision-log.ts';
import { aDecisionRecord, at, minutes, uniqueId } from '@sentinel/contracts/testing';

/**
 * The `DecisionLog` contract. `makeLog` must return an empty, isolated log on every call (the
 * outbox is shared by all records of a log).
 */
export function runDecisionLogContract(name: string, makeLog: () => DecisionLog): void {
  describe(`DecisionLog contract: ${name}`, () => {
    it('records a decision and reads it back whole', async () => {
      const log = makeLog();
      const record = aDecisionRecord();
      expect(await log.record(record)).toEqual({ created: true });
      const read = await log.get(record.decision.decisionId);
      expect(read).toEqual(record);
      expect(read?.decidedAt).toBeInstanceOf(Date);
      // The engine inputs come back typed: dates as dates, not as their JSON text.
      expect(read?.context.payment.occurredAt).toBeInstanceOf(Date);
      expect(read?.context.history.failedLogins[0]).toBeInstanceOf(Date);
    });

    it('keeps a decision without step-up or escrow as it was', async () => {
      const log = makeLog();
      const full = aDecisionRecord();
      const { stepUp: _s, escrow: _e, ...bare } = full.decision;
      const record = { ...full, decision: { ...bare, action: 'APPROVE' as const } };
      await log.record(record);
      const read = await log.get(record.decision.decisionId);
      expect(read).toEqual(record);
      expect(read?.decision).not.toHaveProperty('stepUp');
    });

    it('keeps the behaviour signal and the accounts a decision freezes', async () => {
      const log = makeLog();
      const base = aDecisionRecord();
      const record = {
        ...base,
        decision: {
          ...base.decision,
          action: 'DENY' as const,
          freeze: true,
          signals: {
            ...base.decision.signals,
            behavior: {
              score: 12.4,
              distance: 41.237,
              baselineVersion: 3,
              topAnomalies: ['typing much slower than usual (z = 3.4)'],
            },
          },
        },
        context: {
          ...base.context,
          behaviorSignal: {
            score: 12.4,
            distance: 41.237,
            baselineVersion: 3,
            topAnomalies: ['typing much slower than usual (z = 3.4)'],
            fusedScore: 8.1,
            shieldLevel: 'CRITICAL' as const,
            simSwapActive: true,
            zScores: [{ name: 'error_rate', z: 3.4 }],
            imputed: ['pressure_mean'],
          },
        },
        freezes: { userIds: ['user-1', 'user-2'], reason: 'FLEET_ANOMALY' },
      };
      await log.record(record);
      expect(await log.get(record.decision.decisionId)).toEqual(record);
      expect(await log.dueOutbox(at(minutes(10)), 10)).toEqual([record]);
    });

    it('answers null for an unknown decision', async () => {
      expect(await makeLog().get(uniqueId('missing'))).toBeNull();
    });

    it('returns the winning record for a second claim on the same transaction', async () => {
      const log = makeLog();
      const first = aDecisionRecord({ transactionId: 'tx-1', requestHash: '1'.repeat(64) });
      const retry = aDecisionRecord({ transactionId: 'tx-1', requestHash: '2'.repeat(64) });
      await log.record(first);
      const result = await log.record(retry);
      expect(result.created).toBe(false);
      expect(result.existing?.decision.decisionId).toBe(first.decision.decisionId);
      // The store does not compare bodies; the caller sees the winner's hash and decides (409).
      expect(result.existing?.requestHash).toBe('1'.repeat(64));
      expect(await log.get(retry.decision.decisionId)).toBeNull();
    });

    it('scopes idempotency per client', async () => {
      const log = makeLog();
      const a = aDecisionRecord({ transactionId: 'tx-1', clientId: 'bank-a' });
      const b = aDecisionRecord({ transactionId: 'tx-1', clientId: 'bank-b' });
      expect(await log.record(a)).toEqual({ created: true });
      expect(await log.record(b)).toEqual({ created: true });
    });

    it('treats recording the very same record again as a replay', async () => {
      const log = makeLog();
      const record = aDecisionRecord();
      await log.record(record);
      expect(await log.record(record)).toEqual({ created: false, existing: record });
    });

    it('lists due outbox entries oldest first, up to the limit, until completed', async () => {
      const log = makeLog();
      const [r1, r2, r3] = [0, 1, 2].map((i) => aDecisionRecord({ decidedAt: at(minutes(i)) }));
      if (r1 === undefined || r2 === undefined || r3 === undefined) {
        throw new Error('fixture');
      }
      for (const r of [r3, r1, r2]) {
        await log.record(r);
      }
      await log.record(aDecisionRecord({ transactionId: r1.decision.transactionId }));
      const ids = async (olderThan: Date, limit = 10) =>
        (await log.dueOutbox(olderThan, limit)).map((r) => r.decision.decisionId);
      const [id1, id2, id3] = [r1, r2, r3].map((r) => r.decision.decisionId);

      expect(await ids(at(minutes(10)))).toEqual([id1, id2, id3]);
      expect(await ids(at(minutes(1)))).toEqual([id1, id2]);
      expect(await ids(at(minutes(10)), 1)).toEqual([id1]);
      expect(await ids(at(-1))).toEqual([]);
      expect(await log.dueOutbox(at(minutes(10)), 1)).toEqual([r1]);

      await log.completeOutbox(r1.decision.decisionId);
      await log.completeOutbox(r1.decision.decisionId);
      expect(await ids(at(minutes(10)))).toEqual([id2, id3]);
      expect(await log.get(r1.decision.decisionId)).toEqual(r1);
    });
  });
}
