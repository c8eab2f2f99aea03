// Test support of @sentinel/store (import as '@sentinel/store/testing'): the contract suite of each
// port, run against every adapter.
export * from './contract/behavior-state.contract.ts';
export * from './contract/customer-factors.contract.ts';
export * from './contract/decision-log.contract.ts';
export * from './contract/policy-store.contract.ts';
export * from './contract/risk-state-store.contract.ts';
export * from './contract/tenant-isolation.contract.ts';
export * from './contract/step-up-challenges.contract.ts';
export * from './contract/enrolled-factors.contract.ts';
export * from './contract/reported-outcomes.contract.ts';
export * from './firestore/testing/hot-read-documents.ts';
