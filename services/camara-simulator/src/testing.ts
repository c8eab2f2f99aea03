// Test support of the CAMARA simulator (import as '@sentinel/camara-simulator/testing').
export * from './testing/simulator-harness.ts';
