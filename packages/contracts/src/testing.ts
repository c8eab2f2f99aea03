// Test support of @sentinel/contracts (import as '@sentinel/contracts/testing').
export * from './testing/fixtures.ts';
