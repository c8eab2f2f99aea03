import { Firestore } from '@google-cloud/firestore';
import { afterAll } from 'vitest';
import { uniqueProjectId } from '../../../../test/support/emulator-env.ts';
import { FirestoreSimulatorStore } from './firestore-simulator-store.ts';
import { runSimulatorStoreContract } from './simulator-store.contract.ts';

// A fresh project, hence an empty database, for every test: list queries see whole collections.
const clients: Firestore[] = [];
afterAll(async () => {
  await Promise.all(clients.map((db) => db.terminate()));
});

runSimulatorStoreContract('firestore', () => {
  const db = new Firestore({ projectId: uniqueProjectId('telco-sim'), preferRest: false });
  clients.push(db);
  return new FirestoreSimulatorStore(db);
});
