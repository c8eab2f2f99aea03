import { EMPTY_HISTORY, type PaymentMemory } from '@sentinel/engine';
import { describe, expect, it } from 'vitest';
import { at, hours } from '@sentinel/contracts/testing';
import { addFailedLogin, HISTORY_WINDOW, mergeHistory } from './merge-history.ts';

const payment = (decisionId: string, when: Date): PaymentMemory => ({
  decisionId,
  at: when,
  amount: { minor: 100, currency: 'ZAR' },
  action: 'APPROVE',
});

describe('mergeHistory', () => {
  it('returns null for a decision already applied', () => {
    const once = mergeHistory(EMPTY_HISTORY, { userId: 'u', payment: payment('d-1', at(0)) });
    expect(once?.recentPayments).toHaveLength(1);
    expect(
      mergeHistory(once ?? EMPTY_HISTORY, { userId: 'u', payment: payment('d-1', at(0)) }),
    ).toBeNull();
  });

  it('orders payments of the same instant by decision id, newest id first', () => {
    let history = EMPTY_HISTORY;
    for (const id of ['0193-b', '0193-c', '0193-a']) {
      history = mergeHistory(history, { userId: 'u', payment: payment(id, at(0)) }) ?? history;
    }
    expect(history.recentPayments.map((p) => p.decisionId)).toEqual(['0193-c', '0193-b', '0193-a']);
  });

  it('measures the 30-day window from the newest payment, not the wall clock', () => {
    const old = payment('old', at(-HISTORY_WINDOW.paymentsMaxAgeMs));
    const history = mergeHistory(
      { ...EMPTY_HISTORY, recentPayments: [old] },
      { userId: 'u', payment: payment('new', at(0)) },
    );
    expect(history?.recentPayments.map((p) => p.decisionId)).toEqual(['new', 'old']);
    const later = mergeHistory(history ?? EMPTY_HISTORY, {
      userId: 'u',
      payment: payment('newer', at(1)),
    });
    expect(later?.recentPayments.map((p) => p.decisionId)).toEqual(['newer', 'new']);
  });
});

describe('addFailedLogin', () => {
  it('keeps at most 50, newest first', () => {
    let history = EMPTY_HISTORY;
    for (let i = 0; i < 60; i++) {
      history = addFailedLogin(history, at(i * 1000));
    }
    expect(history.failedLogins).toHaveLength(HISTORY_WINDOW.maxFailedLogins);
    expect(history.failedLogins[0]).toEqual(at(59_000));
    expect(history.failedLogins.at(-1)).toEqual(at(10_000));
  });

  it('drops logins more than 24 h older than the newest', () => {
    const history = addFailedLogin(addFailedLogin(EMPTY_HISTORY, at(-hours(25))), at(0));
    expect(history.failedLogins).toEqual([at(0)]);
  });
});
