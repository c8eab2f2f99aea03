import { Firestore } from '@google-cloud/firestore';
import { afterAll } from 'vitest';
import { uniqueProjectId } from '../../../../test/support/emulator-env.ts';
import { runReportedOutcomesContract } from '../contract/reported-outcomes.contract.ts';
import { FirestoreReportedOutcomes } from './firestore-reported-outcomes.ts';
import { firestoreSettings } from './firestore-settings.ts';

// A fresh project, hence an empty database, per test: the outbox query sees the whole collection.
const clients: Firestore[] = [];

afterAll(async () => {
  await Promise.all(clients.map((db) => db.terminate()));
});

runReportedOutcomesContract('firestore', () => {
  const db = new Firestore(firestoreSettings({ projectId: uniqueProjectId('reported-outcomes') }));
  clients.push(db);
  return new FirestoreReportedOutcomes(db);
});
