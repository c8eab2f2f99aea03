import { describe, expect, it } from 'vitest';
import type { ReportedOutcome } from '@sentinel/contracts';
import { at, minutes, uniqueId } from '@sentinel/contracts/testing';
import type { ReportedOutcomeStore } from '../ports/reported-outcomes.ts';

function aReport(overrides: Partial<ReportedOutcome> = {}): ReportedOutcome {
  return {
    decisionId: uniqueId('decision'),
    outcome: 'CONFIRMED_FRAUD',
    reportedBy: 'analyst-17',
    reference: 'CASE-1',
    occurredAt: at(minutes(10)),
    reportedAt: at(minutes(11)),
    decidedAt: at(0),
    ...overrides,
  };
}

/**
 * The `ReportedOutcomeStore` contract: one report of each kind per decision (the first wins, also
 * under concurrency), listed oldest first, kept apart per tenant, and an outbox entry for every
 * new report until its event is published. `make` returns an empty, isolated store on every call.
 */
export function runReportedOutcomesContract(name: string, make: () => ReportedOutcomeStore): void {
  describe(`ReportedOutcomes contract: ${name}`, () => {
    it('stores a report and lists it', async () => {
      const store = make();
      const report = aReport();
      const bank = store.forTenant('bank-a');
      expect(await bank.report(report)).toEqual({ report, created: true });
      expect(await bank.list(report.decisionId)).toEqual([report]);
      expect(await bank.list(uniqueId('unknown'))).toEqual([]);
    });

    it('lists the reports of many decisions at once, each decision’s oldest first', async () => {
      const store = make();
      const bank = store.forTenant('bank-a');
      const [one, two, none] = [uniqueId('d1'), uniqueId('d2'), uniqueId('d3')];
      const fraud = aReport({ decisionId: one, reportedAt: at(minutes(30)) });
      const passed = aReport({ decisionId: one, outcome: 'STEP_UP_PASSED' });
      const legit = aReport({ decisionId: two, outcome: 'CONFIRMED_LEGITIMATE' });
      for (const r of [fraud, passed, legit]) {
        await bank.report(r);
      }
      await store.forTenant('bank-b').report(aReport({ decisionId: none }));
      const found = await bank.listMany([one, two, none]);
      expect([...found.keys()].sort()).toEqual([one, two].sort());
      expect(found.get(one)).toEqual([passed, fraud]);
      expect(found.get(two)).toEqual([legit]);
      expect((await bank.listMany([])).size).toBe(0);
    });

    it('keeps the first report of a kind: a repeat (even with other details) changes nothing', async () => {
      const store = make();
      const first = aReport();
      const bank = store.forTenant('bank-a');
      await bank.report(first);
      const again = { ...first, reportedBy: 'someone-else', reportedAt: at(minutes(20)) };
      expect(await bank.report(again)).toEqual({ report: first, created: false });
      expect(await bank.list(first.decisionId)).toEqual([first]);
      expect(await store.dueReports(10)).toEqual([{ tenant: 'bank-a', report: first }]);
    });

    it('takes another kind for the same decision as a new report, listed oldest first', async () => {
      const store = make();
      const bank = store.forTenant('bank-a');
      const decisionId = uniqueId('decision');
      const fraud = aReport({
        decisionId,
        outcome: 'CONFIRMED_FRAUD',
        reportedAt: at(minutes(30)),
      });
      const passed = aReport({ decisionId, outcome: 'STEP_UP_PASSED', reportedAt: at(minutes(5)) });
      expect((await bank.report(fraud)).created).toBe(true);
      expect((await bank.report(passed)).created).toBe(true);
      expect(await bank.list(decisionId)).toEqual([passed, fraud]);
    });

    it('keeps tenants apart', async () => {
      const store = make();
      const report = aReport({ reference: null });
      await store.forTenant('bank-a').report(report);
      expect(await store.forTenant('bank-b').list(report.decisionId)).toEqual([]);
      // The same ids under another tenant are that tenant's own report.
      const theirs = { ...report, reportedBy: 'their-analyst' };
      expect(await store.forTenant('bank-b').report(theirs)).toEqual({
        report: theirs,
        created: true,
      });
      expect(await store.forTenant('bank-a').list(report.decisionId)).toEqual([report]);
    });

    it('keeps an outbox entry per new report, oldest first, until completed (idempotently)', async () => {
      const store = make();
      const older = aReport({ reportedAt: at(minutes(1)) });
      const newer = aReport({ reportedAt: at(minutes(2)), outcome: 'CHARGEBACK' });
      await store.forTenant('bank-b').report(newer);
      await store.forTenant('bank-a').report(older);
      expect(await store.dueReports(10)).toEqual([
        { tenant: 'bank-a', report: older },
        { tenant: 'bank-b', report: newer },
      ]);
      expect(await store.dueReports(1)).toHaveLength(1);
      expect(await store.dueReports(0)).toEqual([]);
      await store.completeReport('bank-a', older.decisionId, older.outcome);
      await store.completeReport('bank-a', older.decisionId, older.outcome);
      // Completing the wrong tenant's entry leaves the right one alone.
      await store.completeReport('bank-a', newer.decisionId, newer.outcome);
      expect(await store.dueReports(10)).toEqual([{ tenant: 'bank-b', report: newer }]);
      await store.completeReport('bank-b', newer.decisionId, newer.outcome);
      expect(await store.dueReports(10)).toEqual([]);
      // The reports themselves stay.
      expect(await store.forTenant('bank-a').list(older.decisionId)).toEqual([older]);
    });

    it('creates one report and one outbox entry for concurrent identical reports', async () => {
      const store = make();
      const bank = store.forTenant('bank-a');
      const report = aReport();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => bank.report({ ...report, reportedBy: `client-${i}` })),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const winner = results.find((r) => r.created)?.report;
      expect(results.every((r) => r.report.reportedBy === winner?.reportedBy)).toBe(true);
      expect(await bank.list(report.decisionId)).toHaveLength(1);
      expect(await store.dueReports(10)).toHaveLength(1);
    });
  });
}
