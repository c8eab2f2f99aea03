import { Firestore } from '@google-cloud/firestore';
import { FirestoreCustomerFactors, firestoreSettings } from '@sentinel/store';
import { afterAll } from 'vitest';
import { uniqueProjectId } from '../../../../test/support/emulator-env.ts';
import { runFactorServiceScenarios } from './testing/factor-scenarios.ts';

// One emulator project for the file; every scenario uses its own tenant.
const db = new Firestore(firestoreSettings({ projectId: uniqueProjectId('auth-factors') }));
afterAll(() => db.terminate());

runFactorServiceScenarios('Firestore (emulator)', () => new FirestoreCustomerFactors(db));
