import { describe, expect, it } from 'vitest';
import { aDecisionRecord, T0 } from '@sentinel/contracts/testing';
import type { DecisionRecord } from '@sentinel/contracts';
import { toHistoryUpdate } from './history-update.ts';

type Action = DecisionRecord['decision']['action'];

type Payment = DecisionRecord['context']['payment'];
const base = aDecisionRecord({ decisionId: 'd-1' });

function recordWith(action: Action, payment: Payment): DecisionRecord {
  return { ...base, decision: { ...base.decision, action }, context: { ...base.context, payment } };
}

const occurredAt = new Date(T0.getTime() - 20);
const fullPayment: Payment = {
  ...base.context.payment,
  payee: { accountId: 'payee-9' },
  device: { id: 'phone-1', imei: '356938035643809' },
  location: { lat: -26.2, lon: 28.04, accuracyM: 12, source: 'GPS' },
};
const { location: _l, ...withoutLocation } = fullPayment;
const { payee: _p, ...withoutPayee } = fullPayment;

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
    ['no location', withoutLocation, { location: false, imei: true }],
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

  it('remembers a payment without a payee without a payee account', () => {
    const update = toHistoryUpdate(recordWith('APPROVE', withoutPayee));
    expect(update.payment).not.toHaveProperty('payeeAccountId');
    expect(update.payment.amount).toEqual({ minor: 125_000, currency: 'ZAR' });
  });
});
