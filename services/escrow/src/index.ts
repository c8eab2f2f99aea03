// @sentinel/escrow: the escrow of held payments (issue 12).
export * from './app/escrow-service.ts';
export * from './app/ports.ts';
export * from './domain/escrow-machine.ts';
export * from './webhooks/deliver.ts';
export * from './webhooks/endpoints.ts';
export * from './webhooks/retry-schedule.ts';
export * from './webhooks/signing.ts';
export * from './config.ts';
export { ESCROW_TARGETS } from './functions.ts';
