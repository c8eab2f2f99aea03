// Test support of @sentinel/escrow (import as '@sentinel/escrow/testing').
export * from './testing/webhook-fixtures.ts';
export * from './testing/webhook-receiver.ts';
export * from './testing/local-webhook-receiver.ts';
export * from './testing/test-escrow.ts';
export { escrowFunctionsServer } from './local-server.ts';
export { registerEscrowFunctions } from './functions.ts';
