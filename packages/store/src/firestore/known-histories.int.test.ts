import { Firestore } from '@google-cloud/firestore';
import { afterAll, describe, expect, it } from 'vitest';
import { uniqueProjectId } from '../../../../test/support/emulator-env.ts';
import type { HistoryUpdate } from '../ports/payment-history.ts';
import { at, minutes, uniqueId } from '@sentinel/contracts/testing';
import { firestoreSettings } from './firestore-settings.ts';
import { FirestoreRiskStateStore } from './firestore-risk-state-store.ts';
import type { FirestoreTenantState } from './firestore-tenant-state.ts';

const db = new Firestore(firestoreSettings({ projectId: uniqueProjectId('known-histories') }));
afterAll(() => db.terminate());

const PHONE = '+27821230001';
const opts = { timeoutMs: 5_000 };

/** The shared client, counting the transactions run through it. */
function counting(): { db: Firestore; transactions: () => number } {
  let transactions = 0;
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'runTransaction') {
        return (...args: Parameters<Firestore['runTransaction']>) => {
          transactions++;
          return target.runTransaction(...args);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return { db: proxy, transactions: () => transactions };
}

function payment(userId: string, decisionId: string, n: number): HistoryUpdate {
  return {
    userId,
    payment: {
      decisionId,
      at: at(minutes(n)),
      amount: { minor: 1_000 + n, currency: 'ZAR' },
      action: 'APPROVE',
    },
    location: { lat: -26, lon: 28 + n / 100, source: 'GPS', at: at(minutes(n)) },
  };
}

const ids = async (store: FirestoreTenantState, userId: string) =>
  (await store.readSnapshot(userId, PHONE, opts)).history.recentPayments.map((p) => p.decisionId);

describe('history writes on the version the hot path read (Firestore)', () => {
  it('writes without a transaction after a read, including the first payment', async () => {
    const { db: counted, transactions } = counting();
    const store = new FirestoreRiskStateStore(counted).forTenant('t-a');
    const userId = uniqueId('user');
    for (let n = 0; n < 5; n++) {
      await store.readSnapshot(userId, PHONE, opts); // the decision's snapshot
      await store.applyHistory(payment(userId, `d-${n}`, n)); // its delivery
    }
    expect(await ids(store, userId)).toEqual(['d-4', 'd-3', 'd-2', 'd-1', 'd-0']);
    // Without a read in between, the version this instance wrote last is the known one.
    await store.applyHistory(payment(userId, 'd-5', 5));
    expect((await ids(store, userId))[0]).toBe('d-5');
    expect(transactions()).toBe(0);
  });

  it('loses no payment when another instance wrote since the read', async () => {
    const { db: counted, transactions } = counting();
    const a = new FirestoreRiskStateStore(counted).forTenant('t-a');
    const b = new FirestoreRiskStateStore(db).forTenant('t-a');
    const userId = uniqueId('user');
    await a.readSnapshot(userId, PHONE, opts); // no document yet
    await b.readSnapshot(userId, PHONE, opts);
    await b.applyHistory(payment(userId, 'd-b1', 1)); // creates it
    await a.applyHistory(payment(userId, 'd-a1', 2)); // its create is refused: re-read, write
    await a.readSnapshot(userId, PHONE, opts);
    await b.applyHistory(payment(userId, 'd-b2', 3)); // b's known version is its own write
    await a.applyHistory(payment(userId, 'd-a2', 4)); // a's read is older now: re-read, write
    expect(await ids(a, userId)).toEqual(['d-a2', 'd-b2', 'd-a1', 'd-b1']);
    expect(transactions()).toBe(0); // plain re-reads settled both, no locks held
    const { history } = await a.readSnapshot(userId, PHONE, opts);
    expect(history.lastLocation?.at).toEqual(at(minutes(4)));
  });

  it('applies concurrent deliveries for one user exactly once each', async () => {
    const store = new FirestoreRiskStateStore(db).forTenant('t-a');
    const userId = uniqueId('user');
    const { db: counted, transactions } = counting();
    const store2 = new FirestoreRiskStateStore(counted).forTenant('t-a');
    await store2.readSnapshot(userId, PHONE, opts);
    await Promise.all(
      Array.from({ length: 6 }, (_, n) => store2.applyHistory(payment(userId, `d-${n}`, n))),
    );
    expect((await ids(store, userId)).sort()).toEqual(['d-0', 'd-1', 'd-2', 'd-3', 'd-4', 'd-5']);
    // The version read serves one; the others re-read and retry, and those that lose twice more
    // run a transaction: never more than five.
    expect(transactions()).toBeLessThanOrEqual(5);
  });
});
