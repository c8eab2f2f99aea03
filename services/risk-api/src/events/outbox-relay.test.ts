import { describe, expect, it } from 'vitest';
import { aDecisionRecord, at, minutes, T0 } from '@sentinel/contracts/testing';
import { MemoryDecisionEventPublisher } from '../adapters/memory/memory-decision-event-publisher.ts';
import { MemoryDecisionLog } from '@sentinel/store';
import { MemoryRiskStateStore } from '@sentinel/store';
import { FakeClock } from '@sentinel/kernel/testing';
import type { DecisionRecord } from '@sentinel/contracts';
import { toDecisionEvent } from '@sentinel/contracts';
import { createOutboxRelay, type OutboxRelayOptions } from './outbox-relay.ts';
import { createPseudonymiser } from '@sentinel/contracts';

const GRACE_MS = 10_000;
const toEvent = (record: DecisionRecord) =>
  toDecisionEvent(record, createPseudonymiser('unit-test-pseudonym-key'));

function setup(overrides: Partial<OutboxRelayOptions> = {}) {
  const log = new MemoryDecisionLog();
  const publisher = new MemoryDecisionEventPublisher();
  // Its fault hook makes the tenant's history and freeze writes fail.
  const store = new MemoryRiskStateStore();
  const state = store.forTenant('bank-a');
  // Every record here is bank-a's (aDecisionRecord); another tenant's state would be a bug.
  const tenants = {
    forTenant: (tenant: string) => {
      if (tenant !== 'bank-a') {
        throw new Error(`unexpected tenant ${tenant}`);
      }
      return state;
    },
  };
  const clock = new FakeClock(T0);
  const warnings: string[] = [];
  const relay = createOutboxRelay({
    log,
    publisher,
    state: tenants,
    toEvent,
    clock,
    logger: { warn: (message) => warnings.push(message) },
    intervalMs: 1_000,
    graceMs: GRACE_MS,
    ...overrides,
  });
  const records = [0, 1, 2].map((i) => aDecisionRecord({ decidedAt: at(minutes(i)) }));
  const recordAll = async () => {
    for (const r of records) {
      await log.record(r);
    }
  };
  const due = async () =>
    (await log.dueOutbox(at(minutes(60)), 100)).map((r) => r.decision.decisionId);
  const published = () => publisher.events.map((e) => e.decisionId).sort();
  const ids = records.map((r) => r.decision.decisionId);
  return {
    log,
    publisher,
    store,
    state,
    clock,
    relay,
    records,
    recordAll,
    due,
    published,
    ids,
    warnings,
  };
}

describe('createOutboxRelay', () => {
  it('delivers: publishes the event, applies the history, completes the entry', async () => {
    const { relay, records, recordAll, publisher, state, due } = setup();
    await recordAll();
    const record = records[0]!;
    await relay.deliver(record);
    expect(publisher.events).toEqual([toEvent(record)]);
    const { history } = await state.readSnapshot('user-1', '+27821230001', { timeoutMs: 1 });
    expect(history.recentPayments.map((p) => p.decisionId)).toEqual([record.decision.decisionId]);
    expect(await due()).toEqual(records.slice(1).map((r) => r.decision.decisionId));
  });

  it('applies the device sighting and the freezes with the history, once however often delivered', async () => {
    const { relay, log, state, due } = setup();
    const base = aDecisionRecord({ decidedAt: at(minutes(3)) });
    const record = {
      ...base,
      effects: {
        ...base.effects!,
        freezes: [
          { userId: 'user-1', reason: 'FLEET_ANOMALY' },
          { userId: 'user-2', reason: 'FLEET_ANOMALY' },
        ],
      },
    };
    await log.record(record);
    await relay.deliver(record);
    await relay.deliver(record);
    const snapshot = await state.readSnapshot('user-1', '+27821230001', {
      timeoutMs: 1,
      deviceId: 'phone-1',
    });
    expect(snapshot.deviceSightings).toEqual([
      { userId: 'user-1', deviceId: 'phone-1', at: record.decidedAt, bound: true },
    ]);
    expect(snapshot.accountFrozen).toBe(true);
    expect(await state.getAccountFreeze('user-2')).toMatchObject({
      frozen: true,
      decisionId: record.decision.decisionId,
      reason: 'FLEET_ANOMALY',
    });
    expect(await due()).not.toContain(record.decision.decisionId);
  });

  it('applies no sighting and no freeze the effects do not name', async () => {
    const { relay, log, state } = setup();
    const base = aDecisionRecord({ decidedAt: at(minutes(3)) });
    const record = { ...base, effects: { ...base.effects!, sighting: null } };
    await log.record(record);
    await relay.deliver(record);
    const snapshot = await state.readSnapshot('user-1', '+27821230001', {
      timeoutMs: 1,
      deviceId: 'phone-1',
    });
    expect(snapshot.deviceSightings).toEqual([]);
    expect(snapshot.accountFrozen).toBe(false);
    expect(snapshot.history.recentPayments.map((p) => p.decisionId)).toEqual([
      record.decision.decisionId,
    ]);
  });

  it('keeps the entry when a freeze fails, and the sweep applies it later', async () => {
    const { relay, log, store, state, clock, due } = setup();
    const base = aDecisionRecord({ decidedAt: at(minutes(3)) });
    const record = {
      ...base,
      effects: { ...base.effects!, freezes: [{ userId: 'user-1', reason: 'BEHAVIOR_ANOMALY' }] },
    };
    await log.record(record);
    store.setFault('freezeAccount', new Error('freeze failed'));
    await expect(relay.deliver(record)).rejects.toThrow('freeze failed');
    expect(await due()).toContain(record.decision.decisionId);
    store.setFault('freezeAccount', null);
    clock.set(at(minutes(60)));
    await relay.sweep();
    expect((await state.getAccountFreeze('user-1')).frozen).toBe(true);
    expect(await due()).not.toContain(record.decision.decisionId);
  });

  it('does not deliver again what it is still delivering (a slow broker is not a lost event)', async () => {
    const { relay, records, recordAll, publisher, clock, ids } = setup();
    await recordAll();
    const release = publisher.hold();
    const deliveries = records.map((r) => relay.deliver(r));
    clock.set(at(minutes(60))); // every entry is now older than the grace period
    const sweeping = relay.sweep();
    release();
    await Promise.all(deliveries);
    expect(await sweeping).toEqual({ delivered: 0, failed: 0 });
    expect(publisher.attempts).toBe(records.length);
    expect(publisher.events.map((e) => e.decisionId).sort()).toEqual([...ids].sort());
  });

  it('keeps every entry while the broker is down and sweeps them all once it is back', async () => {
    const { relay, records, recordAll, publisher, clock, due, published, ids, warnings } = setup();
    await recordAll();
    publisher.setAvailable(false);
    await expect(relay.deliver(records[0]!)).rejects.toMatchObject({
      code: 'RISK.EVENT_PUBLISH_FAILED',
    });
    clock.set(at(minutes(2) + GRACE_MS));
    expect(await relay.sweep()).toEqual({ delivered: 0, failed: 3 });
    expect(await due()).toEqual(ids);
    expect(warnings).toEqual(['outbox delivery failed; the entry stays for the next sweep']);

    publisher.setAvailable(true);
    // Entries that failed sit out this instance's next sweep (one interval, 1 s here).
    expect(await relay.sweep()).toEqual({ delivered: 0, failed: 0 });
    clock.set(at(minutes(2) + GRACE_MS + 1_000));
    expect(await relay.sweep()).toEqual({ delivered: 3, failed: 0 });
    expect(published()).toEqual([...ids].sort());
    expect(await due()).toEqual([]);
    expect(await relay.sweep()).toEqual({ delivered: 0, failed: 0 });
  });

  it('keeps the entry when the history write fails, even though the event went out', async () => {
    const { relay, records, recordAll, store, due, published } = setup();
    await recordAll();
    store.setFault('applyHistory', new Error('history write failed'));
    await expect(relay.deliver(records[0]!)).rejects.toThrow('history write failed');
    expect(published()).toEqual([records[0]!.decision.decisionId]);
    expect(await due()).toContain(records[0]!.decision.decisionId);
  });

  it('does not publish again when it retries a delivery whose event already went out', async () => {
    const { relay, records, recordAll, store, state, due, published } = setup();
    await recordAll();
    store.setFault('applyHistory', new Error('history write failed'));
    await expect(relay.deliver(records[0]!)).rejects.toThrow('history write failed');
    store.setFault('applyHistory', null);
    await relay.deliver(records[0]!);
    await relay.deliver(records[0]!); // e.g. the fallback outbox, after the sweep delivered it
    expect(published()).toEqual([records[0]!.decision.decisionId]);
    expect(await due()).not.toContain(records[0]!.decision.decisionId);
    const { history } = await state.readSnapshot('user-1', '+27821230001', { timeoutMs: 1 });
    expect(history.recentPayments.map((p) => p.decisionId)).toContain(
      records[0]!.decision.decisionId,
    );
  });

  it('publishes again when the publish itself failed', async () => {
    const { relay, records, recordAll, publisher, published } = setup();
    await recordAll();
    publisher.setFault(new Error('broker down'));
    await expect(relay.deliver(records[0]!)).rejects.toThrow('broker down');
    publisher.setFault(null);
    await relay.deliver(records[0]!);
    expect(published()).toEqual([records[0]!.decision.decisionId]);
  });

  it('leaves entries younger than the grace period to the request’s own delivery', async () => {
    const { relay, recordAll, clock, due, ids } = setup();
    await recordAll();
    clock.set(at(minutes(1) + GRACE_MS - 1));
    expect(await relay.sweep()).toEqual({ delivered: 1, failed: 0 });
    expect(await due()).toEqual(ids.slice(1));
  });

  it('gives up a sweep after three failures in a row', async () => {
    const { relay, log, publisher, clock } = setup({ concurrency: 1 });
    for (let i = 0; i < 10; i++) {
      await log.record(aDecisionRecord({ decidedAt: at(minutes(i)) }));
    }
    publisher.setAvailable(false);
    clock.set(at(minutes(60)));
    expect(await relay.sweep()).toEqual({ delivered: 0, failed: 3 });
    expect(publisher.attempts).toBe(3);
  });

  it('lets entries that failed wait, so the ones behind them are delivered', async () => {
    const { relay, log, publisher, clock } = setup({ concurrency: 1, batchSize: 3 });
    const records = Array.from({ length: 9 }, (_, i) =>
      aDecisionRecord({ decidedAt: at(minutes(i)) }),
    );
    for (const r of records) {
      await log.record(r);
    }
    // The three oldest can never be delivered (their documents stay locked, say).
    const stuck = new Set(records.slice(0, 3).map((r) => r.decision.decisionId));
    publisher.setFault((event) =>
      stuck.has(event.decisionId) ? new Error('10 ABORTED: Transaction lock timeout.') : null,
    );
    clock.set(at(minutes(60)));
    expect(await relay.sweep()).toEqual({ delivered: 0, failed: 3 });
    // Before: every sweep took the same three oldest first and gave up on them.
    expect(await relay.sweep()).toEqual({ delivered: 6, failed: 0 });
    expect((await log.dueOutbox(at(minutes(60)), 100)).map((r) => r.decision.decisionId)).toEqual([
      ...stuck,
    ]);
  });

  it('runs one sweep at a time', async () => {
    const { relay, recordAll, clock } = setup();
    await recordAll();
    clock.set(at(minutes(60)));
    const first = relay.sweep();
    expect(relay.sweep()).toBe(first);
    expect(await first).toEqual({ delivered: 3, failed: 0 });
  });

  it('sweeps on its interval once started, and stop waits for deliveries under way', async () => {
    const { relay, recordAll, publisher, clock } = setup();
    await recordAll();
    clock.set(at(minutes(60)));
    const release = publisher.hold();
    relay.start();
    await clock.advanceAsync(999);
    expect(publisher.attempts).toBe(0);
    await clock.advanceAsync(1);
    expect(publisher.attempts).toBe(3);

    // stop resolves only after the held deliveries went out, and leaves no timer behind.
    const stopping = relay.stop().then(() => publisher.events.length);
    expect(clock.pendingTimers).toBe(0);
    expect(publisher.events).toHaveLength(0);
    release();
    expect(await stopping).toBe(3);
  });
});
