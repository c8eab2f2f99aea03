// Issue 11, item 7, on the Firestore emulator: the factor service writes
// tenants/{t}/factors/{userId}; risk-api's one getAll reads the same document.
import { Firestore } from '@google-cloud/firestore';
import { afterAll, describe, it } from 'vitest';
import {
  FirestoreCustomerFactors,
  FirestoreDecisionLog,
  FirestorePolicyStores,
  FirestoreRiskStateStore,
  firestoreSettings,
} from '@sentinel/store';
import { MemoryDecisionEventPublisher } from '@sentinel/risk-api';
import { settableClock, TENANT } from '@sentinel/risk-api/testing';
import { uniqueProjectId } from './support/emulator-env.ts';
import { enrolDeleteAndPay } from './support/factors-and-risk.ts';

const db = new Firestore({
  ...firestoreSettings({ projectId: uniqueProjectId('enrolled-factors') }),
  ignoreUndefinedProperties: true,
});
afterAll(() => db.terminate());

describe('enrolled factors, one source of truth (Firestore emulator)', () => {
  it('risk-api offers what the factor service enrolled, and stops when it is deleted or locked', async () => {
    const log = new FirestoreDecisionLog(db);
    await enrolDeleteAndPay({
      adapters: {
        state: new FirestoreRiskStateStore(db),
        log,
        policyStores: new FirestorePolicyStores(db),
        publisher: new MemoryDecisionEventPublisher(),
      },
      factors: new FirestoreCustomerFactors(db),
      clock: settableClock(),
      record: (id) => log.get(TENANT, id),
    });
  }, 30_000);
});
