// Test support of the risk-api (import as '@sentinel/risk-api/testing').
export * from './testing/harness.ts';
export * from './testing/shield-customer.ts';
export * from './testing/backtest-scenario.ts';
export * from './testing/payment-arbitraries.ts';
export * from './testing/near-valid-payment.ts';
export { memoryFeedSource } from './console/feed-source.ts';
