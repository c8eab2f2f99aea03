import { EMPTY_HISTORY, type PaymentMemory, type UserHistory } from '@sentinel/engine';
import fc from 'fast-check';
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

/** The merge as it was before its one-walk form: sort everything, filter, slice. */
function reference(current: UserHistory, update: { payment: PaymentMemory }) {
  if (current.recentPayments.some((p) => p.decisionId === update.payment.decisionId)) {
    return null;
  }
  const all = [update.payment, ...current.recentPayments].sort(
    (a, b) =>
      b.at.getTime() - a.at.getTime() ||
      (a.decisionId < b.decisionId ? 1 : a.decisionId > b.decisionId ? -1 : 0),
  );
  const newest = all[0]?.at.getTime() ?? 0;
  return all
    .filter((p) => newest - p.at.getTime() <= HISTORY_WINDOW.paymentsMaxAgeMs)
    .slice(0, HISTORY_WINDOW.maxPayments);
}

describe('mergeHistory against the sort-filter-slice reference (fast-check)', () => {
  // Few distinct instants and ids, so ties, duplicates and the window's edge (exactly 30 days,
  // and a millisecond either side) all come up; up to 25 kept so the 20-payment cap cuts.
  const DAY = 24 * 3_600_000;
  const aPayment = fc
    .record({
      id: fc.integer({ min: 0, max: 40 }),
      day: fc.constantFrom(0, 1, 2, 29, 30, 31, 40),
      ms: fc.constantFrom(0, 1, 2),
    })
    .map(({ id, day, ms }) => payment(`d-${String(id).padStart(2, '0')}`, at(-day * DAY + ms)));
  const distinct = (ps: PaymentMemory[]) =>
    ps.filter((p, i) => ps.findIndex((q) => q.decisionId === p.decisionId) === i);

  it('gives the same history for a kept list as merges leave it (newest first)', () => {
    fc.assert(
      fc.property(fc.array(aPayment, { maxLength: 25 }), aPayment, (ps, incoming) => {
        let history: UserHistory = EMPTY_HISTORY;
        for (const p of distinct(ps)) {
          history = mergeHistory(history, { userId: 'u', payment: p }) ?? history;
        }
        const merged = mergeHistory(history, { userId: 'u', payment: incoming });
        expect(merged?.recentPayments ?? null).toEqual(reference(history, { payment: incoming }));
      }),
      { numRuns: 2_000 },
    );
  });

  it('gives the same history for a kept list in any order (a document written elsewhere)', () => {
    fc.assert(
      fc.property(fc.array(aPayment, { maxLength: 25 }), aPayment, (ps, incoming) => {
        const history = { ...EMPTY_HISTORY, recentPayments: distinct(ps) };
        const merged = mergeHistory(history, { userId: 'u', payment: incoming });
        expect(merged?.recentPayments ?? null).toEqual(reference(history, { payment: incoming }));
      }),
      { numRuns: 2_000 },
    );
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
