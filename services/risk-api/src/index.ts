// What cross-service tests, benchmarks and local tooling may use from the risk-api: its
// composition, configuration, request schemas and Pub/Sub adapters. No other service imports it.
export * from './compose.ts';
export * from './config.ts';
export * from './http/schemas.ts';
export { compiledAssessPaymentRequest } from './http/assess-body-validator.ts';
export * from './app/fallback-outbox.ts';
export * from './adapters/memory/memory-decision-event-publisher.ts';
export * from './adapters/pubsub/pubsub-decision-event-publisher.ts';
export * from './app/canonical-hash.ts';
export * from './adapters/memory/memory-outcome-event-publisher.ts';
export * from './ports/outcome-event-publisher.ts';
export * from './backtest/run-backtest.ts';
export { workerHeap } from './workers.ts';
