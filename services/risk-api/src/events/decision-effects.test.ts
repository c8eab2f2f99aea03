import { describe, expect, it } from 'vitest';
import { aDecisionRecord, T0 } from '@sentinel/contracts/testing';
import { toFreezeOrders, toSightingUpdate } from './decision-effects.ts';

describe('decision effects', () => {
  it('sees this account on this device at decision time, whatever the action', () => {
    const record = aDecisionRecord({ decisionId: 'd-1' });
    expect(toSightingUpdate(record)).toEqual({
      deviceId: 'phone-1',
      userId: 'user-1',
      at: T0,
      decisionId: 'd-1',
    });
  });

  it('orders one freeze per account the decision freezes, none otherwise', () => {
    const base = aDecisionRecord({ decisionId: 'd-2' });
    expect(toFreezeOrders(base)).toEqual([]);
    const record = { ...base, freezes: { userIds: ['user-1', 'user-9'], reason: 'FLEET_ANOMALY' } };
    expect(toFreezeOrders(record)).toEqual([
      { userId: 'user-1', decisionId: 'd-2', reason: 'FLEET_ANOMALY', at: T0 },
      { userId: 'user-9', decisionId: 'd-2', reason: 'FLEET_ANOMALY', at: T0 },
    ]);
  });
});
