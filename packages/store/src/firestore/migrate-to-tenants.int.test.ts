import { Firestore } from '@google-cloud/firestore';
import { afterAll, describe, expect, it } from 'vitest';
import { aDecisionRecord, aProfile, at } from '@sentinel/contracts/testing';
import { uniqueProjectId } from '../../../../test/support/emulator-env.ts';
import { idempotencyKey } from './collections.ts';
import { toDecisionData } from './decision-docs.ts';
import { FirestoreDecisionLog } from './firestore-decision-log.ts';
import { FirestoreRiskStateStore } from './firestore-risk-state-store.ts';
import { firestoreSettings } from './firestore-settings.ts';
import { migrateToTenants } from './migrate-to-tenants.ts';
import { storable } from './storable.ts';

const db = new Firestore(firestoreSettings({ projectId: uniqueProjectId('migrate') }));

afterAll(async () => {
  await db.terminate();
});

describe('migrateToTenants', () => {
  it('moves top-level customer documents, decisions, claims and outbox entries to their tenants', async () => {
    // A pre-tenancy database, written the way the old adapters wrote it.
    const profile = aProfile('u-1');
    await db.doc('users/u-1').set(storable(profile));
    await db.doc('accountFreezes/u-1').set({
      frozen: true,
      frozenAt: at(0),
      decisionId: 'd-0',
      reason: 'FLEET_ANOMALY',
    });
    await db.doc('behaviorBaselines/u-1/versions/0000000001').set({ version: 1 });
    const record = aDecisionRecord({ clientId: 'bank-b', transactionId: 'tx-1' });
    const { decisionId } = record.decision;
    await db.doc(`decisions/${decisionId}`).set(toDecisionData(record));
    await db
      .doc(`idempotency/${idempotencyKey('bank-b', 'tx-1')}`)
      .set({ decisionId, requestHash: record.requestHash, createdAt: record.decidedAt });
    await db.doc(`outbox/${decisionId}`).set({ decisionId, dueAt: record.decidedAt });

    const dryRun = await migrateToTenants(db, { tenant: 'bank-a', apply: false, deleteOld: false });
    expect(dryRun).toEqual({
      users: 1,
      accountFreezes: 1,
      behaviorBaselines: 1,
      decisions: 1,
      idempotency: 1,
      outbox: 1,
    });
    expect((await db.doc('tenants/bank-a/users/u-1').get()).exists).toBe(false);

    await migrateToTenants(db, { tenant: 'bank-a', apply: true, deleteOld: false });
    const store = new FirestoreRiskStateStore(db);
    expect(await store.forTenant('bank-a').getProfile('u-1')).toEqual(profile);
    expect((await store.forTenant('bank-a').getAccountFreeze('u-1')).frozen).toBe(true);
    expect(await store.forTenant('bank-b').getProfile('u-1')).toBeNull();
    expect(
      (await db.doc('tenants/bank-a/behaviorBaselines/u-1/versions/0000000001').get()).exists,
    ).toBe(true);
    const log = new FirestoreDecisionLog(db);
    expect(await log.get('bank-b', decisionId)).toEqual(record);
    // The moved claim still arbitrates: a retry gets the recorded decision back.
    const retry = await log.record(aDecisionRecord({ clientId: 'bank-b', transactionId: 'tx-1' }));
    expect(retry.existing?.decision.decisionId).toBe(decisionId);
    expect((await log.dueOutbox(at(3_600_000), 10)).map((r) => r.decision.decisionId)).toEqual([
      decisionId,
    ]);

    await migrateToTenants(db, { tenant: 'bank-a', apply: true, deleteOld: true });
    for (const path of ['users/u-1', 'accountFreezes/u-1', `decisions/${decisionId}`]) {
      expect((await db.doc(path).get()).exists).toBe(false);
    }
    expect((await db.doc('behaviorBaselines/u-1/versions/0000000001').get()).exists).toBe(false);
    expect(await store.forTenant('bank-a').getProfile('u-1')).toEqual(profile);
  });
});
