// What tests and local tooling may use from the CAMARA simulator: its composition and config.
export * from './compose-simulator.ts';
export * from './config.ts';
export * from './store/memory-simulator-store.ts';
