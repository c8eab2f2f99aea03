import { Firestore } from '@google-cloud/firestore';
import { afterAll } from 'vitest';
import { uniqueProjectId } from '../../../../test/support/emulator-env.ts';
import { runCustomerFactorsContract } from '../contract/customer-factors.contract.ts';
import { FirestoreCustomerFactors } from './firestore-customer-factors.ts';
import { firestoreSettings } from './firestore-settings.ts';

// One client: every test of the contract uses its own tenants and user ids.
const db = new Firestore(firestoreSettings({ projectId: uniqueProjectId('factors') }));
afterAll(() => db.terminate());

runCustomerFactorsContract('firestore', () => new FirestoreCustomerFactors(db));
