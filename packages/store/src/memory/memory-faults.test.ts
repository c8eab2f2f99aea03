import { describe, expect, it } from 'vitest';
import { aDecisionRecord } from '@sentinel/contracts/testing';
import { MemoryDecisionLog } from './memory-decision-log.ts';
import { MemoryRiskStateStore } from './memory-risk-state-store.ts';

describe('memory adapters: test fault hooks', () => {
  it('MemoryDecisionLog fails, hangs or picks per record, commits nothing faulted, counts attempts', async () => {
    const log = new MemoryDecisionLog();
    const [a, b, c] = [aDecisionRecord(), aDecisionRecord(), aDecisionRecord()];
    log.setRecordFault(new Error('14 UNAVAILABLE'));
    await expect(log.record(a)).rejects.toThrow('14 UNAVAILABLE');
    log.setRecordFault((r) => (r.decision.decisionId === b.decision.decisionId ? 'hang' : null));
    let settled = false;
    void log.record(b).finally(() => {
      settled = true;
    });
    await expect(log.record(c)).resolves.toEqual({ created: true });
    log.setRecordFault(null);
    await expect(log.record(a)).resolves.toEqual({ created: true });
    expect(settled).toBe(false);
    expect(await log.get(b.clientId, b.decision.decisionId)).toBeNull();
    expect(log.recordAttempts).toBe(4);
  });

  it('MemoryRiskStateStore fails freeze writes while their fault is set, and stores nothing', async () => {
    const store = new MemoryRiskStateStore();
    const state = store.forTenant('bank-a');
    store.setFault('freezeAccount', new Error('freeze failed'));
    const record = aDecisionRecord();
    const order = {
      userId: 'user-1',
      decisionId: record.decision.decisionId,
      at: record.decidedAt,
      reason: 'BEHAVIOR_ANOMALY',
    };
    await expect(state.freezeAccount(order)).rejects.toThrow('freeze failed');
    expect((await state.getAccountFreeze('user-1')).frozen).toBe(false);
    store.setFault('freezeAccount', null);
    await state.freezeAccount(order);
    expect((await state.getAccountFreeze('user-1')).frozen).toBe(true);
  });
});
