import { describe, expect, it } from 'vitest';
import { aDecisionRecord, T0 } from '@sentinel/contracts/testing';
import type { DecisionRecord } from '@sentinel/contracts';
import type { Effects } from '@sentinel/engine';
import { effectWrites } from './decision-effects.ts';

const occurredAt = new Date(T0.getTime() - 20);
const base = aDecisionRecord({ decisionId: 'd-1' });
const withEffects = (effects: Partial<Effects>): DecisionRecord => ({
  ...base,
  effects: { ...base.effects!, ...effects },
});

describe('effectWrites', () => {
  it('writes exactly the effects the engine stated, with the decision id and time', () => {
    const record = withEffects({
      freezes: [
        { userId: 'user-2', reason: 'FLEET_ANOMALY' },
        { userId: 'user-9', reason: 'BEHAVIOR_ANOMALY' },
      ],
      history: {
        ...base.effects!.history,
        location: { lat: -26.2, lon: 28.04, source: 'GPS', at: occurredAt },
        imei: { imei: '356938035643809', phoneNumber: '+27821230001', at: occurredAt },
      },
    });
    expect(effectWrites(record)).toEqual({
      history: {
        userId: 'user-1',
        payment: {
          decisionId: 'd-1',
          at: occurredAt,
          amount: { minor: 125_000, currency: 'ZAR' },
          action: 'STEP_UP',
          payeeAccountId: 'payee-9',
        },
        location: { lat: -26.2, lon: 28.04, source: 'GPS', at: occurredAt },
        imei: { imei: '356938035643809', phoneNumber: '+27821230001', at: occurredAt },
      },
      sighting: { userId: 'user-1', deviceId: 'phone-1', at: T0, bound: true, decisionId: 'd-1' },
      freezes: [
        { userId: 'user-2', reason: 'FLEET_ANOMALY', decisionId: 'd-1', at: T0 },
        { userId: 'user-9', reason: 'BEHAVIOR_ANOMALY', decisionId: 'd-1', at: T0 },
      ],
    });
  });

  it.each([
    ['no sighting when the engine left none', withEffects({ sighting: null }), 'sighting'],
    ['no freezes when the engine ordered none', withEffects({ freezes: [] }), 'freezes'],
  ] as const)('%s', (_, record, part) => {
    const writes = effectWrites(record);
    expect(writes[part]).toEqual(part === 'sighting' ? null : []);
    expect(writes.history?.payment.decisionId).toBe('d-1');
  });

  it('writes nothing but lets the event go for a record written before effects existed', () => {
    const { effects: _e, ...legacy } = base;
    expect(effectWrites(legacy)).toEqual({ history: null, sighting: null, freezes: [] });
  });
});
