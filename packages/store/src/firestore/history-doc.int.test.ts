import { Firestore, Timestamp } from '@google-cloud/firestore';
import { afterAll, describe, expect, it } from 'vitest';
import { uniqueProjectId } from '../../../../test/support/emulator-env.ts';
import { at, minutes, uniqueId } from '@sentinel/contracts/testing';
import type { HistoryUpdate } from '../ports/payment-history.ts';
import { firestoreSettings } from './firestore-settings.ts';
import { FirestoreRiskStateStore } from './firestore-risk-state-store.ts';
import { StoredDocumentInvalidError } from './parse-document.ts';

const db = new Firestore(firestoreSettings({ projectId: uniqueProjectId('history-doc') }));
afterAll(() => db.terminate());

const TENANT = 't-h';
const PHONE = '+27821230001';
const opts = { timeoutMs: 5_000 };
const historyDoc = (userId: string) => db.doc(`tenants/${TENANT}/userHistory/${userId}`);

function payment(userId: string, decisionId: string, n: number): HistoryUpdate {
  return {
    userId,
    payment: {
      decisionId,
      at: at(minutes(n)),
      amount: { minor: 1_000 + n, currency: 'ZAR' },
      action: 'APPROVE',
    },
  };
}

describe('userHistory documents (Firestore)', () => {
  it.each([
    ['on the version the hot path read', true],
    ['on a re-read of its own', false],
  ])(
    'reads a history written as maps; the next write, %s, replaces it with its text',
    async (_, hotPathReadFirst) => {
      const userId = uniqueId('user');
      // The form every history had before the text: maps and Timestamps.
      await historyDoc(userId).set({
        recentPayments: [
          {
            decisionId: 'd-old',
            at: Timestamp.fromDate(at(minutes(1))),
            amount: { minor: 500, currency: 'ZAR' },
            payeeAccountId: 'payee-1',
            action: 'STEP_UP',
          },
        ],
        lastImei: { imei: '356938035643809', phoneNumber: PHONE, at: Timestamp.fromDate(at(0)) },
        failedLogins: [Timestamp.fromDate(at(minutes(-5)))],
      });
      const store = new FirestoreRiskStateStore(db).forTenant(TENANT);
      if (hotPathReadFirst) {
        const { history } = await store.readSnapshot(userId, PHONE, opts);
        expect(history.recentPayments.map((p) => p.decisionId)).toEqual(['d-old']);
      }
      await store.applyHistory(payment(userId, 'd-new', 3));

      expect(Object.keys((await historyDoc(userId).get()).data() ?? {})).toEqual(['historyJson']);
      const { history } = await new FirestoreRiskStateStore(db)
        .forTenant(TENANT)
        .readSnapshot(userId, PHONE, opts);
      expect(history).toEqual({
        recentPayments: [
          payment(userId, 'd-new', 3).payment,
          {
            decisionId: 'd-old',
            at: at(minutes(1)),
            amount: { minor: 500, currency: 'ZAR' },
            payeeAccountId: 'payee-1',
            action: 'STEP_UP',
          },
        ],
        lastImei: { imei: '356938035643809', phoneNumber: PHONE, at: at(0) },
        failedLogins: [at(minutes(-5))],
      });
    },
  );

  it('writes maps when told (a release that reads only maps can still roll back), over a text too', async () => {
    const userId = uniqueId('user');
    await new FirestoreRiskStateStore(db).forTenant(TENANT).applyHistory(payment(userId, 'd-1', 1));
    expect(Object.keys((await historyDoc(userId).get()).data() ?? {})).toEqual(['historyJson']);
    const maps = new FirestoreRiskStateStore(db, { documentForm: 'maps' }).forTenant(TENANT);
    await maps.applyHistory(payment(userId, 'd-2', 2)); // a re-read, then an update
    await maps.applyHistory(payment(userId, 'd-3', 3)); // on the version it wrote
    const stored = (await historyDoc(userId).get()).data() ?? {};
    expect(Object.keys(stored).sort()).toEqual(['failedLogins', 'recentPayments']);
    expect(stored['recentPayments']).toHaveLength(3);
    const { history } = await new FirestoreRiskStateStore(db)
      .forTenant(TENANT)
      .readSnapshot(userId, PHONE, opts);
    expect(history.recentPayments.map((p) => p.decisionId)).toEqual(['d-3', 'd-2', 'd-1']);
  });

  it('keeps every part of a history through its text', async () => {
    const store = new FirestoreRiskStateStore(db).forTenant(TENANT);
    const userId = uniqueId('user');
    const update = {
      userId,
      payment: {
        decisionId: 'd-1',
        at: at(minutes(1)),
        amount: { minor: 12_345, currency: 'ZAR' },
        // A lone surrogate, as the edge accepts it in free text: kept as sent.
        payeeAccountId: 'payee-\ud800',
        action: 'DENY',
      },
      location: { lat: -26.2, lon: 28.04, accuracyM: 12.5, source: 'GPS', at: at(minutes(1)) },
      imei: { imei: '356938035643809', phoneNumber: PHONE, at: at(minutes(1)) },
    } satisfies HistoryUpdate;
    await store.recordFailedLogin(userId, at(minutes(-1)));
    await store.applyHistory(update);
    const { history } = await store.readSnapshot(userId, PHONE, opts);
    expect(history).toEqual({
      recentPayments: [update.payment],
      lastLocation: update.location,
      lastImei: update.imei,
      failedLogins: [at(minutes(-1))],
    });
    expect(typeof (await historyDoc(userId).get()).get('historyJson')).toBe('string');
  });

  it('reports a history text that is not a history by path, without its values', async () => {
    const store = new FirestoreRiskStateStore(db).forTenant(TENANT);
    const notJson = uniqueId('user');
    const wrongShape = uniqueId('user');
    await historyDoc(notJson).set({ historyJson: '{"recentPayments": [' });
    await historyDoc(wrongShape).set({
      historyJson: JSON.stringify({
        recentPayments: [{ decisionId: 'd-1', at: 'secret-value', amount: {}, action: 'APPROVE' }],
        failedLogins: [],
      }),
    });
    const unreadable = store.readSnapshot(notJson, PHONE, opts);
    await expect(unreadable).rejects.toBeInstanceOf(StoredDocumentInvalidError);
    await expect(unreadable).rejects.toThrow(`userHistory/${notJson} is invalid at historyJson`);
    const invalid = store.readSnapshot(wrongShape, PHONE, opts);
    await expect(invalid).rejects.toThrow(
      `userHistory/${wrongShape} is invalid at historyJson.recentPayments.0.at, ` +
        'historyJson.recentPayments.0.amount.minor, historyJson.recentPayments.0.amount.currency',
    );
    await expect(invalid).rejects.not.toThrow(/secret-value/);
  });
});
