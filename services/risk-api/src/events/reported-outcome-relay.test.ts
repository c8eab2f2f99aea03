import { describe, expect, it, vi } from 'vitest';
import type { OutcomeEvent, ReportedOutcome } from '@sentinel/contracts';
import { createLogger } from '@sentinel/kernel';
import { FakeClock } from '@sentinel/kernel/testing';
import { MemoryReportedOutcomes } from '@sentinel/store';
import { createReportedOutcomeRelay } from './reported-outcome-relay.ts';

const T0 = new Date('2026-11-21T10:00:00.000Z');
const report: ReportedOutcome = {
  decisionId: '0193c5f0-0000-7000-8000-0000000000aa',
  outcome: 'CHARGEBACK',
  reportedBy: 'ops',
  reference: null,
  occurredAt: T0,
  reportedAt: T0,
  decidedAt: T0,
};

/** A broker whose publishes wait for `release` and then succeed (or fail while `down`). */
function slowBroker() {
  const events: OutcomeEvent[] = [];
  let gate = Promise.withResolvers<undefined>();
  const broker = {
    events,
    down: false,
    attempts: 0,
    release: () => {
      gate.resolve(undefined);
      gate = Promise.withResolvers<undefined>();
    },
    async publish(event: OutcomeEvent) {
      broker.attempts++;
      await gate.promise;
      if (broker.down) {
        throw new Error('broker down');
      }
      events.push(event);
    },
  };
  return broker;
}

async function setUp() {
  const store = new MemoryReportedOutcomes();
  const broker = slowBroker();
  const logs: unknown[] = [];
  const relay = createReportedOutcomeRelay({
    store,
    publisher: broker,
    clock: new FakeClock(T0),
    logger: createLogger({
      level: 'debug',
      projectId: 't',
      service: 't',
      write: (l) => logs.push(l),
    }),
    intervalMs: 1_000,
  });
  await store.forTenant('bank').report(report);
  return { store, broker, relay, logs };
}

describe('the reported outcome relay', () => {
  it('leaves a report being published to its publisher: the sweep does not publish it again', async () => {
    const { store, broker, relay } = await setUp();
    relay.publishSoon('bank', report);
    expect(await relay.sweep()).toBe(0);
    expect(broker.attempts).toBe(1);
    broker.release();
    await relay.settle();
    expect(broker.events.map((e) => [e.decisionId, e.status, e.source])).toEqual([
      [report.decisionId, 'CHARGEBACK', 'BANK'],
    ]);
    expect(await store.dueReports(10)).toEqual([]);
  });

  it('after a failed publish, hands the report to the sweep, which publishes it', async () => {
    const { store, broker, relay, logs } = await setUp();
    broker.down = true;
    relay.publishSoon('bank', report);
    broker.release();
    await relay.settle();
    expect(logs).toHaveLength(1);
    expect(await store.dueReports(10)).toHaveLength(1);
    broker.down = false;
    const sweep = relay.sweep();
    // Concurrent sweeps share one run.
    expect(relay.sweep()).toBe(sweep);
    await vi.waitFor(() => expect(broker.attempts).toBe(2));
    broker.release();
    expect(await sweep).toBe(1);
    expect(broker.events).toHaveLength(1);
    expect(await store.dueReports(10)).toEqual([]);
  });
});
