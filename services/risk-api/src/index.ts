// What other services may use from the risk-api: the payer-state port and its adapters, so the
// telco ingestion writes SIM swap signals in exactly the document shape the hot path reads.
export type { RiskStateStore, RiskSnapshot } from './ports/risk-state.ts';
export { StoreUnavailableError } from './ports/risk-state.ts';
export { FirestoreRiskStateStore } from './adapters/firestore/firestore-risk-state-store.ts';
export { MemoryRiskStateStore } from './adapters/memory/memory-risk-state-store.ts';
export { firestoreSettings } from './adapters/firestore/firestore-settings.ts';
