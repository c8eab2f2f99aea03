import { describe, expect, it } from 'vitest';
import { aDecisionRecord, T0 } from '@sentinel/contracts/testing';
import type { DecisionRecord } from '@sentinel/contracts';
import { toHistoryUpdate } from './history-update.ts';

type Action = DecisionRecord['decision']['action'];

function recordWith(action: Action, payment: unknown): DecisionRecord {
  const base = aDecisionRecord({ decisionId: 'd-1' });
  return { ...base, decision: { ...base.decision, action }, context: { payment } };
}

const occurredAt = new Date(T0.getTime() - 20);
const fullPayment = {
  payee: { accountId: 'payee-9' },
  device: { id: 'phone-1', imei: '356938035643809' },
  location: { lat: -26.2, lon: 28.04, accuracyM: 12, source: 'GPS' },
};

describe('toHistoryUpdate', () => {
  it('learns payment, location and IMEI from an approved payment', () => {
    expect(toHistoryUpdate(recordWith('APPROVE', fullPayment))).toEqual({
      userId: 'user-1',
      payment: {
        decisionId: 'd-1',
        at: occurredAt,
        amount: { minor: 125_000, currency: 'ZAR' },
        action: 'APPROVE',
        payeeAccountId: 'payee-9',
      },
      location: { lat: -26.2, lon: 28.04, accuracyM: 12, source: 'GPS', at: occurredAt },
      imei: { imei: '356938035643809', phoneNumber: '+27821230001', at: occurredAt },
    });
  });

  it.each<Action>(['STEP_UP', 'DENY'])(
    'remembers a %s payment but learns neither its place nor its IMEI',
    (action) => {
      const update = toHistoryUpdate(recordWith(action, fullPayment));
      expect(update.payment).toMatchObject({ action, payeeAccountId: 'payee-9' });
      expect(update).not.toHaveProperty('location');
      expect(update).not.toHaveProperty('imei');
    },
  );

  it.each([
    ['no payment context', undefined, { location: false, imei: false }],
    [
      'a malformed location',
      { ...fullPayment, location: { lat: 'south' } },
      { location: false, imei: true },
    ],
    [
      'a device without IMEI',
      { ...fullPayment, device: { id: 'phone-1' } },
      { location: true, imei: false },
    ],
  ])('still records the payment with %s', (_, payment, learns) => {
    const update = toHistoryUpdate(recordWith('APPROVE', payment));
    expect(update.payment).toMatchObject({ decisionId: 'd-1', at: occurredAt });
    expect(update.location !== undefined).toBe(learns.location);
    expect(update.imei !== undefined).toBe(learns.imei);
  });

  it('ignores a malformed part without losing the others', () => {
    const update = toHistoryUpdate(
      recordWith('APPROVE', { ...fullPayment, location: { lat: 'south' } }),
    );
    expect(update).not.toHaveProperty('location');
    expect(update.imei?.imei).toBe('356938035643809');
    expect(update.payment.payeeAccountId).toBe('payee-9');
  });
});
