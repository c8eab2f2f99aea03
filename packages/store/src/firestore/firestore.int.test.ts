import { Firestore } from '@google-cloud/firestore';
import { afterAll } from 'vitest';
import { uniqueProjectId } from '../../../../test/support/emulator-env.ts';
import { runBehaviorStateContract } from '../contract/behavior-state.contract.ts';
import { runEnrolledFactorsContract } from '../contract/enrolled-factors.contract.ts';
import { runDecisionLogContract } from '../contract/decision-log.contract.ts';
import {
  runPolicyScopesContract,
  runPolicyStoreContract,
} from '../contract/policy-store.contract.ts';
import { runRiskStateStoreContract } from '../contract/risk-state-store.contract.ts';
import { runStepUpChallengesContract } from '../contract/step-up-challenges.contract.ts';
import { runTenantIsolationContract } from '../contract/tenant-isolation.contract.ts';
import { FirestoreCustomerFactors } from './firestore-customer-factors.ts';
import { FirestoreDecisionLog } from './firestore-decision-log.ts';
import { FirestoreStepUpChallenges } from './firestore-step-up-challenges.ts';
import { firestoreSettings } from './firestore-settings.ts';
import { FirestorePolicyStores } from './firestore-policy-store.ts';
import { FirestoreRiskStateStore } from './firestore-risk-state-store.ts';

// One client for the state store (its tests use unique ids); a fresh project, hence an empty
// database, for every decision-log and policy-store test (their queries see the whole collection).
const clients: Firestore[] = [];
function client(): Firestore {
  const db = new Firestore(firestoreSettings({ projectId: uniqueProjectId('adapters') }));
  clients.push(db);
  return db;
}
const shared = client();

afterAll(async () => {
  await Promise.all(clients.map((db) => db.terminate()));
});

runRiskStateStoreContract('firestore', () => new FirestoreRiskStateStore(shared));
runBehaviorStateContract('firestore', () => new FirestoreRiskStateStore(shared));
runTenantIsolationContract('firestore', () => new FirestoreRiskStateStore(shared));
runDecisionLogContract('firestore', () => new FirestoreDecisionLog(client()));
runPolicyStoreContract('firestore platform', () => new FirestorePolicyStores(client()).platform);
runPolicyStoreContract('firestore tenant', () =>
  new FirestorePolicyStores(client()).forTenant('bank-a'),
);
runPolicyScopesContract('firestore', () => new FirestorePolicyStores(client()));
runStepUpChallengesContract('firestore', () => {
  const db = client();
  return { log: new FirestoreDecisionLog(db), challenges: new FirestoreStepUpChallenges(db) };
});
runEnrolledFactorsContract('firestore', () => ({
  state: new FirestoreRiskStateStore(shared),
  factors: new FirestoreCustomerFactors(shared),
}));
