// Public surface of @sentinel/store: the ports and their in-memory and Firestore adapters.
export * from './ports/account-freezes.ts';
export * from './ports/behavior-store.ts';
export * from './ports/decision-log.ts';
export * from './ports/policy-store.ts';
export * from './ports/risk-state.ts';
export * from './behavior/session-buffer.ts';
export * from './memory/memory-decision-log.ts';
export * from './memory/memory-policy-store.ts';
export * from './memory/memory-risk-state-store.ts';
export * from './firestore/collections.ts';
export * from './firestore/firestore-decision-log.ts';
export * from './firestore/firestore-policy-store.ts';
export * from './firestore/firestore-risk-state-store.ts';
export * from './firestore/firestore-settings.ts';
