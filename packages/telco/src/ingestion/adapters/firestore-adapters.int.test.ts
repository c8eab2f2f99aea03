import { Firestore } from '@google-cloud/firestore';
import { firestoreSettings } from '@sentinel/store';
import { afterAll } from 'vitest';
import { uniqueProjectId } from '../../../../../test/support/emulator-env.ts';
import { runEventLedgerContract } from '../contract/event-ledger.contract.ts';
import { runSubscriptionRefsContract } from '../contract/subscription-refs.contract.ts';
import { runWatchedNumbersContract } from '../contract/watched-numbers.contract.ts';
import { FirestoreEventLedger } from './firestore-event-ledger.ts';
import { FirestoreSubscriptionRefs } from './firestore-subscription-refs.ts';
import { FirestoreWatchedNumbers } from './firestore-watched-numbers.ts';

// A fresh project (an empty database) per test: list() and the id query see whole collections.
const clients: Firestore[] = [];
function client(): Firestore {
  const db = new Firestore(firestoreSettings({ projectId: uniqueProjectId('telco-adapters') }));
  clients.push(db);
  return db;
}

afterAll(async () => {
  await Promise.all(clients.map((db) => db.terminate()));
});

runWatchedNumbersContract('firestore', () => new FirestoreWatchedNumbers(client()));
runEventLedgerContract('firestore', (opts) => new FirestoreEventLedger(client(), opts));
runSubscriptionRefsContract('firestore', () => new FirestoreSubscriptionRefs(client()));
