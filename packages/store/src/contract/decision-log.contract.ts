import { describe, expect, it } from 'vitest';
import type { DecidedWindow, DecisionLog } from '../ports/decision-log.ts';
import type { DecisionRecord } from '@sentinel/contracts';
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
      const read = await log.get(record.clientId, record.decision.decisionId);
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
      const read = await log.get(record.clientId, record.decision.decisionId);
      expect(read).toEqual(record);
      expect(read?.decision).not.toHaveProperty('stepUp');
    });

    it('keeps the behaviour signal and the decision’s effects (freezes, history, sighting)', async () => {
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
        effects: {
          freezes: [
            { userId: 'user-1', reason: 'FLEET_ANOMALY' },
            { userId: 'user-2', reason: 'FLEET_ANOMALY' },
          ],
          history: {
            userId: 'user-1',
            payment: {
              at: at(-20),
              amount: { minor: 125_000, currency: 'ZAR' },
              action: 'DENY' as const,
            },
            location: { lat: -26.2, lon: 28.04, accuracyM: 12, source: 'GPS' as const, at: at(0) },
            imei: { imei: '356938035643809', phoneNumber: '+27821230001', at: at(0) },
          },
          sighting: { userId: 'user-1', deviceId: 'phone-1', at: at(0), bound: false },
        },
      };
      await log.record(record);
      expect(await log.get(record.clientId, record.decision.decisionId)).toEqual(record);
      expect(await log.dueOutbox(at(minutes(10)), 10)).toEqual([record]);
    });

    it('answers null for an unknown decision', async () => {
      expect(await makeLog().get('bank-a', uniqueId('missing'))).toBeNull();
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
      expect(await log.get(retry.clientId, retry.decision.decisionId)).toBeNull();
    });

    it('scopes idempotency per client', async () => {
      const log = makeLog();
      const a = aDecisionRecord({ transactionId: 'tx-1', clientId: 'bank-a' });
      const b = aDecisionRecord({ transactionId: 'tx-1', clientId: 'bank-b' });
      expect(await log.record(a)).toEqual({ created: true });
      expect(await log.record(b)).toEqual({ created: true });
    });

    it('keeps each tenant’s decisions to itself: another tenant reads none of them', async () => {
      const log = makeLog();
      const a = aDecisionRecord({ transactionId: 'tx-1', clientId: 'bank-a' });
      const b = aDecisionRecord({ transactionId: 'tx-1', clientId: 'bank-b' });
      await log.record(a);
      await log.record(b);
      expect(await log.get('bank-a', a.decision.decisionId)).toEqual(a);
      expect(await log.get('bank-b', a.decision.decisionId)).toBeNull();
      expect(await log.get('bank-b', b.decision.decisionId)).toEqual(b);
      expect(await log.get('bank-a', b.decision.decisionId)).toBeNull();
      // The outbox is the platform's: it delivers both, each with its own tenant.
      const due = await log.dueOutbox(at(minutes(60)), 10);
      expect(due.map((r) => r.clientId).sort()).toEqual(['bank-a', 'bank-b']);
    });

    it('treats recording the very same record again as a replay', async () => {
      const log = makeLog();
      const record = aDecisionRecord();
      await log.record(record);
      expect(await log.record(record)).toEqual({ created: false, existing: record });
    });

    describe('decidedWithin', () => {
      const read = async (log: DecisionLog, tenant: string, window: DecidedWindow, size = 2) => {
        const pages: string[][] = [];
        for await (const page of log.decidedWithin(tenant, window, size)) {
          pages.push(page.map((r) => r.decision.decisionId));
        }
        return pages;
      };
      // Five records of one tenant, recorded out of order, two sharing a decision time; one record
      // of another tenant in the middle.
      const fixture = async () => {
        const log = makeLog();
        const tenant = uniqueId('bank');
        const ids = ['0a', '1b', '2c', '2d', '3e'].map((s) => `${s}-${uniqueId('d')}`);
        const times = [0, 1, 2, 2, 3].map((m) => at(minutes(m)));
        const records: DecisionRecord[] = ids.map((decisionId, i) =>
          aDecisionRecord({ decisionId, clientId: tenant, decidedAt: times[i] ?? at(0) }),
        );
        for (const i of [3, 0, 4, 2, 1]) {
          const record = records[i];
          if (record !== undefined) {
            await log.record(record);
          }
        }
        await log.record(
          aDecisionRecord({ clientId: uniqueId('other'), decidedAt: at(minutes(2)) }),
        );
        return { log, tenant, ids, records };
      };

      it('reads the window in decision order, page by page: from inclusive, to exclusive', async () => {
        const { log, tenant, ids } = await fixture();
        const [a, b, c, d, e] = ids;
        const all = { from: at(0), to: at(minutes(4)) };
        expect(await read(log, tenant, all)).toEqual([[a, b], [c, d], [e]]);
        expect(await read(log, tenant, all, 5)).toEqual([[a, b, c, d, e]]);
        expect(await read(log, tenant, all, 500)).toEqual([[a, b, c, d, e]]);
        expect(await read(log, tenant, { from: at(minutes(1)), to: at(minutes(3)) })).toEqual([
          [b, c],
          [d],
        ]);
        expect(await read(log, tenant, { from: at(minutes(5)), to: at(minutes(9)) })).toEqual([]);
      });

      it('reads records whole and resumes strictly after a position', async () => {
        const { log, tenant, ids, records } = await fixture();
        const [, , c, d, e] = ids;
        const pages = log.decidedWithin(tenant, { from: at(0), to: at(minutes(1)) }, 10);
        for await (const page of pages) {
          expect(page).toEqual([records[0]]);
          expect(page[0]?.context.payment.occurredAt).toBeInstanceOf(Date);
        }
        const window = {
          from: at(0),
          to: at(minutes(4)),
          after: { decidedAt: at(minutes(2)), decisionId: c ?? '' },
        };
        expect(await read(log, tenant, window)).toEqual([[d, e]]);
        // A position before the window starts at `from`.
        const early = {
          ...window,
          from: at(minutes(3)),
          after: { decidedAt: at(0), decisionId: '' },
        };
        expect(await read(log, tenant, early)).toEqual([[e]]);
      });

      it('reads lazily: a record recorded after a page was read appears on a later page', async () => {
        const { log, tenant, ids } = await fixture();
        const [a, b, c, d, e] = ids;
        const late = aDecisionRecord({ clientId: tenant, decidedAt: at(minutes(3)) });
        const seen: string[] = [];
        const pages = log.decidedWithin(tenant, { from: at(0), to: at(minutes(4)) }, 2);
        for await (const page of pages) {
          if (seen.length === 0) {
            await log.record(late);
          }
          seen.push(...page.map((r) => r.decision.decisionId));
        }
        expect(seen.slice(0, 4)).toEqual([a, b, c, d]);
        expect(seen.slice(4).sort()).toEqual([e, late.decision.decisionId].sort());
      });

      it('keeps each tenant’s window to itself', async () => {
        const { log } = await fixture();
        expect(await read(log, uniqueId('nobody'), { from: at(0), to: at(minutes(4)) })).toEqual(
          [],
        );
      });
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
      expect(await log.get(r1.clientId, r1.decision.decisionId)).toEqual(r1);
    });
  });
}
